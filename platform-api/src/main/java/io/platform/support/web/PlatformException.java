package io.platform.support.web;

import org.springframework.http.HttpStatus;

/**
 * An error a person can act on. Each subtype maps to one HTTP status; {@link ProblemDetailsHandler} turns
 * them into RFC 9457 problem details, so controllers and services only throw.
 */
public abstract sealed class PlatformException extends RuntimeException
		permits NotFoundException, ConflictException, InvalidInputException, UpstreamException, UnauthorizedException,
		ForbiddenException, TooManyRequestsException, UnprocessableException {

	protected PlatformException(String detail) {
		super(detail);
	}

	protected PlatformException(String detail, Throwable cause) {
		super(detail, cause);
	}

	public abstract HttpStatus status();

	/** Short title of the problem type, shown above the detail. */
	public abstract String title();

}
