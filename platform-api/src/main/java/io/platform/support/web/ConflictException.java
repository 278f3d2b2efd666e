package io.platform.support.web;

import org.springframework.http.HttpStatus;

/** The request clashes with the current state (a name taken, a deployment already running). */
public final class ConflictException extends PlatformException {

	public ConflictException(String detail) {
		super(detail);
	}

	@Override
	public HttpStatus status() {
		return HttpStatus.CONFLICT;
	}

	@Override
	public String title() {
		return "Conflict";
	}

}
