package io.platform.deployment;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a deployment (the action) is going; what actually runs is reported separately as workload health.
 * QUEUED -> BUILDING -> STARTING -> RUNNING; any non-final -> FAILED or CANCELLED; RUNNING -> SUPERSEDED.
 */
public enum DeploymentStatus {

	QUEUED, BUILDING, STARTING, RUNNING, SUPERSEDED, FAILED, CANCELLED;

	/** Between QUEUED and RUNNING: at most one per service and environment. */
	public boolean isActive() {
		return this == QUEUED || this == BUILDING || this == STARTING;
	}

	public boolean canMoveTo(DeploymentStatus next) {
		return allowedNext().contains(next);
	}

	private Set<DeploymentStatus> allowedNext() {
		return switch (this) {
			case QUEUED -> EnumSet.of(BUILDING, STARTING, FAILED, CANCELLED);
			case BUILDING -> EnumSet.of(STARTING, FAILED, CANCELLED);
			case STARTING -> EnumSet.of(RUNNING, FAILED, CANCELLED);
			case RUNNING -> EnumSet.of(SUPERSEDED);
			case SUPERSEDED, FAILED, CANCELLED -> EnumSet.noneOf(DeploymentStatus.class);
		};
	}

}
