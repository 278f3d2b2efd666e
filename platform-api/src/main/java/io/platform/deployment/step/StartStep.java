package io.platform.deployment.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.platform.application.Application;
import io.platform.application.CommandLine;
import io.platform.deployment.Deployment;
import io.platform.deployment.StepName;
import io.platform.env.runtime.RuntimeFailure;
import io.platform.env.runtime.Workload;
import io.platform.env.runtime.WorkloadSpec;
import io.platform.environment.BindingService;
import io.platform.environment.DatabaseProvisioner;
import io.platform.support.web.UpstreamException;
import io.platform.environment.RuntimeTargets;

import org.springframework.stereotype.Component;

/**
 * Starts a new instance beside the one that serves now; nothing is switched yet. The app is told its
 * environment through variables (DESIGN section 4).
 */
@Component
class StartStep implements Step {

	private final RuntimeTargets targets;

	private final BindingService bindings;

	private final DatabaseProvisioner databases;

	StartStep(RuntimeTargets targets, BindingService bindings, DatabaseProvisioner databases) {
		this.targets = targets;
		this.bindings = bindings;
		this.databases = databases;
	}

	@Override
	public StepName name() {
		return StepName.START;
	}

	@Override
	public String run(StepContext context) {
		Deployment deployment = context.deployment();
		Application app = context.application();
		if (!context.runtime().imageExists(deployment.getImage())) {
			throw new StepFailure("Image " + deployment.getImage() + " no longer exists on the " + context.runtime().kind()
					+ " runtime; redeploy to build it again.");
		}
		try {
			databases.ensure(deployment.getApp(), deployment.getEnv()).ifPresent(context::log);
		}
		catch (UpstreamException ex) {
			throw new StepFailure(ex.getMessage(), ex);
		}
		Map<String, String> variables = new LinkedHashMap<>();
		// The environment's middleware bindings (and the service's overrides), then what the platform sets.
		bindings.effective(deployment.getApp(), deployment.getEnv())
			.values()
			.stream()
			.filter(b -> !DatabaseProvisioner.isAdminKey(b.key()))
			.forEach(b -> variables.put(b.key(), b.value()));
		variables.put("SPRING_PROFILES_ACTIVE", deployment.getEnv());
		variables.put("PLATFORM_ENV", deployment.getEnv());
		variables.put("PLATFORM_APP", deployment.getApp());
		variables.put("PLATFORM_DEPLOYMENT_ID", Long.toString(deployment.getId()));
		List<String> jvmOptions = app.getJvmOptions() == null ? List.of() : CommandLine.split(app.getJvmOptions());
		WorkloadSpec spec = new WorkloadSpec(deployment.getApp(), deployment.getEnv(), deployment.getId(),
				deployment.getImage(), app.getPort(), variables, jvmOptions, targets.resources(deployment.getEnv()));
		Workload workload;
		try {
			workload = context.runtime().start(spec, context.log());
		}
		catch (RuntimeFailure ex) {
			throw new StepFailure("The new instance could not be started: " + ex.getMessage(), ex);
		}
		context.workload(workload);
		deployment.setWorkloadId(workload.id());
		// Saved at once: after a crash of the platform, this id is how the instance is found and removed.
		context.save();
		context.log("[start] " + workload.name() + " on " + context.runtime().kind() + " at " + workload.baseUrl());
		return workload.name();
	}

}
