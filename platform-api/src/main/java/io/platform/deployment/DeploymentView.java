package io.platform.deployment;

import java.time.Instant;
import java.util.List;

import io.platform.git.BranchHead;

/** A deployment as the API shows it (docs/api.md). */
public record DeploymentView(long id, String app, String env, DeploymentKind kind, Long sourceId,
		List<String> branches, List<BranchHead> heads, String commit, Integer buildNumber, String image,
		DeploymentStatus status, String step, String url, String error, String requestedBy, Instant createdAt,
		Instant startedAt, Instant finishedAt, List<StepView> steps, WorkloadHealth health,
		Long releaseId) {

	/**
	 * What actually runs, kept apart from how the deployment went: only a RUNNING deployment has an
	 * instance to look at ({@code null} otherwise).
	 */
	public enum WorkloadHealth {

		/** The instance runs. */
		HEALTHY,
		/** The runtime is (re)starting the instance. */
		PROGRESSING,
		/** The instance exists but has stopped (crashed or was stopped outside the platform). */
		DEGRADED,
		/** The runtime no longer has the instance. */
		MISSING

	}

	public record StepView(String name, StepStatus status, Instant startedAt, Instant finishedAt, String message) {

		static StepView of(DeploymentStep step) {
			return new StepView(step.getName().label(), step.getStatus(), step.getStartedAt(), step.getFinishedAt(),
					step.getMessage());
		}

	}

	static DeploymentView of(Deployment d, List<DeploymentStep> steps, WorkloadHealth health) {
		return new DeploymentView(d.getId(), d.getApp(), d.getEnv(), d.getKind(), d.getSourceId(), d.branchList(),
				d.headList(), d.getCommit(), d.getBuildNumber(), d.getImage(), d.getStatus(),
				d.getStep() == null ? null : d.getStep().label(), d.getUrl(), d.getError(), d.getRequestedBy(),
				d.getCreatedAt(), d.getStartedAt(), d.getFinishedAt(), steps.stream().map(StepView::of).toList(), health,
				d.getReleaseId());
	}

}
