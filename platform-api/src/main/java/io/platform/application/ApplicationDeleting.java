package io.platform.application;

/**
 * Published inside the deletion's transaction before a service is removed, so that features holding
 * state about it (deployments, their instances) can clean up, or refuse with a ConflictException.
 */
public record ApplicationDeleting(String name) {
}
