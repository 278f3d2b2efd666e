package io.platform.application;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/apps")
class ApplicationController {

	private final ApplicationService applications;

	ApplicationController(ApplicationService applications) {
		this.applications = applications;
	}

	@GetMapping
	List<ApplicationView> list() {
		return applications.list().stream().map(ApplicationView::of).toList();
	}

	@GetMapping("/{app}")
	ApplicationView get(@PathVariable String app) {
		return ApplicationView.of(applications.get(app));
	}

	@PostMapping
	ResponseEntity<ApplicationView> create(@Valid @RequestBody ApplicationRequest request) {
		Application app = applications.create(request);
		return ResponseEntity.created(URI.create("/api/apps/" + app.getName())).body(ApplicationView.of(app));
	}

	@PutMapping("/{app}")
	ApplicationView update(@PathVariable String app, @Valid @RequestBody ApplicationRequest request) {
		return ApplicationView.of(applications.update(app, request));
	}

	@DeleteMapping("/{app}")
	ResponseEntity<Void> delete(@PathVariable String app) {
		applications.delete(app);
		return ResponseEntity.noContent().build();
	}

}
