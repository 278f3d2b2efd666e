package io.platform.application;

import java.util.List;

import jakarta.validation.Valid;

import io.platform.git.Branch;
import io.platform.git.BranchNames;
import io.platform.git.BranchPage;
import io.platform.git.GitProvider;
import io.platform.git.GitRemote;
import io.platform.support.web.InvalidInputException;
import io.platform.identity.Access;
import io.platform.identity.ServiceRole;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/apps/{app}/branches")
class BranchController {

	static final int DEFAULT_PER_PAGE = 20;

	static final int MAX_PER_PAGE = 100;

	private final ApplicationService applications;

	private final GitProvider git;

	private final Access access;

	BranchController(ApplicationService applications, GitProvider git, Access access) {
		this.access = access;
		this.applications = applications;
		this.git = git;
	}

	/**
	 * Every branch, as before, unless {@code search}, {@code page} or {@code perPage} is given: then one page
	 * (pages from 1, 20 per page by default, at most 100), counted in X-Total, X-Total-Pages, X-Page and
	 * X-Per-Page headers as GitLab does, so the body stays a plain list.
	 */
	@GetMapping
	ResponseEntity<List<Branch>> list(@PathVariable String app, @RequestParam(required = false) String search,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer perPage) {
		applications.get(app);
		access.requireRead(app);
		if (search == null && page == null && perPage == null) {
			return ResponseEntity.ok(git.branches(remote(app)));
		}
		int pageNumber = page == null ? 1 : page;
		int size = perPage == null ? DEFAULT_PER_PAGE : perPage;
		if (pageNumber < 1) {
			throw new InvalidInputException("page", "Page must be 1 or more.");
		}
		if (size < 1 || size > MAX_PER_PAGE) {
			throw new InvalidInputException("perPage", "Per page must be between 1 and " + MAX_PER_PAGE + ".");
		}
		BranchPage result = git.branches(remote(app), search, pageNumber, size);
		HttpHeaders headers = new HttpHeaders();
		headers.add("X-Page", String.valueOf(result.page()));
		headers.add("X-Per-Page", String.valueOf(result.perPage()));
		if (result.total() != null) {
			headers.add("X-Total", String.valueOf(result.total()));
		}
		if (result.totalPages() != null) {
			headers.add("X-Total-Pages", String.valueOf(result.totalPages()));
		}
		return ResponseEntity.ok().headers(headers).body(result.branches());
	}

	@PostMapping
	ResponseEntity<Branch> create(@PathVariable String app, @Valid @RequestBody BranchRequest request) {
		applications.get(app);
		access.require(app, ServiceRole.DEVELOPER, "creates branches");
		BranchNames.requireNewBranch(request.name());
		BranchNames.requireStartPoint("from", request.from().strip());
		Branch branch = git.createBranch(remote(app), request.name(), request.from());
		// Encoded as one segment: a branch name may hold '/'.
		var location = UriComponentsBuilder.fromPath("/api/apps/{app}/branches/{branch}")
			.encode()
			.buildAndExpand(app, branch.name())
			.toUri();
		return ResponseEntity.created(location).body(branch);
	}

	private GitRemote remote(String name) {
		Application app = applications.get(name);
		return new GitRemote(app.getName(), app.getRepoUrl());
	}

}
