package io.platform.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.platform.PlatformApplication;
import io.platform.git.OriginRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What code from a branch can do to the platform through its build, on the process runtime (builds run
 * on the platform's host): print lines that drive a terminal or pass for the platform's own, smuggle a
 * host file into an artifact through a committed symbolic link, leave processes behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BuildHardeningIT {

	static Path dir;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		dir = Files.createTempDirectory("platform-build-hardening-");
		registry.add("platform.home", () -> dir.resolve("home").toString());
		registry.add("platform.runtime", () -> "process");
	}

	@AfterAll
	static void cleanUp() {
		FileSystemUtils.deleteRecursively(dir.toFile());
	}

	@Test
	void buildOutputCannotDriveTheReadersTerminalNorPassForThePlatformsOwnLines() throws Exception {
		Api api = new Api(port);
		String printed = "printf '\\033[2J\\033]0;owned\\007colour \\033[31mred\\033[0m\\n"
				+ "[platform] RUNNING at http://elsewhere.example/\\n\\tindented\\n'; exit 3";
		long id = deploy(api, "escapes", repository("escapes", Map.of("README", "x\n"), Map.of()),
				"sh -c \"" + printed + "\"", null);
		JsonNode done = api.awaitEnd(id);
		assertThat(done.get("status").asString()).isEqualTo("FAILED");

		String log = api.text("/api/deployments/" + id + "/log");
		assertThat(log).doesNotContain("\u001b", "\u0007")
			.contains("^[[2J^[]0;owned^Gcolour ^[[31mred^[[0m", "\n[output] [platform] RUNNING at http://elsewhere.example/\n",
					"\n\tindented\n");
		assertThat(log.lines().filter(line -> line.startsWith("[platform] RUNNING"))).isEmpty();
		// The reason quotes the end of the output: made safe the same way.
		assertThat(done.get("error").asString()).doesNotContain("\u001b").contains("[output] [platform] RUNNING");

		// The live stream replays the same safe lines.
		String stream = String.join("\n", api.stream("/api/deployments/" + id + "/log", Duration.ofSeconds(20)));
		assertThat(stream).doesNotContain("\u001b").contains("data:[output] [platform] RUNNING at http://elsewhere.example/");
	}

	@Test
	void aCommittedSymlinkToAHostFileIsRefusedAsTheArtifact() throws Exception {
		Api api = new Api(port);
		String url = repository("linked", Map.of("README", "x\n"), Map.of("target/app.jar", "/etc/passwd"));
		long id = deploy(api, "linked", url, "true", "target/app.jar");
		JsonNode done = api.awaitEnd(id);
		assertThat(done.get("status").asString()).isEqualTo("FAILED");
		assertThat(done.get("error").asString()).contains("'target/app.jar' is a symbolic link",
				"leads outside the service's work tree", "Remove the link");
		assertThat(keptArtifacts("linked")).isEmpty();

		// Found without an artifact path: target/ itself is a link to a host folder with jars in it.
		Path hostJars = Files.createDirectories(dir.resolve("host-jars"));
		Files.writeString(hostJars.resolve("secret.jar"), "not the build's");
		String folder = repository("folder", Map.of("README", "x\n"), Map.of("target", hostJars.toString()));
		long second = deploy(api, "folder", folder, "true", null);
		JsonNode refused = api.awaitEnd(second);
		assertThat(refused.get("status").asString()).isEqualTo("FAILED");
		assertThat(refused.get("error").asString()).contains("'target/secret.jar' is a symbolic link, or lies under one");
		assertThat(keptArtifacts("folder")).isEmpty();
	}

	@Test
	void aLinkInsideTheWorkTreeStaysFine() throws Exception {
		Api api = new Api(port);
		String url = repository("inside", Map.of("dist/app-1.0.jar", "jar bytes\n"), Map.of("target/app.jar", "../dist/app-1.0.jar"));
		long id = deploy(api, "inside", url, "true", "target/app.jar");
		// It builds; the "jar" then cannot start, which is not what this is about.
		JsonNode done = api.awaitEnd(id);
		JsonNode build = null;
		for (JsonNode step : done.get("steps")) {
			if (step.get("name").asString().equalsIgnoreCase("build")) {
				build = step;
			}
		}
		assertThat(build).as(done.toString()).isNotNull();
		assertThat(build.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
		assertThat(keptArtifacts("inside")).hasSize(1);
	}

	@Test
	void cancellingAHostBuildKillsEverythingItStartedEvenWhatLeftItsProcessTree() throws Exception {
		Api api = new Api(port);
		long seconds = 100_000 + ThreadLocalRandom.current().nextInt(800_000);
		// The child waits; a grandchild sleeps in its tree; a detached one (double fork) leaves the tree.
		String script = "sh -c 'sleep " + seconds + "' & sh -c 'sleep " + (seconds + 1) + " &'; echo started; wait";
		long id = deploy(api, "spawner", repository("spawner", Map.of("README", "x\n"), Map.of()),
				"sh -c \"" + script + "\"", null);
		api.await(id, d -> api.text("/api/deployments/" + id + "/log").contains("\nstarted\n"), Duration.ofSeconds(60));
		assertThat(sleeping(seconds)).isEqualTo(1);
		assertThat(sleeping(seconds + 1)).isEqualTo(1);

		assertThat(api.post("/api/deployments/" + id + "/cancel", null).status()).isEqualTo(200);
		assertThat(api.awaitEnd(id).get("status").asString()).isEqualTo("CANCELLED");
		awaitNone(seconds);
		awaitNone(seconds + 1);
	}

	@Test
	void stoppingThePlatformKillsTheHostBuildsItRuns() throws Exception {
		long seconds = 100_000 + ThreadLocalRandom.current().nextInt(800_000);
		String script = "sh -c 'sleep " + seconds + "' & sh -c 'sleep " + (seconds + 1) + " &'; echo started; wait";
		String url = repository("stopped", Map.of("README", "x\n"), Map.of());
		ConfigurableApplicationContext other = new SpringApplicationBuilder(PlatformApplication.class)
			.run("--server.port=0", "--platform.home=" + dir.resolve("other-home"), "--platform.runtime=process");
		try {
			Api api = new Api(Integer.parseInt(other.getEnvironment().getProperty("local.server.port")));
			long id = deploy(api, "stopped", url, "sh -c \"" + script + "\"", null);
			api.await(id, d -> api.text("/api/deployments/" + id + "/log").contains("\nstarted\n"), Duration.ofSeconds(60));
			assertThat(sleeping(seconds)).isEqualTo(1);
			assertThat(sleeping(seconds + 1)).isEqualTo(1);
		}
		finally {
			other.close();
		}
		awaitNone(seconds);
		awaitNone(seconds + 1);
	}

	private static long deploy(Api api, String name, String url, String buildCommand, String artifact) {
		Map<String, Object> app = new java.util.HashMap<>(Map.of("name", name, "repoUrl", url, "buildCommand", buildCommand));
		if (artifact != null) {
			app.put("artifact", artifact);
		}
		Api.Answer created = api.post("/api/apps", app);
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		Api.Answer started = api.post("/api/apps/" + name + "/deployments", Map.of("env", "dev", "branches", List.of("main")));
		assertThat(started.status()).as(started.text()).isEqualTo(202);
		return started.body().get("id").asLong();
	}

	private static String repository(String name, Map<String, String> files, Map<String, String> links) throws Exception {
		try (OriginRepository origin = OriginRepository.create(dir.resolve("repos").resolve(name + ".git"))) {
			origin.commitWithLinks("main", "The service", files, links);
			return origin.url();
		}
	}

	private static List<Path> keptArtifacts(String app) throws Exception {
		Path kept = dir.resolve("home").resolve("artifacts").resolve(app);
		if (!Files.exists(kept)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(kept)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private static long sleeping(long seconds) {
		return ProcessHandle.allProcesses().filter(p -> isSleep(p, seconds)).count();
	}

	private static boolean isSleep(ProcessHandle process, long seconds) {
		ProcessHandle.Info info = process.info();
		return info.command().orElse("").endsWith("/sleep")
				&& List.of(Long.toString(seconds)).equals(List.of(info.arguments().orElse(new String[0])));
	}

	private static void awaitNone(long seconds) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (sleeping(seconds) > 0 && System.nanoTime() < end) {
			Thread.sleep(100);
		}
		long left = sleeping(seconds);
		// Killed here too, so that a failing run leaves nothing behind.
		ProcessHandle.allProcesses().filter(p -> isSleep(p, seconds)).forEach(ProcessHandle::destroyForcibly);
		assertThat(left).as("processes 'sleep %d' left running", seconds).isZero();
	}

}
