package io.platform.support.web;

import org.springframework.http.HttpStatus;

/** The caller has not said who they are, or the credentials they sent are not (or no longer) valid. */
public final class UnauthorizedException extends PlatformException {

	public UnauthorizedException(String detail) {
		super(detail);
	}

	@Override
	public HttpStatus status() {
		return HttpStatus.UNAUTHORIZED;
	}

	@Override
	public String title() {
		return "Sign-in required";
	}

}
