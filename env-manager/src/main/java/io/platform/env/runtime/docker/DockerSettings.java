package io.platform.env.runtime.docker;

/**
 * Where the Docker engine is and how workloads are published on it.
 * @param host engine address, {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}
 * @param baseImage the image every baked image starts from; it must contain {@code java} on the PATH
 * @param publishAddress the host address container ports are published on
 * @param owner identifies the platform installation whose containers these are, so that two platforms
 *     sharing one engine never list (and so never remove) each other's workloads; {@code null} for none
 */
public record DockerSettings(String host, String baseImage, String publishAddress, String owner) {

	public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

	public static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

	public static final String DEFAULT_PUBLISH_ADDRESS = "127.0.0.1";

	public DockerSettings {
		host = blankToDefault(host, DEFAULT_HOST);
		baseImage = blankToDefault(baseImage, DEFAULT_BASE_IMAGE);
		publishAddress = blankToDefault(publishAddress, DEFAULT_PUBLISH_ADDRESS);
		owner = owner == null || owner.isBlank() ? null : owner.strip();
	}

	public DockerSettings withOwner(String owner) {
		return new DockerSettings(host, baseImage, publishAddress, owner);
	}

	public static DockerSettings defaults() {
		return new DockerSettings(null, null, null, null);
	}

	public DockerSettings withHost(String host) {
		return new DockerSettings(host, baseImage, publishAddress, owner);
	}

	public DockerSettings withBaseImage(String baseImage) {
		return new DockerSettings(host, baseImage, publishAddress, owner);
	}

	private static String blankToDefault(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value.strip();
	}

}
