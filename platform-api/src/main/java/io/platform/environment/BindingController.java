package io.platform.environment;

import io.platform.identity.Access;
import io.platform.identity.ServiceRole;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class BindingController {

	private final BindingService bindings;

	private final Access access;

	BindingController(BindingService bindings, Access access) {
		this.access = access;
		this.bindings = bindings;
	}

	@GetMapping("/api/environments/{env}/bindings")
	List<BindingView> list(@PathVariable String env) {
		access.current();
		return bindings.list(env);
	}

	@PutMapping("/api/environments/{env}/bindings/{key}")
	BindingView put(@PathVariable String env, @PathVariable String key, @Valid @RequestBody BindingRequest request) {
		access.scope(null, env);
		access.requireAdmin("change an environment's bindings");
		return bindings.put(env, null, key, request);
	}

	@DeleteMapping("/api/environments/{env}/bindings/{key}")
	ResponseEntity<Void> delete(@PathVariable String env, @PathVariable String key) {
		access.scope(null, env);
		access.requireAdmin("change an environment's bindings");
		bindings.delete(env, null, key);
		return ResponseEntity.noContent().build();
	}

	/** What the service gets in that environment: the environment's bindings and its own overrides. */
	@GetMapping("/api/apps/{app}/bindings/{env}")
	List<BindingView> effective(@PathVariable String app, @PathVariable String env) {
		access.scope(null, env);
		access.requireRead(app);
		return bindings.effectiveViews(app, env);
	}

	@PutMapping("/api/apps/{app}/bindings/{env}/{key}")
	BindingView override(@PathVariable String app, @PathVariable String env, @PathVariable String key,
			@Valid @RequestBody BindingRequest request) {
		access.scope(null, env);
		access.require(app, ServiceRole.OWNER, "changes its bindings");
		return bindings.put(env, app, key, request);
	}

	@DeleteMapping("/api/apps/{app}/bindings/{env}/{key}")
	ResponseEntity<Void> removeOverride(@PathVariable String app, @PathVariable String env, @PathVariable String key) {
		access.scope(null, env);
		access.require(app, ServiceRole.OWNER, "changes its bindings");
		bindings.delete(env, app, key);
		return ResponseEntity.noContent().build();
	}

}
