package io.platform.gitlab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.application.Application;
import io.platform.application.ApplicationRequest;
import io.platform.application.ApplicationService;
import io.platform.git.GitUrls;
import io.platform.gitlab.GitLabMappers.ProjectMapper;
import io.platform.support.crypto.SecretCipher;
import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;
import io.platform.support.web.PlatformException;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.GroupProjectsFilter;
import org.gitlab4j.api.models.Project;
import org.gitlab4j.api.models.ProjectFilter;
import org.gitlab4j.api.models.ProjectHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Lists a GitLab instance's projects and registers the chosen ones as services, with their push webhook. */
@Service
class GitLabImports {

	static final String HOOK_PATH = "/api/hooks/gitlab";

	private static final Logger log = LoggerFactory.getLogger(GitLabImports.class);

	private final GitLabConnections connections;

	private final ProjectMapper projects;

	private final ApplicationService applications;

	private final SecretCipher cipher;

	private final TransactionTemplate transaction;

	private final String externalUrl;

	GitLabImports(GitLabConnections connections, ProjectMapper projects, ApplicationService applications,
			SecretCipher cipher, PlatformTransactionManager transactions,
			@Value("${platform.external-url:}") String externalUrl) {
		this.connections = connections;
		this.projects = projects;
		this.applications = applications;
		this.cipher = cipher;
		this.transaction = new TransactionTemplate(transactions);
		this.externalUrl = externalUrl == null ? "" : externalUrl.strip().replaceAll("/+$", "");
	}

	/** Projects the token can see (or those of {@code group}, subgroups included), whose name matches {@code search}. */
	GitLabProjectView.Page projects(long connectionId, String search, String group, int page, int perPage) {
		GitLabConnection connection = connections.get(connectionId);
		GitLabApi api = connections.client(connection);
		String needle = search == null || search.isBlank() ? null : search.strip();
		GitLabPages.Result<Project> result;
		try {
			if (group != null && !group.isBlank()) {
				result = GitLabPages.page(() -> api.getGroupApi()
					.getProjects(group.strip(), new GroupProjectsFilter().withSearch(needle).withIncludeSubGroups(true),
							perPage), page);
			}
			else {
				result = GitLabPages.page(() -> api.getProjectApi()
					.getProjects(new ProjectFilter().withSearch(needle).withMembership(true), perPage), page);
			}
		}
		catch (GitLabApiException ex) {
			throw GitLabFailures.of(ex, connection.getBaseUrl(),
					group == null || group.isBlank() ? "the project list" : "group " + group.strip());
		}
		Map<Long, String> imported = new HashMap<>();
		for (GitLabProject link : projects
			.selectList(new LambdaQueryWrapper<GitLabProject>().eq(GitLabProject::getConnectionId, connectionId))) {
			imported.put(link.getProjectId(), link.getApp());
		}
		return new GitLabProjectView.Page(
				result.items().stream().map(p -> GitLabProjectView.of(p, imported.get(p.getId()))).toList(), page,
				perPage, result.total(), result.totalPages());
	}

