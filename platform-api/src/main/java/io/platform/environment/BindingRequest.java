package io.platform.environment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The value of a binding and whether it is a secret. {@code secret} left out: a binding that exists keeps
 * its flag (a secret stays a secret), a new one is not secret.
 */
public record BindingRequest(@NotNull(message = "is required") @Size(max = 8192, message = "must be at most 8192 characters") String value,
		Boolean secret) {

	public BindingRequest(String value, boolean secret) {
		this(value, Boolean.valueOf(secret));
	}

}
