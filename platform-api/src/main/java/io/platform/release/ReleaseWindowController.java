package io.platform.release;

import java.util.List;

import io.platform.environment.EnvironmentService;
import io.platform.identity.Access;
import io.platform.support.web.InvalidInputException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Release windows and freezes of an environment: platform admins set them, anyone signed in reads them. */
@RestController
class ReleaseWindowController {

	private final ReleaseWindows windows;

	private final EnvironmentService environments;

	private final Access access;

	ReleaseWindowController(ReleaseWindows windows, EnvironmentService environments, Access access) {
		this.windows = windows;
		this.environments = environments;
		this.access = access;
	}

	@GetMapping("/api/environments/{env}/windows")
	List<ReleaseWindows.WindowView> windows(@PathVariable String env) {
		access.current();
		return windows.windows(environments.get(env).getName());
	}

	@PutMapping("/api/environments/{env}/windows")
	List<ReleaseWindows.WindowView> replaceWindows(@PathVariable String env,
			@RequestBody List<ReleaseWindows.WindowView> body) {
		access.requireAdmin("set release windows");
		access.scope(null, env);
		return windows.replaceWindows(environments.get(env).getName(), required(body));
	}

	@GetMapping("/api/environments/{env}/freezes")
	List<ReleaseWindows.FreezeView> freezes(@PathVariable String env) {
		access.current();
		return windows.freezes(environments.get(env).getName());
	}

	@PutMapping("/api/environments/{env}/freezes")
	List<ReleaseWindows.FreezeView> replaceFreezes(@PathVariable String env,
			@RequestBody List<ReleaseWindows.FreezeView> body) {
		access.requireAdmin("set release freezes");
		access.scope(null, env);
		return windows.replaceFreezes(environments.get(env).getName(), required(body));
	}

	private static <T> List<T> required(List<T> body) {
		if (body == null) {
			throw new InvalidInputException("body", "Send a JSON array (an empty one removes them all).");
		}
		return body;
	}

}
