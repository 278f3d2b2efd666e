package io.platform.gitlab;

import java.util.List;

/**
 * What a push webhook did: the redeployments it started and the environments it left alone and why, or
 * {@code ignored} with the reason nothing applied (a tag push, a deleted branch).
 */
record PushOutcome(String service, String branch, List<Started> started, List<Skipped> skipped, String ignored) {

	static PushOutcome ignored(String service, String reason) {
		return new PushOutcome(service, null, List.of(), List.of(), reason);
	}

	/** A redeployment of {@code source}, now queued as {@code deployment}. */
	record Started(String env, long deployment, long source) {
	}

	record Skipped(String env, String reason) {
	}

}
