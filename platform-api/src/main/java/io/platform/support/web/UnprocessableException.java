package io.platform.support.web;

import org.springframework.http.HttpStatus;

/**
 * The request was understood and allowed, but what it carries could not be applied as given (an SQL
 * script the target database refused): sending it again unchanged fails again. Open for the features that
 * add what failed to the answer in their own subtype.
 */
public non-sealed class UnprocessableException extends PlatformException {

	public UnprocessableException(String detail, Throwable cause) {
		super(detail, cause);
	}

	@Override
	public HttpStatus status() {
		return HttpStatus.UNPROCESSABLE_CONTENT;
	}

	@Override
	public String title() {
		return "Unprocessable content";
	}

}
