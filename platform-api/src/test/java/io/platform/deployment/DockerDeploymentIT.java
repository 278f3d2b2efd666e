package io.platform.deployment;

import java.time.Duration;

import io.platform.env.runtime.docker.DockerDriver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment flow on a real Docker engine; skipped without one, except under CI where it must run. */
class DockerDeploymentIT extends DeploymentFlowTests {

	static final String ENGINE = "unix:///var/run/docker.sock";

	@BeforeAll
	static void engineAnswers() {
		boolean answers = DockerDriver.answers(ENGINE, Duration.ofSeconds(3));
		if ("true".equals(System.getenv("CI"))) {
			assertThat(answers).as("CI must have a Docker engine at " + ENGINE + " (scripts/test-setup.sh starts one)")
				.isTrue();
		}
		Assumptions.assumeTrue(answers, "No Docker engine answers at " + ENGINE + "; Docker deployment tests skipped");
	}

	@DynamicPropertySource
	static void runtime(DynamicPropertyRegistry registry) throws Exception {
		properties(registry, DockerDriver.answers(ENGINE, Duration.ofSeconds(3)) ? "docker" : "process");
	}

}
