package io.platform.support.web;

import org.springframework.http.HttpStatus;

/** Something the request names does not exist. */
public final class NotFoundException extends PlatformException {

	public NotFoundException(String detail) {
		super(detail);
	}

	@Override
	public HttpStatus status() {
		return HttpStatus.NOT_FOUND;
	}

	@Override
	public String title() {
		return "Not found";
	}

}
