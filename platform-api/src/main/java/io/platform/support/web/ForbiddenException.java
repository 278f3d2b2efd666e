package io.platform.support.web;

import org.springframework.http.HttpStatus;

/** The caller is known but may not do this; the detail names the role or approval that is missing. */
public final class ForbiddenException extends PlatformException {

	public ForbiddenException(String detail) {
		super(detail);
	}

	@Override
	public HttpStatus status() {
		return HttpStatus.FORBIDDEN;
	}

	@Override
	public String title() {
		return "Not allowed";
	}

}
