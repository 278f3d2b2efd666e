package io.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The platform's own settings ({@code platform.*}). All state lives under {@code home}: database,
 * Git mirrors, workspaces, artifacts, logs.
 */
@ConfigurationProperties("platform")
public record PlatformProperties(Path home, @DefaultValue("localhost") String domain,
		@DefaultValue("auto") Runtime runtime, @DefaultValue Deploy deploy, @DefaultValue Docker docker) {

	public enum Runtime {

		/** Docker when an engine answers, else local processes. */
		AUTO, DOCKER, PROCESS

	}

	/**
	 * @param buildTimeout longest a build may run before it is killed
	 * @param healthTimeout how long a new instance has to answer its health path with 2xx
	 * @param maxConcurrentBuilds builds running at once across all services and environments
	 * @param logLimit size at which a deployment's log stops growing
	 * @param mavenRepository local Maven repository shared by builds (empty: the user's default)
	 */
	public record Deploy(@DefaultValue("15m") Duration buildTimeout, @DefaultValue("120s") Duration healthTimeout,
			@DefaultValue("2") int maxConcurrentBuilds, @DefaultValue("10MB") DataSize logLimit,
			Path mavenRepository) {
	}

	/**
	 * @param host the engine, such as unix:///var/run/docker.sock or tcp://host:2376
	 * @param baseImage JRE image the service jars are added to
	 */
	public record Docker(@DefaultValue("unix:///var/run/docker.sock") String host,
			@DefaultValue("eclipse-temurin:17-jre") String baseImage) {
	}

}
