package io.platform.git;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where services' code comes from. The plain Git implementation works with any URL the platform can
 * reach; a GitLab implementation talks to GitLab's API for listing and creating branches and falls back
 * on Git for the rest.
 *
 * <p>Errors: an invalid branch name or unknown ref raises {@code InvalidInputException}, an existing
 * branch {@code ConflictException}, an unreachable repository {@code UpstreamException} naming the
 * (masked) URL and the cause.
 */
public interface GitProvider {

	/** The branches of the remote, by name, with their head commits; refreshes the local mirror first. */
	List<Branch> branches(GitRemote remote);

	/**
	 * One page of the branches whose name contains {@code search} (any case; all when blank), pages counted
	 * from 1. Providers with an API page there; the default cuts the page out of {@link #branches}.
	 */
	default BranchPage branches(GitRemote remote, String search, int page, int perPage) {
		return BranchPage.of(branches(remote), search, page, perPage);
	}

	/** Creates {@code name} on the remote at {@code from} (a branch, a tag or a commit id). */
	Branch createBranch(GitRemote remote, String name, String from);

	/**
	 * Resolves each branch to its current head on the remote, in the given order: from the freshly fetched
	 * mirror, or from the remote's refs while the service has no mirror yet.
	 */
	List<BranchHead> resolve(GitRemote remote, List<String> branches);

	/**
	 * Checks out the first head into {@code workTree} and merges the others into it in order, as a local
	 * commit that is never pushed.
	 * @throws MergeConflictException when a merge does not resolve automatically
	 */
	Integration integrate(GitRemote remote, List<BranchHead> heads, Path workTree, Consumer<String> log);

	/** Drops the local mirror of a service that is no longer registered. */
	void forget(GitRemote remote);

}
