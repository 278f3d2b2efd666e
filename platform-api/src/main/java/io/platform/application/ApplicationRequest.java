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
		@Size(max = 1024, message = "must be at most 1024 characters") String jvmOptions,
		@Size(max = 255, message = "must be at most 255 characters")
		@Pattern(regexp = IMAGE_REFERENCE,
				message = "must be a Docker image reference such as maven:3.9-eclipse-temurin-17 or registry.example.com/team/build:1 (lowercase name, optional tag or digest)")
		String buildImage) {

	/**
	 * A Docker image reference: an optional registry host (with port), lowercase path components joined by
	 * {@code /}, then an optional tag and an optional digest (the grammar of the distribution reference).
	 * Empty passes: a form that clears the field sends it so, and it means the platform's default.
	 */
	static final String IMAGE_REFERENCE = "(?:(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?"
			+ "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*"
			+ "(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?)?";

	/** Without a build image: the platform's default. */
	public ApplicationRequest(String name, String repoUrl, String buildCommand, String artifact, Integer port,
			String healthPath, String jvmOptions) {
		this(name, repoUrl, buildCommand, artifact, port, healthPath, jvmOptions, null);
	}

}
