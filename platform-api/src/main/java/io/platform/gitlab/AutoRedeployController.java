package io.platform.gitlab;

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

	AutoRedeployController(AutoRedeploySettings settings) {
		this.settings = settings;
	}

	@GetMapping
	Map<String, Boolean> get(@PathVariable String app) {
		return settings.get(app);
	}

	@PutMapping
	Map<String, Boolean> put(@PathVariable String app, @RequestBody Map<String, Boolean> changes) {
		return settings.put(app, changes);
	}

}
