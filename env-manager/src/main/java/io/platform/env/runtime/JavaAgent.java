package io.platform.env.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Java agent to attach to a workload's JVM ({@code -javaagent}), such as SkyWalking's. The driver makes
 * {@code directory} visible to the workload (a Docker engine, possibly a remote one, gets a copy inside the
 * container) and passes {@code properties} as {@code -Dkey=value}. Agents write their own log: when
 * {@code logDirProperty} is set, the driver points that property at a folder the workload may write to, as
 * the agent's directory itself may be read-only or shared by many workloads.
 *
 * @param directory the agent's folder on the platform's host
 * @param jar the agent jar's file name inside {@code directory}
 * @param properties system properties for the agent
 * @param logDirProperty the system property naming the agent's log folder, or {@code null}
 */
public record JavaAgent(Path directory, String jar, Map<String, String> properties, String logDirProperty) {

	public JavaAgent {
		if (!Files.isRegularFile(directory.resolve(jar))) {
			throw new IllegalArgumentException("No agent jar " + jar + " in " + directory);
		}
		directory = directory.toAbsolutePath().normalize();
		properties = Map.copyOf(properties);
	}

	/** The JVM options that attach the agent when it sits in {@code folder} and may log into {@code logDir}. */
	public List<String> jvmOptions(String folder, String logDir) {
		List<String> options = new ArrayList<>();
		options.add("-javaagent:" + folder + "/" + jar);
		properties.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach(entry -> options.add("-D" + entry.getKey() + "=" + entry.getValue()));
		if (logDirProperty != null) {
			options.add("-D" + logDirProperty + "=" + logDir);
		}
		return options;
	}

}
