package io.platform.gitlab;

import io.platform.identity.Access;
import io.platform.identity.ServiceRole;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/apps/{app}/auto-redeploy")
class AutoRedeployController {

	private final AutoRedeploySettings settings;

	private final Access access;

	AutoRedeployController(AutoRedeploySettings settings, Access access) {
		this.access = access;
		this.settings = settings;
	}

	@GetMapping
	Map<String, Boolean> get(@PathVariable String app) {
		access.requireRead(app);
		return settings.get(app);
	}

	@PutMapping
	Map<String, Boolean> put(@PathVariable String app, @RequestBody Map<String, Boolean> changes) {
		access.require(app, ServiceRole.OWNER, "changes its auto-redeploy settings");
		return settings.put(app, changes);
	}

}
