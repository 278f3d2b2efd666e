package io.platform.git;

import java.time.Instant;

/** A branch as a Git provider reports it: its head commit and who made it when. */
public record Branch(String name, String commit, String message, String author, Instant committedAt) {
}
