package io.platform.env.runtime.docker;

import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/** The Docker engine of the driver tests: {@code DOCKER_HOST}, else the local socket. */
final class Engine {

	static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", DockerSettings.DEFAULT_HOST);

	private Engine() {
	}

	/** Skips the test without an engine, except on CI where a missing engine fails it. */
	static void require(String what) {
		if (!DockerDriver.answers(HOST, Duration.ofSeconds(3))) {
			String message = "No Docker engine answers at " + HOST;
			if ("true".equals(System.getenv("CI"))) {
				fail(message + ", and CI=true requires one");
			}
			message += "; " + what + " skipped";
			System.err.println(message);
			Assumptions.abort(message);
		}
	}

	/** A client of the tests' own, to check what the driver did. */
	static DockerClient client() {
		DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(HOST).build();
		return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
			.dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			.responseTimeout(Duration.ofSeconds(60))
			.build());
	}

}
