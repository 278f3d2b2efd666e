package io.platform.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What runs where: services x environments (docs/api.md). */
public record OverviewView(List<String> environments, List<AppRow> apps) {

	public record AppRow(String app, Map<String, Cell> cells) {
	}

	/** {@code running}: the deployment serving now; {@code active}: one in progress. */
	public record Cell(Summary running, Summary active) {
	}

	public record Summary(long id, List<String> branches, String commit, Integer buildNumber,
			DeploymentStatus status, String step, String url, Instant since) {

		static Summary of(Deployment d) {
			Instant since = d.getStatus() == DeploymentStatus.RUNNING ? d.getFinishedAt() : d.getCreatedAt();
			return new Summary(d.getId(), d.branchList(), d.getCommit(), d.getBuildNumber(), d.getStatus(),
					d.getStep() == null ? null : d.getStep().label(), d.getUrl(), since);
		}

	}

}
