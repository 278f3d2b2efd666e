package io.platform.support.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * Refused for now (repeated failed sign-ins, a full queue, too many open streams); {@link #retryAfter()}
 * says when to try again.
 */
public final class TooManyRequestsException extends PlatformException {

	private final Duration retryAfter;

	private final String title;

	public TooManyRequestsException(String detail, Duration retryAfter) {
		this(detail, retryAfter, "Too many attempts");
	}

	public TooManyRequestsException(String detail, Duration retryAfter, String title) {
		super(detail);
		this.retryAfter = retryAfter;
		this.title = title;
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
		return title;
	}

}
