package io.platform.environment;

import io.platform.identity.Access;
import io.platform.support.web.MentionedFields;

import java.net.URI;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;

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
@RequestMapping("/api/environments")
class EnvironmentController {

	private final EnvironmentService environments;

	private final Access access;

	EnvironmentController(EnvironmentService environments, Access access) {
		this.access = access;
		this.environments = environments;
	}

	@GetMapping
	List<EnvironmentView> list() {
		access.current();
		return environments.list().stream().map(EnvironmentView::of).toList();
	}

	@GetMapping("/{env}")
	EnvironmentView get(@PathVariable String env) {
		access.current();
		return EnvironmentView.of(environments.get(env));
	}

	@PostMapping
	ResponseEntity<EnvironmentView> create(@Valid @RequestBody EnvironmentRequest request) {
		access.requireAdmin("manage environments");
		Environment environment = environments.create(request);
		return ResponseEntity.created(URI.create("/api/environments/" + environment.getName()))
			.body(EnvironmentView.of(environment));
	}

	@PutMapping("/{env}")
	EnvironmentView update(@PathVariable String env, @Valid @RequestBody EnvironmentRequest request,
			@RequestAttribute(MentionedFields.ATTRIBUTE) Set<String> mentioned) {
		access.requireAdmin("manage environments");
		return EnvironmentView.of(environments.update(env, request, mentioned));
	}

	@DeleteMapping("/{env}")
	ResponseEntity<Void> delete(@PathVariable String env) {
		access.requireAdmin("manage environments");
		environments.delete(env);
		return ResponseEntity.noContent().build();
	}

	/** The environments in a new order: {@code {"names": ["dev", "test", ...]}}. */
	@PutMapping("/order")
	List<EnvironmentView> reorder(@Valid @RequestBody Order order) {
		access.requireAdmin("manage environments");
		return environments.reorder(order.names()).stream().map(EnvironmentView::of).toList();
	}

	record Order(@NotEmpty(message = "must list the environments in their new order") List<String> names) {
	}

}
