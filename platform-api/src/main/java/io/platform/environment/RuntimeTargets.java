package io.platform.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.platform.PlatformProperties;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.WorkloadSpec;
import io.platform.env.runtime.docker.DockerDriver;
import io.platform.env.runtime.docker.DockerSettings;
import io.platform.env.runtime.process.ProcessDriver;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Which runtime runs each environment's workloads: the environment's own (a Docker engine URL, or local
 * processes) or else the platform's (chosen by {@code platform.runtime}). Drivers are made once per target.
 */
@Component
public class RuntimeTargets implements DisposableBean {

	private final RuntimeDriver platformRuntime;

	private final EnvironmentService environments;

	private final PlatformProperties properties;

	private final Map<String, RuntimeDriver> byTarget = new ConcurrentHashMap<>();

	RuntimeTargets(RuntimeDriver platformRuntime, EnvironmentService environments, PlatformProperties properties) {
		this.platformRuntime = platformRuntime;
		this.environments = environments;
		this.properties = properties;
	}

	public RuntimeDriver driver(String env) {
		return driverFor(environments.get(env).getRuntime());
	}

	/** The default limits of the environment's containers. */
	public WorkloadSpec.Resources resources(String env) {
		Environment environment = environments.get(env);
		long memory = environment.getMemoryLimitMb() == null ? 0 : environment.getMemoryLimitMb() * 1024L * 1024L;
		double cpus = environment.getCpuLimit() == null ? 0 : environment.getCpuLimit();
		return new WorkloadSpec.Resources(memory, cpus);
	}

	/** Every distinct runtime in use, for reconciliation after a restart. */
	public List<RuntimeDriver> all() {
		List<RuntimeDriver> drivers = new ArrayList<>();
		drivers.add(platformRuntime);
		environments.list()
			.stream()
			.map(Environment::getRuntime)
			.filter(Objects::nonNull)
			.distinct()
			.map(this::driverFor)
			.filter(driver -> !drivers.contains(driver))
			.forEach(drivers::add);
		return drivers;
	}

	private RuntimeDriver driverFor(String target) {
		if (target == null || isPlatformRuntime(target)) {
			return platformRuntime;
		}
		if (EnvironmentService.PROCESS_RUNTIME.equals(target) && platformRuntime instanceof AutoRuntime auto) {
			// One process runtime per platform home, also after auto moved on to Docker.
			return auto.processRuntime();
		}
		return byTarget.computeIfAbsent(target, t -> EnvironmentService.PROCESS_RUNTIME.equals(t)
				? new ProcessDriver(properties.home().resolve("runtime"))
				: new DockerDriver(new DockerSettings(t, properties.docker().baseImage(), null,
						RuntimeConfig.installationId(properties.home()), properties.docker().timeout())));
	}

	private boolean isPlatformRuntime(String target) {
		return EnvironmentService.PROCESS_RUNTIME.equals(target) ? "process".equals(platformRuntime.kind())
				: "docker".equals(platformRuntime.kind()) && target.equals(properties.docker().host());
	}

	@Override
	public void destroy() {
		byTarget.values().forEach(RuntimeDriver::close);
	}

}
