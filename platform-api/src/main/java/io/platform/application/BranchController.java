package io.platform.application;

import java.util.List;

import jakarta.validation.Valid;

import io.platform.git.Branch;
import io.platform.git.GitProvider;
import io.platform.git.GitRemote;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/apps/{app}/branches")
class BranchController {

	private final ApplicationService applications;

	private final GitProvider git;

	BranchController(ApplicationService applications, GitProvider git) {
		this.applications = applications;
		this.git = git;
	}

	@GetMapping
	List<Branch> list(@PathVariable String app) {
		return git.branches(remote(app));
	}

	@PostMapping
	ResponseEntity<Branch> create(@PathVariable String app, @Valid @RequestBody BranchRequest request) {
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
