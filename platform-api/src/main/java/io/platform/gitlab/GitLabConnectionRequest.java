package io.platform.gitlab;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A GitLab instance to connect: its base URL (https://gitlab.example.com) and an access token. */
record GitLabConnectionRequest(
		@NotBlank(message = "is required") @Size(max = 63, message = "must be at most 63 characters")
		@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "must be letters, digits, '.', '_' or '-'")
		String name,
		@NotBlank(message = "is required") @Size(max = 1024, message = "must be at most 1024 characters") String baseUrl,
		@NotBlank(message = "is required (a personal, group or project access token)")
		@Size(max = 1024, message = "must be at most 1024 characters") String token) {

	// The token never reaches a log, even when a request is printed.
	@Override
	public String toString() {
		return "GitLabConnectionRequest[name=" + name + ", baseUrl=" + baseUrl + ", token=******]";
	}

}
