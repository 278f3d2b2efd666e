package io.platform.gitlab;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import io.platform.support.web.InvalidInputException;
import io.platform.identity.Access;
import io.platform.identity.ServiceRole;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/gitlab")
class GitLabConnectionController {

	private static final int MAX_PER_PAGE = 100;

	private final GitLabConnections connections;

	private final GitLabImports imports;

	private final Access access;

	GitLabConnectionController(GitLabConnections connections, GitLabImports imports, Access access) {
		this.access = access;
		this.connections = connections;
		this.imports = imports;
	}

	@GetMapping("/connections")
	List<GitLabConnectionView> list() {
		access.current();
		return connections.list().stream().map(GitLabConnectionView::of).toList();
	}

	@GetMapping("/connections/{id}")
	GitLabConnectionView get(@PathVariable long id) {
		access.current();
		return GitLabConnectionView.of(connections.get(id));
	}

	@PostMapping("/connections")
	ResponseEntity<GitLabConnectionView> create(@Valid @RequestBody GitLabConnectionRequest request) {
		access.requireAdmin("connect GitLab instances");
		GitLabConnection connection = connections.create(request);
		return ResponseEntity.created(URI.create("/api/gitlab/connections/" + connection.getId()))
			.body(GitLabConnectionView.of(connection));
	}

	@PostMapping("/connections/{id}/check")
	GitLabConnectionView check(@PathVariable long id) {
		access.requireAdmin("check GitLab connections");
		return GitLabConnectionView.of(connections.check(id));
	}

	@DeleteMapping("/connections/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		access.requireAdmin("remove GitLab connections");
		connections.delete(id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/connections/{id}/projects")
	GitLabProjectView.Page projects(@PathVariable long id, @RequestParam(required = false) String search,
			@RequestParam(required = false) String group, @RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = "20") int perPage) {
		access.current();
		if (page < 1) {
			throw new InvalidInputException("page", "Page must be 1 or more.");
		}
		if (perPage < 1 || perPage > MAX_PER_PAGE) {
			throw new InvalidInputException("perPage", "Per page must be between 1 and " + MAX_PER_PAGE + ".");
		}
		return imports.projects(id, search, group, page, perPage);
	}

	@PostMapping("/connections/{id}/imports")
	List<ImportedService> importProjects(@PathVariable long id, @Valid @RequestBody ImportRequest request) {
		access.current();
		return imports.importProjects(id, request.projects());
	}

	/** Registers a service's push webhook in GitLab again, after the token or platform.external-url was fixed. */
	@PostMapping("/services/{app}/hook")
	ImportedService registerHook(@PathVariable String app) {
		access.require(app, ServiceRole.OWNER, "registers its GitLab webhook");
		return imports.registerHook(app);
	}

}
