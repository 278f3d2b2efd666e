package io.platform.environment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The value of a binding and whether it is a secret. */
public record BindingRequest(@NotNull(message = "is required") @Size(max = 8192, message = "must be at most 8192 characters") String value,
		boolean secret) {
}
