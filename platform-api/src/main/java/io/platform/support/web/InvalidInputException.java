package io.platform.support.web;

import org.springframework.http.HttpStatus;

/** The request itself is wrong; {@code field} names the offending input when there is one. */
public final class InvalidInputException extends PlatformException {

	private final String field;

	public InvalidInputException(String field, String detail) {
		super(detail);
		this.field = field;
	}

	public String field() {
		return field;
	}

	@Override
	public HttpStatus status() {
		return HttpStatus.BAD_REQUEST;
	}

	@Override
	public String title() {
		return "Invalid input";
	}

}
