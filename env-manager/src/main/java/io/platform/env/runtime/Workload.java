package io.platform.env.runtime;

/**
 * A started instance. {@code host}:{@code port} is where the platform reaches the app (a port published
 * on the loopback interface for Docker, the process's own port for the process runtime).
 */
public record Workload(String id, String name, String app, String env, long deploymentId, String image,
		String host, int port) {

	public String baseUrl() {
		return "http://" + host + ":" + port;
	}

}
