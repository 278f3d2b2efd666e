package io.platform.application;

/**
 * Published inside the registration's transaction, on the thread of the request that registered the
 * service, so that features keeping state per service (its members) can set it up.
 */
public record ApplicationCreated(String name) {
}
