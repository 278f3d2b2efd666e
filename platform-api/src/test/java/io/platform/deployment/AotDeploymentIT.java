package io.platform.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.platform.PlatformApplication;
import io.platform.support.FreshPlatformHome;
import io.platform.env.runtime.RuntimeDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged platform starts from the bean definitions generated at build time (AOT mode). This starts
 * it that way, as {@code java -jar} does, deploys the sample service on the process runtime and reaches it
 * through the environment ingress: the generated code wires what the classic start wires.
 */
class AotDeploymentIT {

	static Path dir;

	static SampleService sample;

	static ConfigurableApplicationContext platform;

	@BeforeAll
	static void start() throws Exception {
		boolean generated = PlatformApplication.class.getResource("PlatformApplication__ApplicationContextInitializer.class") != null;
		if ("true".equals(System.getenv("CI"))) {
			assertThat(generated).as("AOT-generated initializer (built by the package phase)").isTrue();
		}
		assumeTrue(generated, "no AOT-generated code: run through mvn verify");
		dir = Files.createTempDirectory("platform-aot-");
		sample = SampleService.create(dir.resolve("repos"));
		System.setProperty("spring.aot.enabled", "true");
		try {
			SpringApplication application = new SpringApplication(PlatformApplication.class);
			// The generated initializer is found by the main class, which here is not the one on the stack.
			application.setMainApplicationClass(PlatformApplication.class);
			platform = application.run("--server.port=0",
					"--platform.home=" + dir.resolve("home"), "--platform.runtime=process",
					"--platform.deploy.drain-time=1s", "--platform.admin-password=" + FreshPlatformHome.ADMIN_PASSWORD);
		}
		finally {
			System.clearProperty("spring.aot.enabled");
		}
	}

	@AfterAll
	static void stop() {
		if (platform != null) {
			RuntimeDriver runtime = platform.getBean(RuntimeDriver.class);
			runtime.workloads().forEach(w -> runtime.remove(w.id()));
			platform.close();
		}
		if (sample != null) {
			sample.close();
		}
		if (dir != null) {
			FileSystemUtils.deleteRecursively(dir.toFile());
		}
	}

	@Test
	void startsFromGeneratedCodeAndDeploys() throws Exception {
		// Generated definitions make their beans through code (an instance supplier), not reflection.
		assertThat(((RootBeanDefinition) platform.getBeanFactory().getMergedBeanDefinition("deploymentEngine"))
			.getInstanceSupplier()).isNotNull();
		Api api = new Api(((WebServerApplicationContext) platform).getWebServer().getPort());
		assertThat(api.get("/actuator/health").body().get("status").asString()).isEqualTo("UP");
		assertThat(api.post("/api/apps", Map.of("name", "sample", "repoUrl", sample.url(), "buildCommand",
				SampleService.BUILD_COMMAND, "healthPath", "/actuator/health")).status()).isEqualTo(201);

		Api.Answer started = api.post("/api/apps/sample/deployments", Map.of("env", "dev", "branches", List.of("main")));
		assertThat(started.status()).isEqualTo(202);
		JsonNode done = api.awaitEnd(started.body().get("id").asLong());

		assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("RUNNING");
		assertThat(api.fetch(done.get("url").asString())).contains("built for dev");
		assertThat(api.text("/api/deployments/" + done.get("id").asLong() + "/log")).contains("[build]", "RUNNING");
		Api.Raw viaIngress = api.viaIngress("sample.dev.localhost", "/");
		assertThat(viaIngress.status()).isEqualTo(200);
		assertThat(viaIngress.headers()).containsEntry("x-platform-env", "dev");
	}

}
