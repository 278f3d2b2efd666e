package io.platform.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.platform.git.OriginRepository;
import io.platform.support.HttpCaller;
import io.platform.support.LimitedPlatformTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The live streams (a deployment's log, a service's log tail) end after platform.streams.timeout (4 s here)
 * and one person holds at most platform.streams.max-per-user (2 here) at once.
 */
@LimitedPlatformTest
class EventStreamsTest {

	@LocalServerPort
	int port;

	private HttpCaller admin;

	private long deployment;

	@BeforeEach
	void aDeploymentThatRunsForAWhile() throws Exception {
		admin = HttpCaller.admin(port);
		Path dir = Files.createTempDirectory("streams-origin-");
		try (OriginRepository origin = OriginRepository.create(dir.resolve("origin.git"))) {
			origin.commit("main", "first", Map.of("README.md", "streams"));
			String app = "streams-" + System.nanoTime() % 100_000;
			assertThat(admin.post("/api/apps", HttpCaller.JSON.writeValueAsString(
					Map.of("name", app, "repoUrl", origin.url(), "buildCommand", "sleep 120"))).statusCode()).isEqualTo(201);
			HttpResponse<String> started = admin.post("/api/apps/" + app + "/deployments",
					"{\"env\":\"dev\",\"branches\":[\"main\"]}");
			assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
			deployment = HttpCaller.json(started).get("id").asLong();
		}
	}

	@AfterEach
	void cancel() {
		admin.post("/api/deployments/" + deployment + "/cancel", "");
	}

	private CompletableFuture<HttpResponse<Stream<String>>> stream(String path) {
		return admin.client()
			.sendAsync(admin.request(path).header("Accept", "text/event-stream").GET().build(),
					HttpResponse.BodyHandlers.ofLines());
	}

	/** Waits for the stream's first line (it is open), and hands its lines out. */
	private static Iterator<String> open(CompletableFuture<HttpResponse<Stream<String>>> stream) throws Exception {
		HttpResponse<Stream<String>> response = stream.get(30, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		Iterator<String> lines = response.body().iterator();
		assertThat(CompletableFuture.supplyAsync(lines::next).get(30, TimeUnit.SECONDS)).isNotNull();
		return lines;
	}

	/** Reads the rest of an open stream, until the server ends it; how long that took. */
	private static Duration untilTheServerEndsIt(Iterator<String> lines) throws Exception {
		long start = System.nanoTime();
		CompletableFuture.runAsync(() -> lines.forEachRemaining(line -> {
		})).get(30, TimeUnit.SECONDS);
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@Test
	void aStreamEndsAfterTheConfiguredTimeout() throws Exception {
		Iterator<String> lines = open(stream("/api/deployments/" + deployment + "/logs"));

		assertThat(untilTheServerEndsIt(lines)).isLessThan(Duration.ofSeconds(15));
	}

	@Test
	void aThirdStreamOfTheSamePersonIsA429UntilOneEnds() throws Exception {
		Iterator<String> tail = open(stream("/api/deployments/" + deployment + "/logs"));
		Iterator<String> log = open(stream("/api/deployments/" + deployment + "/log"));

		HttpResponse<String> third = admin.send(admin.request("/api/deployments/" + deployment + "/logs")
			.header("Accept", "text/event-stream")
			.GET());

		assertThat(third.statusCode()).isEqualTo(429);
		assertThat(third.headers().firstValue("Retry-After")).isPresent();
		assertThat(HttpCaller.json(third).get("detail").asString()).contains("2 live streams open already")
			.contains("platform.streams.max-per-user");
		// Once the server ended them (the timeout), the same person may open streams again.
		untilTheServerEndsIt(tail);
		untilTheServerEndsIt(log);
		open(stream("/api/deployments/" + deployment + "/logs"));
	}

	@Test
	void theWholeLogOfAFinishedDeploymentGivesItsPlaceBack() throws Exception {
		admin.post("/api/deployments/" + deployment + "/cancel", "");
		long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!HttpCaller.json(admin.get("/api/deployments/" + deployment)).get("status").asString().equals("CANCELLED")
				&& System.nanoTime() < end) {
			Thread.sleep(200);
		}
		Thread.sleep(500);

		// More times than one person may hold streams: each is sent whole and ends at once.
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> log = admin.send(admin.request("/api/deployments/" + deployment + "/log")
				.header("Accept", "text/event-stream")
				.GET());
			assertThat(log.statusCode()).as("stream %d: %s", i + 1, log.body()).isEqualTo(200);
			assertThat(log.body()).contains("event:end");
		}
	}

}
