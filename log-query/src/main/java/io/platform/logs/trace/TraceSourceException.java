package io.platform.logs.trace;

/**
 * The trace backend could not answer: unreachable, too slow, or it refused the query. The message names the
 * backend's URL and what went wrong.
 */
public class TraceSourceException extends RuntimeException {

	public TraceSourceException(String message) {
		super(message);
	}

	public TraceSourceException(String message, Throwable cause) {
		super(message, cause);
	}

}
