package io.platform.git;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A branch as a Git provider reports it: its head commit and who made it when. {@code protected},
 * {@code default} and {@code merged} are known only to hosting services (GitLab) and null otherwise.
 */
public record Branch(String name, String commit, String message, String author, Instant committedAt,
		@JsonProperty("protected") Boolean protectedBranch, @JsonProperty("default") Boolean defaultBranch,
		Boolean merged) {

	public Branch(String name, String commit, String message, String author, Instant committedAt) {
		this(name, commit, message, author, committedAt, null, null, null);
	}

}
