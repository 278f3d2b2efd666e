package io.platform.env.runtime;

import java.util.List;
import java.util.Map;

/**
 * One instance to start. {@code environment} holds the variables the app is given (SERVER_PORT is set by
 * the driver to the port the app must listen on); {@code jvmOptions} go before {@code -jar}; {@code agent},
 * when not {@code null}, is attached to the JVM.
 */
public record WorkloadSpec(String app, String env, long deploymentId, String image, int containerPort,
		Map<String, String> environment, List<String> jvmOptions, Resources resources, JavaAgent agent) {

	public WorkloadSpec {
		environment = Map.copyOf(environment);
		jvmOptions = List.copyOf(jvmOptions);
		resources = resources == null ? Resources.NONE : resources;
	}

	public WorkloadSpec(String app, String env, long deploymentId, String image, int containerPort,
			Map<String, String> environment, List<String> jvmOptions, Resources resources) {
		this(app, env, deploymentId, image, containerPort, environment, jvmOptions, resources, null);
	}

	/** {@code {app}-{env}-{deploymentId}}: unique, and readable in {@code docker ps}. */
	public String name() {
		return app + "-" + env + "-" + deploymentId;
	}

	/** Limits for one workload; {@code 0} means none. */
	public record Resources(long memoryBytes, double cpus) {

		public static final Resources NONE = new Resources(0, 0);

	}

}
