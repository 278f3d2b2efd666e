package io.platform.support.web;

import org.springframework.http.HttpStatus;

/** A system the platform depends on (a Git remote, a Docker engine) failed or could not be reached. */
public final class UpstreamException extends PlatformException {

	public UpstreamException(String detail, Throwable cause) {
		super(detail, cause);
	}

	@Override
	public HttpStatus status() {
		return HttpStatus.BAD_GATEWAY;
	}

	@Override
	public String title() {
		return "Upstream failure";
	}

}
