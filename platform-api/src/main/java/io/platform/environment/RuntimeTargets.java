package io.platform.environment;

import java.util.List;

import io.platform.env.runtime.RuntimeDriver;

import org.springframework.stereotype.Component;

/**
 * Which runtime runs each environment's workloads. Today every environment shares the platform's
 * runtime (chosen by {@code platform.runtime}); per-environment engines plug in here.
 */
@Component
public class RuntimeTargets {

	private final RuntimeDriver runtime;

	RuntimeTargets(RuntimeDriver runtime) {
		this.runtime = runtime;
	}

	public RuntimeDriver driver(String env) {
		return runtime;
	}

	/** Every distinct runtime, for reconciliation after a restart. */
	public List<RuntimeDriver> all() {
		return List.of(runtime);
	}

}
