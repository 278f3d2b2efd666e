package io.platform.env.runtime;

/** The runtime refused or failed an operation; the message says what and why, for a person to act on. */
public class RuntimeFailure extends RuntimeException {

	public RuntimeFailure(String message) {
		super(message);
	}

	public RuntimeFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
