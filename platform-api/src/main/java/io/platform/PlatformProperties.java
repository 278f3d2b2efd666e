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
		@DefaultValue("auto") Runtime runtime, @DefaultValue Deploy deploy, @DefaultValue Docker docker,
		@DefaultValue Gray gray) {

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
	 * @param drainTime how long a superseded instance keeps running after the switch, so requests it
	 *     is serving finish
	 * @param mavenJvmOptions options for the JVM that runs Maven in a build, put first in MAVEN_OPTS (blank:
	 *     none; a service whose repository has .mvn/jvm.config chooses its own). By default C1 only: that JVM
	 *     lives seconds to minutes, too short for C2's code to repay its compilation (docs/benchmarks.md)
	 * @param buildCpus CPUs a build container may use (0: no limit; at most the engine's)
	 * @param buildMemory memory a build container may use, swap included (0: no limit)
	 */
	public record Deploy(@DefaultValue("15m") Duration buildTimeout, @DefaultValue("120s") Duration healthTimeout,
			@DefaultValue("2") int maxConcurrentBuilds, @DefaultValue("10MB") DataSize logLimit,
			Path mavenRepository, @DefaultValue("3s") Duration drainTime,
			@DefaultValue("-XX:TieredStopAtLevel=1") String mavenJvmOptions, @DefaultValue("2") double buildCpus,
			@DefaultValue("2GB") DataSize buildMemory) {

		/** The shared local Maven repository: the configured one, else the platform user's. */
		public Path mavenRepositoryOrDefault() {
			return mavenRepository != null ? mavenRepository
					: Path.of(System.getProperty("user.home"), ".m2", "repository");
		}

	}

	/**
	 * Gray routing: requests for a service in {@code from} that carry the gray marker (the header or the
	 * cookie set to {@code true}, or a user id from {@code users} in {@code userHeader}) go to its
	 * deployment in {@code to}, when it has one.
	 */
	public record Gray(@DefaultValue("prod") String from, @DefaultValue("pre") String to,
			@DefaultValue("X-Gray") String header, @DefaultValue("gray") String cookie,
			@DefaultValue("X-User-Id") String userHeader, @DefaultValue java.util.List<String> users) {
	}

	/**
	 * @param host the engine, such as unix:///var/run/docker.sock or tcp://host:2376
	 * @param baseImage JRE image the service jars are added to
	 * @param buildImage image builds run in (a JDK and Maven), unless the service names its own;
	 *     scripts/build-image.sh makes the default one
	 * @param timeout how long an engine has to answer a call (log follows and waits for a build's end excepted)
	 * @param recheck with {@code runtime=auto} and no engine at start, how often to ask again whether it answers
	 */
	public record Docker(@DefaultValue("unix:///var/run/docker.sock") String host,
			@DefaultValue("eclipse-temurin:17-jre") String baseImage,
			@DefaultValue("platform-build:jdk17-maven") String buildImage, @DefaultValue("60s") Duration timeout,
			@DefaultValue("30s") Duration recheck) {
	}

}
