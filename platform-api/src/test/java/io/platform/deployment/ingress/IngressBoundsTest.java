package io.platform.deployment.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.platform.deployment.DeploymentStore;
import io.platform.deployment.RunningDeployments;
import io.platform.support.HttpCaller;
import io.platform.support.LimitedPlatformTest;
import io.platform.support.SilentServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ingress waits platform.ingress.read-timeout (5 s here) for a service, and serves at most
 * platform.ingress.max-concurrent (3 here) requests at once, so slow services leave the server's threads
 * (8 here) to the platform's API.
 */
@LimitedPlatformTest
class IngressBoundsTest {

	@LocalServerPort
	int port;

	@Autowired
	DeploymentStore store;

	/** A GET through the ingress over a plain socket (HTTP clients refuse to set Host): the whole answer. */
	private String viaIngress(String host) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + ":" + port
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void runningOn(HttpCaller admin, String app, SilentServer service) {
		assertThat(admin.post("/api/apps", "{\"name\":\"" + app + "\",\"repoUrl\":\"https://git.example.com/x.git\"}")
			.statusCode()).isEqualTo(201);
		RunningDeployments.insert(store, app, "dev", "http://127.0.0.1:" + service.port() + "/", "w-" + app,
				app + ":dev-1");
	}

	@Test
	void aServiceThatNeverAnswersIsA504NamingItAfterTheReadTimeout() throws Exception {
		HttpCaller admin = HttpCaller.admin(port);
		try (SilentServer service = SilentServer.start()) {
			runningOn(admin, "never-answers", service);

			long start = System.nanoTime();
			String answer = viaIngress("never-answers.dev.localhost");
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(answer).startsWith("HTTP/1.1 504");
			assertThat(answer).contains("application/problem+json")
				.contains("The service's instance in dev (http://127.0.0.1:" + service.port() + ") did not answer");
			assertThat(took).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(20));
		}
	}

	@Test
	void slowServicesCannotTakeTheThreadsOfTheApi() throws Exception {
		HttpCaller admin = HttpCaller.admin(port);
		admin.get("/api/environments");
		try (SilentServer service = SilentServer.start()) {
			runningOn(admin, "slow-crowd", service);

			List<CompletableFuture<String>> crowd = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				crowd.add(CompletableFuture.supplyAsync(() -> viaIngress("slow-crowd.dev.localhost")));
			}
			Thread.sleep(1000);
			long start = System.nanoTime();
			int api = admin.get("/api/environments").statusCode();
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(api).isEqualTo(200);
			assertThat(took).isLessThan(Duration.ofMillis(2500));
			List<String> answers = new ArrayList<>();
			for (CompletableFuture<String> request : crowd) {
				answers.add(request.get(30, TimeUnit.SECONDS));
			}
			assertThat(answers.stream().filter(a -> a.startsWith("HTTP/1.1 503"))).hasSize(5)
				.allMatch(a -> a.contains("platform.ingress.max-concurrent"));
			assertThat(answers.stream().filter(a -> a.startsWith("HTTP/1.1 504"))).hasSize(3);
		}
	}

	@Test
	void servicesThatStallTheirBodyCannotTakeTheThreadsOfTheApiEither() throws Exception {
		HttpCaller admin = HttpCaller.admin(port);
		admin.get("/api/environments");
		List<CompletableFuture<String>> crowd = new ArrayList<>();
		try (SilentServer service = SilentServer.stallingBody()) {
			runningOn(admin, "stalled-body", service);

			for (int i = 0; i < 8; i++) {
				crowd.add(CompletableFuture.supplyAsync(() -> viaIngress("stalled-body.dev.localhost")));
			}
			Thread.sleep(1000);
			long start = System.nanoTime();
			int api = admin.get("/api/environments").statusCode();
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(api).isEqualTo(200);
			assertThat(took).isLessThan(Duration.ofMillis(2500));
		}
		// The service went away: the stalled answers end too.
		List<String> answers = new ArrayList<>();
		for (CompletableFuture<String> request : crowd) {
			answers.add(request.get(30, TimeUnit.SECONDS));
		}
		assertThat(answers.stream().filter(a -> a.startsWith("HTTP/1.1 503"))).hasSize(5);
		// The others were let through, and cut off when the service went away.
		assertThat(answers.stream().filter(a -> !a.startsWith("HTTP/1.1 503")))
			.as(answers.stream().map(a -> a.lines().findFirst().orElse("(nothing)")).toList().toString())
			.hasSize(3)
			.noneMatch(a -> a.contains("platform.ingress.max-concurrent"));
	}

}
