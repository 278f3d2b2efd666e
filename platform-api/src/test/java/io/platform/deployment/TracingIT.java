package io.platform.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.docker.DockerDriver;
import io.platform.logs.trace.OapServer;
import io.platform.logs.trace.SkyWalkingTraces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
 * A tester's triage against a real SkyWalking OAP 10.1.0 and a real Docker engine: the environment binds
 * its OAP, the deployment starts with the agent inside its container (the instance registers with OAP),
 * the instance's traces and a trace's spans come back through the platform, next to the log lines that
 * carry the same trace id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TracingIT {

	static final String ENGINE = "unix:///var/run/docker.sock";

	// Made before anything else: JUnit runs @BeforeAll before Spring asks for the properties.
	static final Path dir = tempDirectory();

	static SampleService sample;

	static OapServer oap;

	@LocalServerPort
	int port;

	@Autowired
	RuntimeDriver runtime;

	@BeforeAll
	static void startOap() throws Exception {
		boolean answers = DockerDriver.answers(ENGINE, Duration.ofSeconds(3));
		if ("true".equals(System.getenv("CI"))) {
			assertThat(answers).as("CI must have a Docker engine at " + ENGINE).isTrue();
		}
		Assumptions.assumeTrue(answers, "No Docker engine answers at " + ENGINE + "; tracing test skipped");
		oap = OapServer.startOrSkip(dir.resolve("oap"));
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		sample = SampleService.create(dir.resolve("repos"));
		registry.add("platform.home", () -> dir.resolve("home").toString());
		registry.add("platform.runtime", () -> "docker");
		registry.add("platform.skywalking.agent-dir", () -> OapServer.agentDirectory().toString());
		registry.add("platform.deploy.health-timeout", () -> "60s");
	}

	@AfterAll
	static void stop(@Autowired RuntimeDriver runtime) {
		runtime.workloads().forEach(w -> runtime.remove(w.id()));
		if (oap != null) {
			oap.close();
		}
		if (sample != null) {
			sample.close();
		}
		FileSystemUtils.deleteRecursively(dir.toFile());
	}

	@Test
	void aDeploymentIsTracedAndItsTracesSpansAndLogsComeBackTogether() throws Exception {
		Api api = new Api(port);
		// The agent registers an instance on its second heartbeat: every 2 s here instead of 30.
		assertThat(api.post("/api/apps", Map.of("name", "sample", "repoUrl", sample.url(), "buildCommand",
				SampleService.BUILD_COMMAND, "healthPath", "/actuator/health", "jvmOptions",
				"-Dskywalking.collector.heartbeat_period=2")).status()).isEqualTo(201);
		// The app reaches OAP on this host from inside its container; the platform reaches it directly.
		bind(api, "SW_AGENT_COLLECTOR_BACKEND_SERVICES", "host.docker.internal:" + oap.grpcPort());
		bind(api, "SKYWALKING_OAP_URL", oap.queryUrl().toString());
		bind(api, "SKYWALKING_UI_URL", "http://skywalking.dev.example");

		Api.Answer started = api.post("/api/apps/sample/deployments", Map.of("env", "dev", "branches", List.of("main")));
		assertThat(started.status()).as(started.text()).isEqualTo(202);
		long id = started.body().get("id").asLong();
		JsonNode done = api.awaitEnd(id);
		assertThat(done.get("status").asString()).as(api.text("/api/deployments/" + id + "/log")).isEqualTo("RUNNING");
		assertThat(api.text("/api/deployments/" + id + "/log"))
			.contains("SkyWalking agent attached: service dev::sample, instance " + id);

		// The agent inside the container registered the instance, named after the deployment.
		SkyWalkingTraces traces = new SkyWalkingTraces(oap.queryUrl(), Duration.ofSeconds(10));
		awaitTrue("instance " + id + " of dev::sample registered with OAP", () -> traces
			.instances("dev::sample", Instant.now().minusSeconds(600), Instant.now().plusSeconds(60))
			.contains(Long.toString(id)));

		JsonNode observability = api.get("/api/deployments/" + id + "/observability").body();
		assertThat(observability.get("tracing").get("enabled").asBoolean()).isTrue();
		assertThat(observability.get("tracing").get("reason").isNull()).isTrue();
		assertThat(observability.get("links").get("skywalking").asString()).startsWith("http://skywalking.dev.example/dashboard/");

		// What the instance would report for two requests (the agent's plugins are not on Maven Central): one
		// that failed in the next service, one that went well; and a trace of another environment.
		String run = UUID.randomUUID().toString().substring(0, 8);
		String failed = "failed-" + run;
		String fine = "fine-" + run;
		long t = System.currentTimeMillis() - 5_000;
		String instance = Long.toString(id);
		oap.report(OapServer.segment(fine, fine + "-a", "dev::sample", instance, entry("GET:/", t, false, "")),
				OapServer.segment(failed, failed + "-a", "dev::sample", instance, entry("POST:/orders", t + 1000, false, "")
						+ ", " + exit(t + 1000)),
				OapServer.segment(failed, failed + "-b", "dev::stock", "1", entry("POST:/stock", t + 1010, true, """
						, "refs": [{"refType": "CrossProcess", "traceId": "%s", "parentTraceSegmentId": "%s",
						  "parentSpanId": 1, "parentService": "dev::sample", "parentServiceInstance": "%s",
						  "parentEndpoint": "POST:/orders", "networkAddressUsedAtPeer": "stock:8080"}]
						""".formatted(failed, failed + "-a", instance))),
				OapServer.segment("test-" + run, "test-" + run + "-a", "test::sample", instance, entry("GET:/", t, true, "")));
		// And the app logged a line of the failed request under the same trace id.
		api.fetchTraced(done.get("url").asString(), failed);

		JsonNode listed = api.awaitJson("/api/deployments/" + id + "/traces", list -> list.size() >= 2, Duration.ofSeconds(60));
		assertThat(listed).hasSize(2);
		// The error comes first, though the fine one is older... and newer ones follow by time.
		assertThat(listed.get(0).get("traceId").asString()).isEqualTo(failed);
		assertThat(listed.get(0).get("endpoint").asString()).isEqualTo("POST:/orders");
		assertThat(listed.get(1).get("traceId").asString()).isEqualTo(fine);
		assertThat(listed.get(1).get("error").asBoolean()).isFalse();
		assertThat(listed.get(0).get("start").asString()).endsWith("Z");
		JsonNode errorsOnly = api.get("/api/deployments/" + id + "/traces?errorsOnly=true").body();
		assertThat(errorsOnly).hasSize(1);
		assertThat(errorsOnly.get(0).get("traceId").asString()).isEqualTo(failed);

		JsonNode trace = api.awaitJson("/api/traces/" + failed, body -> body.has("spans") && body.get("spans").size() == 3,
				Duration.ofSeconds(30));
		assertThat(trace.get("spans").findValuesAsString("service")).containsOnly("dev::sample", "dev::stock");
		JsonNode stock = trace.get("spans").findParents("service").stream()
			.filter(span -> span.get("service").asString().equals("dev::stock"))
			.findFirst()
			.orElseThrow();
		assertThat(stock.get("error").asBoolean()).isTrue();
		assertThat(stock.get("refs").get(0).get("parentSegmentId").asString()).isEqualTo(failed + "-a");
		assertThat(api.get("/api/traces/" + failed + "?env=dev").status()).isEqualTo(200);
		assertThat(api.get("/api/traces/unknown-" + run).status()).isEqualTo(404);

		JsonNode lines = api.awaitJson("/api/traces/" + failed + "/logs", body -> body.size() == 1, Duration.ofSeconds(10));
		assertThat(lines.get(0).get("deploymentId").asString()).isEqualTo(instance);
		assertThat(lines.get(0).get("message").asString()).contains("served /");
	}

	private static Path tempDirectory() {
		try {
			return Files.createTempDirectory("platform-tracing-");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static void bind(Api api, String key, String value) {
		assertThat(api.put("/api/environments/dev/bindings/" + key, Map.of("value", value, "secret", false)).status())
			.isEqualTo(200);
	}

	private static String entry(String endpoint, long start, boolean error, String more) {
		return """
				{"spanId": 0, "parentSpanId": -1, "startTime": %d, "endTime": %d, "operationName": "%s",
				 "spanType": "Entry", "spanLayer": "Http", "componentId": 14, "isError": %s %s}
				""".formatted(start, start + 40, endpoint, error, more);
	}

	private static String exit(long start) {
		return """
				{"spanId": 1, "parentSpanId": 0, "startTime": %d, "endTime": %d, "operationName": "/stock",
				 "spanType": "Exit", "spanLayer": "Http", "componentId": 2, "isError": true, "peer": "stock:8080"}
				""".formatted(start + 5, start + 35);
	}

	private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 90 s for " + what).isLessThan(end);
			Thread.sleep(500);
		}
	}

}
