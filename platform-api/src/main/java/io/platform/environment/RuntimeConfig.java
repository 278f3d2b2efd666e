package io.platform.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.platform.PlatformProperties;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.RuntimeFailure;
import io.platform.env.runtime.docker.DockerDriver;
import io.platform.env.runtime.docker.DockerSettings;
import io.platform.env.runtime.process.ProcessDriver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the runtime: {@code platform.runtime=docker|process|auto} (auto: Docker when an engine answers). */
@Configuration(proxyBeanMethods = false)
class RuntimeConfig {

	private static final Logger log = LoggerFactory.getLogger(RuntimeConfig.class);

	@Bean(destroyMethod = "close")
	RuntimeDriver runtimeDriver(PlatformProperties properties) {
		PlatformProperties.Docker docker = properties.docker();
		boolean useDocker = switch (properties.runtime()) {
			case DOCKER -> {
				if (!DockerDriver.answers(docker.host(), Duration.ofSeconds(3))) {
					throw new RuntimeFailure("platform.runtime=docker but no Docker engine answers at " + docker.host()
							+ "; start the engine or use platform.runtime=auto or process.");
				}
				yield true;
			}
			case PROCESS -> false;
			case AUTO -> DockerDriver.answers(docker.host(), Duration.ofSeconds(2));
		};
		if (useDocker) {
			log.info("Runtime: Docker engine at {} (base image {})", docker.host(), docker.baseImage());
			return new DockerDriver(new DockerSettings(docker.host(), docker.baseImage(), null,
					installationId(properties.home()), docker.timeout()));
		}
		log.info("Runtime: local processes (no Docker engine{})",
				properties.runtime() == PlatformProperties.Runtime.PROCESS ? " wanted" : " answers at " + docker.host());
		ProcessDriver process = new ProcessDriver(properties.home().resolve("runtime"));
		if (properties.runtime() == PlatformProperties.Runtime.PROCESS) {
			return process;
		}
		// An engine that is down at start (restarting, not up yet) must not leave its containers orphaned
		// for as long as the platform runs: ask again, and move to it once it answers.
		String owner = installationId(properties.home());
		return new AutoRuntime(process, () -> DockerDriver.answers(docker.host(), Duration.ofSeconds(2)),
				() -> new DockerDriver(new DockerSettings(docker.host(), docker.baseImage(), null, owner, docker.timeout())),
				docker.recheck());
	}

	/**
	 * A random id made once per platform home: it labels this installation's containers so that two
	 * platforms sharing an engine leave each other's alone.
	 */
	static String installationId(Path home) {
		Path file = home.resolve("installation-id");
		try {
			if (Files.exists(file)) {
				return Files.readString(file).strip();
			}
			Files.createDirectories(home);
			String id = UUID.randomUUID().toString();
			Files.writeString(file, id);
			return id;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create " + file, ex);
		}
	}

}
