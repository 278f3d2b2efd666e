package io.platform.deployment;

import java.util.List;

import io.platform.git.BranchHead;

/**
 * What runs in one environment and not in another, per service: the branch heads each side runs that the
 * other does not (a branch at two different commits shows on both sides).
 */
public record EnvironmentDiff(String from, String to, List<AppDiff> apps, BindingDiff bindings) {

	/** Binding keys one environment has and the other lacks (config drift); values are not compared. */
	public record BindingDiff(List<String> onlyInFrom, List<String> onlyInTo) {
	}

	/** {@code from}/{@code to}: what runs on each side ({@code null}: nothing). */
	public record AppDiff(String app, Side from, Side to, List<BranchHead> onlyInFrom, List<BranchHead> onlyInTo,
			boolean same) {
	}

	public record Side(long deploymentId, List<String> branches, String commit, Integer buildNumber) {

		static Side of(Deployment d) {
			return d == null ? null : new Side(d.getId(), d.branchList(), d.getCommit(), d.getBuildNumber());
		}

	}

}
