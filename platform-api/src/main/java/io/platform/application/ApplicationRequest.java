package io.platform.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a client sends to register or update a service. Optional fields left out take the defaults of
 * {@link ApplicationService}.
 */
public record ApplicationRequest(
		@NotBlank(message = "is required")
		@Size(max = 63, message = "must be at most 63 characters")
		@Pattern(regexp = "[a-z]([a-z0-9-]*[a-z0-9])?",
				message = "must be lowercase letters, digits and '-', start with a letter and not end with '-' (it becomes part of a host name)")
		String name,
		@NotBlank(message = "is required") @Size(max = 1024, message = "must be at most 1024 characters") String repoUrl,
		@Size(max = 1024, message = "must be at most 1024 characters") String buildCommand,
		@Size(max = 512, message = "must be at most 512 characters") String artifact,
		@Min(value = 1, message = "must be between 1 and 65535") @Max(value = 65535, message = "must be between 1 and 65535") Integer port,
		@Size(max = 255, message = "must be at most 255 characters")
		@Pattern(regexp = "/[^\\s?#]*", message = "must be a path starting with '/', without spaces, query or fragment")
		String healthPath,
		@Size(max = 1024, message = "must be at most 1024 characters") String jvmOptions) {
}
