package io.platform.gitlab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentService;
import io.platform.deployment.DeploymentStore;
import io.platform.environment.Environment;
import io.platform.environment.EnvironmentService;
import io.platform.gitlab.GitLabMappers.ProjectMapper;
import io.platform.support.crypto.SecretCipher;
import io.platform.support.web.PlatformException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Handles GitLab push events: checks the project's secret, then redeploys the running deployments that
 * include the pushed branch in every environment where auto-redeploy is on.
 */
@Service
class GitLabWebhook {

	private static final Logger log = LoggerFactory.getLogger(GitLabWebhook.class);

	// requested_by holds 64 characters.
	private static final int REQUESTED_BY_MAX = 64;

	private final ProjectMapper projects;

	private final SecretCipher cipher;

	private final AutoRedeploySettings autoRedeploy;

	private final EnvironmentService environments;

	private final DeploymentStore store;

	private final DeploymentService deployments;

	GitLabWebhook(ProjectMapper projects, SecretCipher cipher, AutoRedeploySettings autoRedeploy,
			EnvironmentService environments, DeploymentStore store, DeploymentService deployments) {
		this.projects = projects;
		this.cipher = cipher;
		this.autoRedeploy = autoRedeploy;
		this.environments = environments;
		this.store = store;
		this.deployments = deployments;
	}

	PushOutcome push(String token, PushEvent event) {
		GitLabProject link = authenticate(token, event);
		String app = link.getApp();
		if (!"push".equals(event.objectKind()) || event.ref() == null || !event.ref().startsWith(PushEvent.HEADS)) {
			return PushOutcome.ignored(app, "not a branch push (" + event.objectKind() + " " + event.ref() + ")");
		}
		String branch = event.ref().substring(PushEvent.HEADS.length());
		if (PushEvent.NO_COMMIT.equals(event.after())) {
			return PushOutcome.ignored(app, "branch " + branch + " was deleted");
		}
		String requestedBy = "gitlab push by " + (event.userUsername() == null ? "unknown" : event.userUsername());
		if (requestedBy.length() > REQUESTED_BY_MAX) {
			requestedBy = requestedBy.substring(0, REQUESTED_BY_MAX);
		}
		List<PushOutcome.Started> started = new ArrayList<>();
		List<PushOutcome.Skipped> skipped = new ArrayList<>();
		for (Environment env : environments.list()) {
			List<Deployment> serving = store.running(app, env.getName())
				.stream()
				.filter(d -> d.branchList().contains(branch))
				.sorted(Comparator.comparing(Deployment::getId).reversed())
				.toList();
			if (serving.isEmpty()) {
				continue;
			}
			if (env.getIsProtected()) {
				skipped.add(new PushOutcome.Skipped(env.getName(), "protected: changes arrive through releases"));
				continue;
			}
			if (!autoRedeploy.enabled(app, env.getName())) {
				skipped.add(new PushOutcome.Skipped(env.getName(), "auto-redeploy is off"));
				continue;
			}
			Deployment source = serving.get(0);
			try {
				Deployment redeploy = deployments.redeploy(source.getId(), requestedBy);
				started.add(new PushOutcome.Started(env.getName(), redeploy.getId(), source.getId()));
				log.info("Push to {} of {} redeploys deployment {} in {} as {}", branch, app, source.getId(),
						env.getName(), redeploy.getId());
			}
			catch (PlatformException ex) {
				skipped.add(new PushOutcome.Skipped(env.getName(), ex.getMessage()));
			}
		}
		return new PushOutcome(app, branch, started, skipped, null);
	}

	/** The imported project the event is for, if the token is its webhook secret; else a 401 and nothing happens. */
	private GitLabProject authenticate(String token, PushEvent event) {
		if (token == null || token.isEmpty() || event == null) {
			throw new WebhookTokenRejected();
		}
		List<GitLabProject> candidates = List.of();
		if (event.anyProjectId() != null) {
			candidates = projects
				.selectList(new LambdaQueryWrapper<GitLabProject>().eq(GitLabProject::getProjectId, event.anyProjectId()));
		}
		if (candidates.isEmpty() && event.path() != null) {
			candidates = projects.selectList(
					new LambdaQueryWrapper<GitLabProject>().eq(GitLabProject::getPathWithNamespace, event.path()));
		}
		byte[] given = token.getBytes(StandardCharsets.UTF_8);
		for (GitLabProject candidate : candidates) {
			byte[] expected = cipher.decrypt(candidate.getHookSecretSealed()).getBytes(StandardCharsets.UTF_8);
			if (MessageDigest.isEqual(expected, given)) {
				return candidate;
			}
		}
		log.warn("Refused a GitLab webhook call for project {} ({}): wrong or unknown token", event.anyProjectId(),
				event.path());
		throw new WebhookTokenRejected();
	}

}
