package io.platform.git;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The provider the rest of the platform talks to: hands each call to the scoped provider that serves
 * the service (GitLab for imported projects), else to plain Git. Every branch and start point is checked
 * against Git's ref-name rules here first, whichever path it came by (request, redeploy, push).
 */
@Primary
@Component
class GitProviders implements GitProvider {

	private final GitProvider plain;

	private final ObjectProvider<ScopedGitProvider> scoped;

	GitProviders(@Qualifier(PlainGit.NAME) GitProvider plain, ObjectProvider<ScopedGitProvider> scoped) {
		this.plain = plain;
		this.scoped = scoped;
	}

	private GitProvider providerFor(GitRemote remote) {
		return scoped.orderedStream().filter(p -> p.serves(remote)).findFirst().map(GitProvider.class::cast).orElse(plain);
	}

	@Override
	public List<Branch> branches(GitRemote remote) {
		return providerFor(remote).branches(remote);
	}

	@Override
	public BranchPage branches(GitRemote remote, String search, int page, int perPage) {
		return providerFor(remote).branches(remote, search, page, perPage);
	}

	@Override
	public Branch createBranch(GitRemote remote, String name, String from) {
		if (name != null && !name.isEmpty()) {
			BranchNames.requireNewBranch(name);
		}
		if (from != null && !from.isBlank()) {
			BranchNames.requireStartPoint("from", from.strip());
		}
		return providerFor(remote).createBranch(remote, name, from);
	}

	@Override
	public List<BranchHead> resolve(GitRemote remote, List<String> branches) {
		branches.forEach(branch -> BranchNames.requireBranch("branches", branch));
		return providerFor(remote).resolve(remote, branches);
	}

	@Override
	public Integration integrate(GitRemote remote, List<BranchHead> heads, Path workTree, Consumer<String> log) {
		return providerFor(remote).integrate(remote, heads, workTree, log);
	}

	@Override
	public void forget(GitRemote remote) {
		// The mirror is the plain provider's whichever provider served the service.
		plain.forget(remote);
	}

}
