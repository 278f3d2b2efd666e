package io.platform.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.platform.env.runtime.RuntimeDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds of deployments on a real Docker engine run in throw-away containers: they see the work tree and
 * the Maven repository only, run in the service's own build image when it names one, and a cancel kills
 * them. Skipped without an engine, except under CI where it must run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BuildContainerIT {

	static final String DEFAULT_BUILD_IMAGE = "platform-build:jdk17-maven";

	static final Path dir = tempDirectory();

	static final String OWN_IMAGE = "platform-build-test:marker-" + UUID.randomUUID().toString().substring(0, 8);

	static SampleService sample;

	@LocalServerPort
	int port;

	@BeforeAll
	static void engineAndBuildImage() throws Exception {
		DockerDeploymentIT.engineAnswers();
		int inspect = docker("image", "inspect", DEFAULT_BUILD_IMAGE).exit();
		if ("true".equals(System.getenv("CI"))) {
			assertThat(inspect).as("CI must have the build image " + DEFAULT_BUILD_IMAGE + " (scripts/test-setup.sh makes it)")
				.isZero();
		}
		org.junit.jupiter.api.Assumptions.assumeTrue(inspect == 0,
				"No build image " + DEFAULT_BUILD_IMAGE + "; scripts/build-image.sh makes it; build container tests skipped");
		// The service's own build image: the default one with a marker file only it has.
		String maker = "platform-build-test-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(docker("run", "--name", maker, DEFAULT_BUILD_IMAGE, "sh", "-c",
				"echo own-build-image > /build-image-marker").exit()).isZero();
		try {
			assertThat(docker("commit", maker, OWN_IMAGE).exit()).isZero();
		}
		finally {
			docker("rm", "-f", maker);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		sample = SampleService.create(dir.resolve("repos"));
		registry.add("platform.home", () -> dir.resolve("home").toString());
		registry.add("platform.runtime", () -> "docker");
		registry.add("platform.deploy.health-timeout", () -> "60s");
	}

	@AfterAll
	static void cleanUp(@Autowired RuntimeDriver runtime) throws Exception {
		runtime.workloads().forEach(w -> runtime.remove(w.id()));
		docker("rmi", "-f", OWN_IMAGE);
		// The one service that got as far as an image.
		for (String image : docker("images", "-q", "--filter", "label=io.platform.app=own-image").output().lines()
			.filter(l -> !l.isBlank()).toList()) {
			docker("rmi", "-f", image);
		}
		if (sample != null) {
			sample.close();
		}
		FileSystemUtils.deleteRecursively(dir.toFile());
	}

	@Test
	void aBuildSeesTheWorkTreeButNotThePlatformsHomeNorItsMasterKey() throws Exception {
		Api api = new Api(port);
		// A secret makes the platform create its master key in its home.
		assertThat(api.put("/api/environments/dev/bindings/BUILD_IT_SECRET", Map.of("value", "x", "secret", true))
			.status()).isEqualTo(200);
		Path home = dir.resolve("home");
		String key = Files.readString(home.resolve("master.key")).strip();
		assertThat(key).isNotEmpty();
		register(api, "peek", "sh -c 'echo seen: $(ls -A); cat " + home.resolve("master.key")
				+ " ../master.key ../../master.key ../../../master.key 2>&1; ls " + home + " 2>&1; ls /var/run/docker.sock 2>&1;"
				+ " echo root: $(ls /); exit 3'", null);

		JsonNode done = api.awaitEnd(deploy(api, "peek"));
		String log = api.text("/api/deployments/" + done.get("id").asLong() + "/log");
		assertThat(done.get("status").asString()).as(log).isEqualTo("FAILED");
		assertThat(done.get("error").asString()).contains("exited with code 3");
		assertThat(log).contains("[build] in container of " + DEFAULT_BUILD_IMAGE + " (2 CPUs, 2 GB), workspace only",
				"seen: ", "pom.xml", "No such file or directory")
			.doesNotContain(key)
			.doesNotContain("installation-id");
		assertThat(buildContainers("peek")).isEmpty();
	}

	@Test
	void aServiceWithItsOwnBuildImageBuildsInIt() throws Exception {
		Api api = new Api(port);
		register(api, "own-image", "sh -c 'cat /build-image-marker && " + SampleService.BUILD_COMMAND + "'", OWN_IMAGE);
		assertThat(api.get("/api/apps/own-image").body().get("buildImage").asString()).isEqualTo(OWN_IMAGE);

		JsonNode done = api.awaitEnd(deploy(api, "own-image"));
		String log = api.text("/api/deployments/" + done.get("id").asLong() + "/log");
		assertThat(done.get("status").asString()).as(log).isEqualTo("RUNNING");
		assertThat(log).contains("[build] in container of " + OWN_IMAGE + " (2 CPUs, 2 GB), workspace only",
				"own-build-image");
		assertThat(api.fetch(done.get("url").asString())).contains("hello from feature-a", "built for dev");
		assertThat(buildContainers("own-image")).isEmpty();
	}

	@Test
	void aServiceWhoseBuildImageIsMissingFailsWithHowToGetIt() throws Exception {
		Api api = new Api(port);
		register(api, "no-image", SampleService.BUILD_COMMAND, "platform-no-such-build-image:1");
		JsonNode done = api.awaitEnd(deploy(api, "no-image"));
		assertThat(done.get("status").asString()).isEqualTo("FAILED");
		assertThat(done.get("error").asString()).contains("platform-no-such-build-image:1", "not on the Docker engine",
				"docker pull", DEFAULT_BUILD_IMAGE);
	}

	@Test
	void cancelKillsTheBuildContainer() throws Exception {
		Api api = new Api(port);
		register(api, "slow", "sh -c 'echo build-started; sleep 300'", null);
		long id = deploy(api, "slow");
		api.await(id, d -> api.text("/api/deployments/" + id + "/log").contains("build-started"), Duration.ofMinutes(1));
		assertThat(buildContainers("slow")).hasSize(1);

		assertThat(api.post("/api/deployments/" + id + "/cancel", null).status()).isEqualTo(200);
		JsonNode done = api.awaitEnd(id);
		assertThat(done.get("status").asString()).isEqualTo("CANCELLED");
		long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!buildContainers("slow").isEmpty() && System.nanoTime() < end) {
			Thread.sleep(200);
		}
		assertThat(buildContainers("slow")).as("build containers of the cancelled deployment").isEmpty();
	}

	private static void register(Api api, String name, String buildCommand, String buildImage) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "repoUrl", sample.url(), "buildCommand",
				buildCommand, "healthPath", "/actuator/health"));
		if (buildImage != null) {
			body.put("buildImage", buildImage);
		}
		Api.Answer answer = api.post("/api/apps", body);
		assertThat(answer.status()).as(answer.text()).isEqualTo(201);
	}

	private static long deploy(Api api, String app) {
		Api.Answer answer = api.post("/api/apps/" + app + "/deployments", Map.of("env", "dev", "branches",
				List.of("feature-a")));
		assertThat(answer.status()).as(answer.text()).isEqualTo(202);
		return answer.body().get("id").asLong();
	}

	/** The build containers of {@code app} on the engine, by the platform's labels. */
	private static List<String> buildContainers(String app) throws Exception {
		Docker ps = docker("ps", "-aq", "--filter", "label=io.platform.role=build", "--filter",
				"label=io.platform.app=" + app);
		assertThat(ps.exit()).isZero();
		return ps.output().lines().filter(l -> !l.isBlank()).toList();
	}

	record Docker(int exit, String output) {
	}

	private static Docker docker(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("docker " + String.join(" ", args) + " did not end");
		}
		return new Docker(process.exitValue(), output);
	}

	private static Path tempDirectory() {
		try {
			return Files.createTempDirectory("platform-build-it-");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
