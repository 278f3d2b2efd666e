package io.platform.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.platform.env.runtime.FixtureJar;
import io.platform.env.runtime.ImageSpec;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.Workload;
import io.platform.env.runtime.WorkloadSpec;
import io.platform.env.runtime.WorkloadState;
import io.platform.env.runtime.docker.DockerDriver;
import io.platform.env.runtime.docker.DockerSettings;
import io.platform.git.OriginRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code platform.runtime=auto} started while the Docker engine was down (its socket not there yet): when
 * the engine answers later, deployments go to Docker and the engine's containers of this platform are
 * adopted, not orphaned behind the process runtime.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LateDockerEngineIT {

	static final String ENGINE = "unix:///var/run/docker.sock";

	static Path dir;

	static Path socket;

	static DockerDriver direct;

	static Workload before;

	@LocalServerPort
	int port;

	@Autowired
	RuntimeDriver runtime;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		dir = Files.createTempDirectory("platform-late-engine-");
		socket = dir.resolve("docker.sock");
		registry.add("platform.home", () -> dir.resolve("home").toString());
		registry.add("platform.runtime", () -> "auto");
		registry.add("platform.docker.host", () -> "unix://" + socket);
		registry.add("platform.docker.recheck", () -> "1s");
	}

	@AfterAll
	static void cleanUp() throws Exception {
		if (direct != null) {
			if (before != null) {
				direct.remove(before.id());
			}
			direct.close();
			// the fixture's image too: nothing of this test stays on the engine
			new ProcessBuilder("docker", "rmi", "-f", "late:dev-1").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
		}
		if (dir != null) {
			Files.deleteIfExists(socket);
			FileSystemUtils.deleteRecursively(dir.toFile());
		}
	}

	@Test
	void anEngineThatAnswersLaterTakesNewDeploymentsAndItsContainersAreAdopted() throws Exception {
		if (!DockerDriver.answers(ENGINE, Duration.ofSeconds(3))) {
			String message = "No Docker engine answers at " + ENGINE;
			if ("true".equals(System.getenv("CI"))) {
				Assertions.fail(message + ", and CI=true requires one");
			}
			Assumptions.abort(message + "; skipped");
		}
		assertThat(runtime.kind()).isEqualTo("process");

		// A container of this platform (same installation), as left running before the engine went away.
		Path idFile = dir.resolve("home").resolve("installation-id");
		if (!Files.exists(idFile)) {
			// made by the platform when it first needs it; the same file either way
			Files.writeString(idFile, java.util.UUID.randomUUID().toString());
		}
		String owner = Files.readString(idFile).strip();
		direct = new DockerDriver(new DockerSettings(ENGINE, DockerSettings.DEFAULT_BASE_IMAGE, null, owner));
		String image = direct.bake(new ImageSpec("late", "dev", 1, "abc1234", List.of("main"),
				FixtureJar.build(dir.resolve("fixture"))), line -> {
				});
		before = direct.start(new WorkloadSpec("late", "dev", 4711L, image, 8080, Map.of(), List.of(), null), line -> {
		});

		// The engine comes back: its socket appears where the platform looks.
		Files.createSymbolicLink(socket, Path.of("/var/run/docker.sock"));
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!"docker".equals(runtime.kind()) && System.nanoTime() < end) {
			Thread.sleep(200);
		}
		assertThat(runtime.kind()).isEqualTo("docker");
		assertThat(runtime.workloads()).extracting(Workload::id).contains(before.id());
		assertThat(runtime.inspect(before.id()).phase()).isNotEqualTo(WorkloadState.Phase.MISSING);

		// A new deployment builds in a container on that engine.
		Api api = new Api(port);
		String url;
		try (OriginRepository origin = OriginRepository.create(dir.resolve("repos").resolve("late.git"))) {
			origin.commit("main", "The service", Map.of("README", "x\n"));
			url = origin.url();
		}
		assertThat(api.post("/api/apps", Map.of("name", "late", "repoUrl", url, "buildCommand", "true")).status())
			.isEqualTo(201);
		long id = api.post("/api/apps/late/deployments", Map.of("env", "dev", "branches", List.of("main")))
			.body().get("id").asLong();
		api.awaitEnd(id);
		assertThat(api.text("/api/deployments/" + id + "/log")).contains("[build] in container of");
	}

}
