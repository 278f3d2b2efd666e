package io.platform.deployment.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.platform.application.Application;
import io.platform.application.CommandLine;
import io.platform.deployment.Deployment;
import io.platform.deployment.StepName;
import io.platform.env.runtime.JavaAgent;
import io.platform.env.runtime.RuntimeFailure;
import io.platform.env.runtime.Workload;
import io.platform.env.runtime.WorkloadSpec;
import io.platform.environment.BindingService;
import io.platform.environment.DatabaseProvisioner;
import io.platform.environment.RuntimeTargets;
import io.platform.observability.skywalking.SkyWalking;
import io.platform.support.web.UpstreamException;

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

	private final SkyWalking skyWalking;

	StartStep(RuntimeTargets targets, BindingService bindings, DatabaseProvisioner databases, SkyWalking skyWalking) {
		this.targets = targets;
		this.bindings = bindings;
		this.databases = databases;
		this.skyWalking = skyWalking;
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
		JavaAgent agent = tracing(context);
		WorkloadSpec spec = new WorkloadSpec(deployment.getApp(), deployment.getEnv(), deployment.getId(),
				deployment.getImage(), app.getPort(), variables, jvmOptions, targets.resources(deployment.getEnv()),
				agent);
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

	/** The SkyWalking agent when the environment traces its services; why not, in the log, when it cannot. */
	private JavaAgent tracing(StepContext context) {
		Deployment deployment = context.deployment();
		SkyWalking.Setup setup = skyWalking.setup(deployment.getApp(), deployment.getEnv());
		if (!setup.enabled()) {
			if (setup.collector() != null) {
				context.log("[start] Not traced: " + setup.reason());
			}
			return null;
		}
		JavaAgent agent = skyWalking.agent(setup, deployment.getApp(), deployment.getEnv(), deployment.getId())
			.orElseThrow();
		context.log("[start] SkyWalking agent attached: service " + SkyWalking.serviceName(deployment.getApp(),
				deployment.getEnv()) + ", instance " + SkyWalking.instanceName(deployment.getId()) + ", collector "
				+ setup.collector());
		return agent;
	}

}
