package io.platform.env.runtime.docker;

import java.time.Duration;

/**
 * Where the Docker engine is and how workloads are published on it.
 * @param host engine address, {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}
 * @param baseImage the image every baked image starts from; it must contain {@code java} on the PATH
 * @param publishAddress the host address container ports are published on
 * @param owner identifies the platform installation whose containers these are, so that two platforms
 *     sharing one engine never list (and so never remove) each other's workloads; {@code null} for none
 * @param timeout how long the engine has to answer a call (log follows and waits for an exit excepted: they
 *     last as long as what they follow)
 */
public record DockerSettings(String host, String baseImage, String publishAddress, String owner, Duration timeout) {

	public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

	public static final String DEFAULT_BASE_IMAGE = "eclipse-temurin:17-jre";

	public static final String DEFAULT_PUBLISH_ADDRESS = "127.0.0.1";

	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	public DockerSettings {
		timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? DEFAULT_TIMEOUT : timeout;
		host = blankToDefault(host, DEFAULT_HOST);
		baseImage = blankToDefault(baseImage, DEFAULT_BASE_IMAGE);
		publishAddress = blankToDefault(publishAddress, DEFAULT_PUBLISH_ADDRESS);
		owner = owner == null || owner.isBlank() ? null : owner.strip();
	}

	public DockerSettings(String host, String baseImage, String publishAddress, String owner) {
		this(host, baseImage, publishAddress, owner, null);
	}

	public DockerSettings withOwner(String owner) {
		return new DockerSettings(host, baseImage, publishAddress, owner, timeout);
	}

	public static DockerSettings defaults() {
		return new DockerSettings(null, null, null, null, null);
	}

	public DockerSettings withHost(String host) {
		return new DockerSettings(host, baseImage, publishAddress, owner, timeout);
	}

	public DockerSettings withBaseImage(String baseImage) {
		return new DockerSettings(host, baseImage, publishAddress, owner, timeout);
	}

	public DockerSettings withTimeout(Duration timeout) {
		return new DockerSettings(host, baseImage, publishAddress, owner, timeout);
	}

	private static String blankToDefault(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value.strip();
	}

}
