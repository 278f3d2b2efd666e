package io.platform.gitlab;

import java.time.Instant;

/** A connection as the API shows it: never the token. {@code username} is whom the token acts as. */
record GitLabConnectionView(long id, String name, String baseUrl, String username, Instant createdAt) {

	static GitLabConnectionView of(GitLabConnection connection) {
		return new GitLabConnectionView(connection.getId(), connection.getName(), connection.getBaseUrl(),
				connection.getUsername(), connection.getCreatedAt());
	}

}
