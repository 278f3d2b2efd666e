package io.platform.gitlab;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.outbound.OutboundRules;
import io.platform.git.Branch;
import io.platform.git.BranchHead;
import io.platform.git.BranchPage;
import io.platform.git.GitProvider;
import io.platform.git.GitRemote;
import io.platform.git.Integration;
import io.platform.git.PlainGit;
import io.platform.git.ScopedGitProvider;
import io.platform.gitlab.GitLabMappers.ProjectMapper;
import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.PlatformException;
import org.eclipse.jgit.transport.URIish;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Commit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Services imported from GitLab: branches are listed and created through GitLab's API; fetching and
 * integrating go through the plain Git provider's mirrors over HTTPS, with the connection's token as the
 * password (GitLab accepts any user name with an access token; "oauth2" is the documented one).
 */
@Component
class GitLabProvider implements ScopedGitProvider {

	private static final Logger log = LoggerFactory.getLogger(GitLabProvider.class);

	private static final int ALL_PER_PAGE = 100;

	private final GitProvider plain;

	private final GitLabConnections connections;

	private final ProjectMapper projects;

	GitLabProvider(@Qualifier(PlainGit.NAME) GitProvider plain, GitLabConnections connections, ProjectMapper projects) {
		this.plain = plain;
		this.connections = connections;
		this.projects = projects;
	}

	@Override
	public boolean serves(GitRemote remote) {
		return link(remote) != null;
	}

	@Override
	public List<Branch> branches(GitRemote remote) {
		Target target = target(remote);
		try {
			return target.api()
				.getRepositoryApi()
				.getBranches(target.link().getProjectId(), null, ALL_PER_PAGE)
				.all()
				.stream()
				.map(GitLabProvider::branch)
				.sorted(Comparator.comparing(Branch::name))
				.toList();
		}
		catch (GitLabApiException ex) {
			throw target.failure(ex, "the branches of " + target.link().getPathWithNamespace());
		}
	}

	@Override
	public BranchPage branches(GitRemote remote, String search, int page, int perPage) {
		Target target = target(remote);
		String needle = search == null || search.isBlank() ? null : search.strip();
		try {
			GitLabPages.Result<org.gitlab4j.api.models.Branch> result = GitLabPages.page(
					() -> target.api().getRepositoryApi().getBranches(target.link().getProjectId(), needle, perPage), page);
			return new BranchPage(result.items().stream().map(GitLabProvider::branch).toList(), page, perPage,
					result.total(), result.totalPages());
		}
		catch (GitLabApiException ex) {
			throw target.failure(ex, "the branches of " + target.link().getPathWithNamespace());
		}
	}

	@Override
	public Branch createBranch(GitRemote remote, String name, String from) {
		if (name == null || name.isBlank()) {
			throw new InvalidInputException("name", "Branch name must not be empty.");
		}
		if (from == null || from.isBlank()) {
			throw new InvalidInputException("from", "Say which branch, tag or commit the new branch starts from.");
		}
		Target target = target(remote);
		try {
			Branch created = branch(target.api().getRepositoryApi().createBranch(target.link().getProjectId(), name, from));
			log.info("Created branch {} at {} in GitLab project {}", name, created.commit(),
					target.link().getPathWithNamespace());
			return created;
		}
		catch (GitLabApiException ex) {
			throw createFailure(target, ex, name, from);
		}
	}

	@Override
	public List<BranchHead> resolve(GitRemote remote, List<String> branches) {
		return plain.resolve(withToken(remote), branches);
	}

	@Override
	public Integration integrate(GitRemote remote, List<BranchHead> heads, Path workTree, Consumer<String> progress) {
		return plain.integrate(withToken(remote), heads, workTree, progress);
	}

	@Override
	public void forget(GitRemote remote) {
		plain.forget(remote);
	}

