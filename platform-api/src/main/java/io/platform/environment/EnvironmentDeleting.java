package io.platform.environment;

/**
 * Published inside the removal's transaction before an environment is removed, so that features with
 * state in it (deployments) can refuse with a ConflictException while something runs there.
 */
public record EnvironmentDeleting(String name) {
}
