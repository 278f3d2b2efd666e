package io.platform.application;

import io.platform.identity.Access;
import io.platform.identity.ServiceRole;
import io.platform.support.web.MentionedFields;

import java.net.URI;
import java.util.Set;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/apps")
class ApplicationController {

	private final ApplicationService applications;

	private final Access access;

	ApplicationController(ApplicationService applications, Access access) {
		this.access = access;
		this.applications = applications;
	}

	@GetMapping
	List<ApplicationView> list() {
		return access.readable(applications.list(), Application::getName).stream().map(ApplicationView::of).toList();
	}

	@GetMapping("/{app}")
	ApplicationView get(@PathVariable String app) {
		Application found = applications.get(app);
		access.requireRead(app);
		return ApplicationView.of(found);
	}

	@PostMapping
	ResponseEntity<ApplicationView> create(@Valid @RequestBody ApplicationRequest request) {
		access.current();
		Application app = applications.create(request);
		return ResponseEntity.created(URI.create("/api/apps/" + app.getName())).body(ApplicationView.of(app));
	}

	@PutMapping("/{app}")
	ApplicationView update(@PathVariable String app, @Valid @RequestBody ApplicationRequest request,
			@RequestAttribute(MentionedFields.ATTRIBUTE) Set<String> mentioned) {
		applications.get(app);
		access.require(app, ServiceRole.OWNER, "edits it");
		return ApplicationView.of(applications.update(app, request, mentioned));
	}

	@DeleteMapping("/{app}")
	ResponseEntity<Void> delete(@PathVariable String app) {
		applications.get(app);
		access.require(app, ServiceRole.OWNER, "deletes it");
		applications.delete(app);
		return ResponseEntity.noContent().build();
	}

}