	/** GitLab's refusals to create a branch, each as the problem a person can act on. */
	private static PlatformException createFailure(Target target, GitLabApiException ex, String name, String from) {
		String message = GitLabFailures.message(ex);
		String lower = message.toLowerCase(Locale.ROOT);
		int status = ex.getHttpStatus();
		if (status == 400 || status == 409 || status == 422) {
			if (lower.contains("already exists")) {
				return new ConflictException("Branch '" + name + "' already exists in GitLab project "
						+ target.link().getPathWithNamespace() + ".");
			}
			if (lower.contains("reference") || lower.startsWith("ref ")) {
				return new InvalidInputException("from", "'" + from + "' is not a branch, tag or commit of GitLab project "
						+ target.link().getPathWithNamespace() + " (GitLab: " + message + ").");
			}
			if (lower.contains("branch name")) {
				return new InvalidInputException("name", "Branch name '" + name + "' is refused by GitLab: " + message + ".");
			}
			return new InvalidInputException(null, "GitLab refused to create branch '" + name + "': " + message + ".");
		}
		if (status == 403 && !lower.contains("scope")) {
			// A protected name the token's user may not create: GitLab's own words say which rule.
			return new ConflictException("GitLab refused to create branch '" + name + "' in "
					+ target.link().getPathWithNamespace() + ": " + message + ".");
		}
		return target.failure(ex, "to create branch '" + name + "'");
	}

	private static Branch branch(org.gitlab4j.api.models.Branch branch) {
		Commit commit = branch.getCommit();
		Instant at = commit == null ? null
				: commit.getCommittedDate() != null ? commit.getCommittedDate().toInstant()
						: commit.getCreatedAt() == null ? null : commit.getCreatedAt().toInstant();
		return new Branch(branch.getName(), commit == null ? null : commit.getId(),
				commit == null ? null : commit.getTitle(), commit == null ? null : commit.getAuthorName(), at,
				branch.getProtected(), branch.getDefault(), branch.getMerged());
	}

	private GitLabProject link(GitRemote remote) {
		return projects.selectOne(new LambdaQueryWrapper<GitLabProject>().eq(GitLabProject::getApp, remote.key()));
	}

	private Target target(GitRemote remote) {
		GitLabProject link = link(remote);
		if (link == null) {
			throw new IllegalStateException("Service " + remote.key() + " is not linked to a GitLab project");
		}
		GitLabConnection connection = connections.get(link.getConnectionId());
		return new Target(link, connection, connections.client(connection));
	}

	/**
	 * The service's HTTPS URL with the token as password; the plain provider keeps it out of configs and
	 * logs. Only for the connection's own host: a repository URL changed to point elsewhere gets no token.
	 */
	private GitRemote withToken(GitRemote remote) {
		Target target = target(remote);
		try {
			URIish uri = new URIish(remote.url());
			URI base = URI.create(target.connection().getBaseUrl());
			if (!underBaseUrl(uri, base) || uri.getPass() != null) {
				log.warn("Repository URL of {} is not under GitLab {}; fetching without the token", remote.key(),
						base);
				return remote;
			}
			URIish withToken = uri.setUser("oauth2").setPass(connections.token(target.connection()));
			return new GitRemote(remote.key(), withToken.toPrivateString());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Repository URL of " + remote.key() + " cannot be parsed", ex);
		}
	}

	/**
	 * Whether the token may travel with {@code uri}: the same scheme, host and port as the connection's base
	 * URL, under its path, and over HTTPS (plain HTTP only to this machine).
	 */
	static boolean underBaseUrl(URIish uri, URI base) {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals(base.getScheme()) || uri.getHost() == null || !uri.getHost().equalsIgnoreCase(base.getHost())) {
			return false;
		}
		if (!"https".equals(scheme) && !("http".equals(scheme) && OutboundRules.isLoopback(base.getHost()))) {
			return false;
		}
		int defaultPort = "https".equals(scheme) ? 443 : 80;
		int port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
		int basePort = base.getPort() > 0 ? base.getPort() : defaultPort;
		String basePath = base.getPath() == null ? "" : base.getPath();
		String path = uri.getPath() == null ? "" : uri.getPath();
		return port == basePort && (basePath.isEmpty() || path.startsWith(basePath + "/"));
	}

	private record Target(GitLabProject link, GitLabConnection connection, GitLabApi api) {

		PlatformException failure(GitLabApiException ex, String what) {
			return GitLabFailures.of(ex, connection.getBaseUrl(), what);
		}

	}

}
