package io.platform.environment;

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

	BindingController(BindingService bindings) {
		this.bindings = bindings;
	}

	@GetMapping("/api/environments/{env}/bindings")
	List<BindingView> list(@PathVariable String env) {
		return bindings.list(env);
	}

	@PutMapping("/api/environments/{env}/bindings/{key}")
	BindingView put(@PathVariable String env, @PathVariable String key, @Valid @RequestBody BindingRequest request) {
		return bindings.put(env, null, key, request);
	}

	@DeleteMapping("/api/environments/{env}/bindings/{key}")
	ResponseEntity<Void> delete(@PathVariable String env, @PathVariable String key) {
		bindings.delete(env, null, key);
		return ResponseEntity.noContent().build();
	}

	/** What the service gets in that environment: the environment's bindings and its own overrides. */
	@GetMapping("/api/apps/{app}/bindings/{env}")
	List<BindingView> effective(@PathVariable String app, @PathVariable String env) {
		return bindings.effectiveViews(app, env);
	}

	@PutMapping("/api/apps/{app}/bindings/{env}/{key}")
	BindingView override(@PathVariable String app, @PathVariable String env, @PathVariable String key,
			@Valid @RequestBody BindingRequest request) {
		return bindings.put(env, app, key, request);
	}

	@DeleteMapping("/api/apps/{app}/bindings/{env}/{key}")
	ResponseEntity<Void> removeOverride(@PathVariable String app, @PathVariable String env, @PathVariable String key) {
		bindings.delete(env, app, key);
		return ResponseEntity.noContent().build();
	}

}
