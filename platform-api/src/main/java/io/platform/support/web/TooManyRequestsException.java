package io.platform.support.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/** Refused for now (repeated failed sign-ins); {@link #retryAfter()} says when to try again. */
public final class TooManyRequestsException extends PlatformException {

	private final Duration retryAfter;

	public TooManyRequestsException(String detail, Duration retryAfter) {
		super(detail);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}

	@Override
	public HttpStatus status() {
		return HttpStatus.TOO_MANY_REQUESTS;
	}

	@Override
	public String title() {
		return "Too many attempts";
	}

}
