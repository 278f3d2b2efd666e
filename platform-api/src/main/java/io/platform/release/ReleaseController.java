package io.platform.release;

import java.net.URI;
import java.util.List;

import io.platform.identity.Access;
import io.platform.identity.ServiceRole;
import io.platform.identity.User;
import io.platform.support.web.ForbiddenException;
import io.platform.support.web.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Releases. Creating and changing one needs DEVELOPER on each of its services; reading one, a role on any
 * of them; starting a stage, DEVELOPER on each (the approvals are the gate of a protected environment), an
 * emergency start OWNER on each; signing off, TESTER on each; approving, OWNER of any. Admins may all.
 */
@RestController
class ReleaseController {

	private final ReleaseService releases;

	private final Access access;

	ReleaseController(ReleaseService releases, Access access) {
		this.releases = releases;
		this.access = access;
	}

	@PostMapping("/api/releases")
	ResponseEntity<ReleaseView> create(@Valid @RequestBody ReleaseRequest request) {
		requireEach(releases.checkServices(request), ServiceRole.DEVELOPER, "creates releases of it");
		Release release = releases.create(request, access.currentName());
		return ResponseEntity.created(URI.create("/api/releases/" + release.id)).body(releases.view(release));
	}

	@GetMapping("/api/releases")
	List<ReleaseView> list(@RequestParam(defaultValue = "false") boolean emergency) {
		access.current();
		return releases.list(emergency).stream().filter(r -> mayRead(r.id)).map(releases::view).toList();
	}

	@GetMapping("/api/releases/{id}")
	ReleaseView get(@PathVariable long id) {
		Release release = releases.get(id);
		if (!mayRead(id)) {
			throw new ForbiddenException("Needs a role (VIEWER or above) on one of the services of release " + id
					+ ": " + releases.apps(id) + ".");
		}
		return releases.view(release);
	}

	@PutMapping("/api/releases/{id}")
	ReleaseView update(@PathVariable long id, @Valid @RequestBody ReleaseRequest request) {
		releases.get(id);
		requireEach(releases.apps(id), ServiceRole.DEVELOPER, "changes releases of it");
		requireEach(releases.checkServices(request), ServiceRole.DEVELOPER, "changes releases of it");
		return releases.view(releases.update(id, request));
	}

	@PostMapping("/api/releases/{id}/stages/{env}/start")
	ResponseEntity<ReleaseView> start(@PathVariable long id, @PathVariable String env,
			@Valid @RequestBody(required = false) StartStageRequest body) {
		StartStageRequest request = body == null ? new StartStageRequest(false, null) : body;
		Release release = releases.get(id);
		releases.stage(id, env);
		access.scope(null, env);
		List<String> apps = releases.apps(id);
		if (request.isEmergency()) {
			if (request.reason() == null || request.reason().isBlank()) {
				throw new InvalidInputException("reason", "An emergency start needs a \"reason\": say why it cannot wait "
						+ "for the next release window.");
			}
			requireEach(apps, ServiceRole.OWNER, "starts releases as an emergency");
		}
		else {
			requireEach(apps, ServiceRole.DEVELOPER, "starts releases of it");
		}
		releases.start(id, env, request, access.currentName());
		return ResponseEntity.accepted().location(URI.create("/api/releases/" + id)).body(releases.view(release));
	}

	@PostMapping("/api/releases/{id}/stages/{env}/sign-off")
	ReleaseView signOff(@PathVariable long id, @PathVariable String env, @Valid @RequestBody(required = false) SignOff body) {
		Release release = releases.get(id);
		releases.stage(id, env);
		access.scope(null, env);
		requireEach(releases.apps(id), ServiceRole.TESTER, "signs off release stages");
		releases.signOff(id, env, body == null ? null : body.comment(), access.currentName());
		return releases.view(release);
	}

	@PostMapping("/api/releases/{id}/stages/{env}/approvals")
	ReleaseView approve(@PathVariable long id, @PathVariable String env, @Valid @RequestBody Decision body) {
		Release release = releases.get(id);
		releases.stage(id, env);
		access.scope(null, env);
		User user = access.current();
		List<String> apps = releases.apps(id);
		// Said first: whatever their role, authors never approve their own release.
		releases.requireNotAuthor(release, user.getUsername());
		if (!user.isAdmin() && apps.stream().noneMatch(app -> access.roleOn(app) == ServiceRole.OWNER)) {
			throw new ForbiddenException("Approving a release needs the OWNER role on one of its services " + apps
					+ " or a platform admin; you are neither.");
		}
		releases.decide(id, env, body.decision(), body.comment(), user.getUsername());
		return releases.view(release);
	}

	record SignOff(@Size(max = 1000, message = "must be at most 1000 characters") String comment) {
	}

	record Decision(@NotNull(message = "must be APPROVE or REJECT") ReleaseApproval.Decision decision,
			@Size(max = 1000, message = "must be at most 1000 characters") String comment) {
	}

	private void requireEach(List<String> apps, ServiceRole role, String what) {
		for (String app : apps) {
			access.require(app, role, what);
		}
	}

	private boolean mayRead(long id) {
		User user = access.current();
		return user.isAdmin() || releases.apps(id).stream().anyMatch(app -> access.roleOn(app) != null);
	}

}
