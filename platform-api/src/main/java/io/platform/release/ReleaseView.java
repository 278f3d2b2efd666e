package io.platform.release;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.platform.git.BranchHead;

/** A release as the API shows it (docs/api.md). */
record ReleaseView(long id, String title, String description, String rollbackPlan, String author, Instant createdAt,
		Instant updatedAt, List<ReleaseItemView> items, List<Stage> stages) {

	record Stage(String env, StageStatus status, int requiredApprovals, List<Approval> approvals,
			List<StageDeployment> deployments, List<String> skipped, Instant startedAt, Instant finishedAt,
			String startedBy, String error, String signedOffBy, Instant signedOffAt, String signOffComment,
			Map<String, List<BranchHead>> signedOffHeads, boolean emergency, String emergencyReason,
			String emergencyBy) {
	}

	record Approval(String by, ReleaseApproval.Decision decision, String comment, Instant at) {
	}

	record StageDeployment(String app, long id) {
	}

}