	/**
	 * Registers each project as a service named after its path, cloned over HTTPS. Everything is checked
	 * before anything is registered; the webhooks are registered last and their failure is only reported.
	 */
	List<ImportedService> importProjects(long connectionId, List<String> wanted) {
		GitLabConnection connection = connections.get(connectionId);
		GitLabApi api = connections.client(connection);
		List<Project> found = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (String pathOrId : wanted) {
			if (pathOrId == null || pathOrId.isBlank()) {
				throw new InvalidInputException("projects", "A project must be given by its path (group/app) or id.");
			}
			String key = pathOrId.strip();
			Project project;
			try {
				project = api.getProjectApi().getProject(key.matches("\\d+") ? (Object) Long.valueOf(key) : key);
			}
			catch (GitLabApiException ex) {
				throw GitLabFailures.of(ex, connection.getBaseUrl(), "project " + key);
			}
			String name = serviceName(project.getPath());
			if (!names.add(name)) {
				throw new InvalidInputException("projects", "Two projects would both become service '" + name + "'.");
			}
			if (project.getHttpUrlToRepo() == null) {
				throw new InvalidInputException("projects", "Project " + project.getPathWithNamespace()
						+ " has no HTTPS clone URL (is its repository disabled?).");
			}
			if (link(connectionId, project.getId()) != null) {
				throw new ConflictException("Project " + project.getPathWithNamespace()
						+ " is already imported as service '" + link(connectionId, project.getId()).getApp() + "'.");
			}
			if (exists(name)) {
				throw new ConflictException("A service named '" + name + "' is already registered; project "
						+ project.getPathWithNamespace() + " cannot be imported under that name.");
			}
			found.add(project);
		}
		List<GitLabProject> links = transaction.execute(status -> {
			List<GitLabProject> made = new ArrayList<>();
			for (Project project : found) {
				Application app = applications.create(new ApplicationRequest(serviceName(project.getPath()),
						project.getHttpUrlToRepo(), null, null, null, null, null));
				GitLabProject link = new GitLabProject();
				link.setApp(app.getName());
				link.setConnectionId(connectionId);
				link.setProjectId(project.getId());
				link.setPathWithNamespace(project.getPathWithNamespace());
				link.setDefaultBranch(project.getDefaultBranch());
				link.setHookSecretSealed(cipher.encrypt(SecretCipher.randomToken()));
				link.setCreatedAt(app.getCreatedAt());
				projects.insert(link);
				made.add(link);
			}
			return made;
		});
		List<ImportedService> imported = new ArrayList<>();
		for (int i = 0; i < links.size(); i++) {
			GitLabProject link = links.get(i);
			String problem = registerHook(connection, api, link);
			imported.add(new ImportedService(link.getApp(), GitUrls.mask(found.get(i).getHttpUrlToRepo()), link.getProjectId(),
					link.getPathWithNamespace(), link.getDefaultBranch(), problem == null, problem));
			log.info("Imported GitLab project {} as service {}", link.getPathWithNamespace(), link.getApp());
		}
		return imported;
	}

	/** Registers the service's push webhook again (after fixing the token or the external URL). */
	ImportedService registerHook(String app) {
		GitLabProject link = projects.selectOne(new LambdaQueryWrapper<GitLabProject>().eq(GitLabProject::getApp, app));
		if (link == null) {
			throw new NotFoundException("Service '" + app + "' was not imported from GitLab.");
		}
		GitLabConnection connection = connections.get(link.getConnectionId());
		String problem = registerHook(connection, connections.client(connection), link);
		return new ImportedService(link.getApp(), GitUrls.mask(applications.get(app).getRepoUrl()), link.getProjectId(),
				link.getPathWithNamespace(), link.getDefaultBranch(), problem == null, problem);
	}

	/** Null when GitLab accepted the hook, else why not. */
	private String registerHook(GitLabConnection connection, GitLabApi api, GitLabProject link) {
		if (externalUrl.isEmpty()) {
			return "platform.external-url is not set, so GitLab would not know where to send pushes.";
		}
		try {
			ProjectHook hook = api.getProjectApi()
				.addHook(link.getProjectId(), externalUrl + HOOK_PATH,
						new ProjectHook().withPushEvents(true).withTagPushEvents(false), true,
						cipher.decrypt(link.getHookSecretSealed()));
			link.setHookId(hook == null ? null : hook.getId());
			projects.updateById(link);
			return null;
		}
		catch (GitLabApiException ex) {
			PlatformException problem = GitLabFailures.of(ex, connection.getBaseUrl(),
					"to add a webhook to " + link.getPathWithNamespace());
			log.warn("Could not register the push webhook of {}: {}", link.getApp(), problem.getMessage());
			return ex.getHttpStatus() == 403
					? "The token may not add webhooks to " + link.getPathWithNamespace()
							+ " (403: it needs the api scope and the Maintainer role): " + GitLabFailures.message(ex) + "."
					: problem.getMessage();
		}
	}

	private GitLabProject link(long connectionId, long projectId) {
		return projects.selectOne(new LambdaQueryWrapper<GitLabProject>().eq(GitLabProject::getConnectionId, connectionId)
			.eq(GitLabProject::getProjectId, projectId));
	}

	private boolean exists(String name) {
		try {
			applications.get(name);
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	/** A project path as a service name: lowercase letters, digits and '-', starting with a letter. */
	static String serviceName(String path) {
		String name = path.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
		if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
			name = "app-" + name;
		}
		if (name.length() > 63) {
			name = name.substring(0, 63).replaceAll("-+$", "");
		}
		return name;
	}

}
