package io.platform.deployment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.platform.git.OriginRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk under the deployments' logs (a small tmpfs mounted there, which needs root): the deployment
 * that cannot write its first log line ends FAILED and says why, instead of staying QUEUED.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LogDiskFullIT {

	static Path dir;

	static Path logs;

	static boolean mounted;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		dir = Files.createTempDirectory("platform-disk-full-");
		registry.add("platform.home", () -> dir.resolve("home").toString());
		registry.add("platform.runtime", () -> "process");
	}

	/** Mounts a small tmpfs where the logs go, once (the platform is started by then). */
	private static void smallDiskForLogs() throws Exception {
		if (mounted) {
			return;
		}
		logs = Files.createDirectories(dir.resolve("home").resolve("deployments"));
		String why = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", logs.toString());
		if (why != null) {
			if ("true".equals(System.getenv("CI"))) {
				fail("A small tmpfs could not be mounted for the full-disk test (" + why + "); CI runs as root and must");
			}
			assumeTrue(false, "Skipped: a small tmpfs could not be mounted (" + why + "); run as root to test a full disk");
		}
		mounted = true;
	}

	private static void fillDiskOfLogs() throws Exception {
		smallDiskForLogs();
		try (OutputStream filler = Files.newOutputStream(logs.resolve("filler"))) {
			byte[] block = new byte[4096];
			while (true) {
				filler.write(block);
			}
		}
		catch (IOException full) {
			// the disk is full now
		}
	}

	@AfterAll
	static void unmount() throws Exception {
		if (mounted) {
			// lazily: the platform of this test may still hold its log file open
			run("umount", "-l", logs.toString());
		}
		if (dir != null) {
				FileSystemUtils.deleteRecursively(dir.toFile());
		}
	}

	@Test
	void aDeploymentThatCannotWriteItsLogFailsAndSaysWhy() throws Exception {
		fillDiskOfLogs();
		Api api = new Api(port);
		String url;
		try (OriginRepository origin = OriginRepository.create(dir.resolve("repos").resolve("full.git"))) {
			origin.commit("main", "The service", Map.of("README", "x\n"));
			url = origin.url();
		}
		assertThat(api.post("/api/apps", Map.of("name", "full", "repoUrl", url, "buildCommand", "true")).status())
			.isEqualTo(201);
		Api.Answer started = api.post("/api/apps/full/deployments", Map.of("env", "dev", "branches", List.of("main")));
		assertThat(started.status()).as(started.text()).isEqualTo(202);
		long id = started.body().get("id").asLong();

		JsonNode done = api.awaitEnd(id);
		assertThat(done.get("status").asString()).isEqualTo("FAILED");
		assertThat(done.get("error").asString()).contains("The deployment's log could not be written",
				"No space left on device", "Free space on the disk that holds platform.home");
		assertThat(done.get("finishedAt").isNull()).isFalse();

		// The lane is free and not stuck: the next deployment runs (and fails for the same reason).
		long next = api.post("/api/apps/full/deployments", Map.of("env", "dev", "branches", List.of("main")))
			.body().get("id").asLong();
		assertThat(api.awaitEnd(next).get("status").asString()).isEqualTo("FAILED");
	}

	@Test
	void aBuildWhoseOutputNoLongerFitsIsStoppedAndTheDeploymentSaysWhy() throws Exception {
		smallDiskForLogs();
		Files.deleteIfExists(logs.resolve("filler"));
		Api api = new Api(port);
		String url;
		try (OriginRepository origin = OriginRepository.create(dir.resolve("repos").resolve("talkative.git"))) {
			origin.commit("main", "The service", Map.of("README", "x\n"));
			url = origin.url();
		}
		// Far more output than the disk takes; then it would wait for a long time.
		assertThat(api.post("/api/apps", Map.of("name", "talkative", "repoUrl", url, "buildCommand",
				"sh -c \"yes 'a line of build output' | head -n 200000; sleep 600\"")).status()).isEqualTo(201);
		long id = api.post("/api/apps/talkative/deployments", Map.of("env", "dev", "branches", List.of("main")))
			.body().get("id").asLong();
		JsonNode done = api.await(id, d -> !d.get("status").asString().matches("QUEUED|BUILDING|STARTING"),
				java.time.Duration.ofSeconds(60));
		assertThat(done.get("status").asString()).isEqualTo("FAILED");
		assertThat(done.get("error").asString()).contains("The deployment's log could not be written",
				"No space left on device");
		Files.deleteIfExists(logs.resolve("filler"));
	}

	/** Runs a command; null when it succeeded, else what it said. */
	private static String run(String... command) throws Exception {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes()).strip();
			return process.waitFor() == 0 ? null : "exit " + process.exitValue() + ": " + output;
		}
		catch (IOException ex) {
			return ex.getMessage();
		}
	}

}
