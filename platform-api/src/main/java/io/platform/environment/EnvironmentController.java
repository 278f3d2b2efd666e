package io.platform.environment;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/environments")
class EnvironmentController {

	private final EnvironmentService environments;

	EnvironmentController(EnvironmentService environments) {
		this.environments = environments;
	}

	@GetMapping
	List<EnvironmentView> list() {
		return environments.list().stream().map(EnvironmentView::of).toList();
	}

}
