package io.platform.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.Workload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment flow end to end, over HTTP, against a real runtime and a real Git repository: the same
 * behaviours for every runtime (subclasses pick the runtime). Tests run in order and build on each other,
 * like a developer's day: deploy, hit a conflict, break, fix, roll back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DeploymentFlowTests {

	static Path home;

	static SampleService sample;

	static long firstDeployment;

	@LocalServerPort
	int port;

	@Autowired
	RuntimeDriver runtime;

	static void properties(DynamicPropertyRegistry registry, String runtime) throws Exception {
		Path dir = Files.createTempDirectory("platform-flow-");
		home = dir;
		sample = SampleService.create(dir.resolve("repos"));
		registry.add("platform.home", () -> dir.resolve("home").toString());
		registry.add("platform.runtime", () -> runtime);
		registry.add("platform.deploy.health-timeout", () -> "30s");
		registry.add("platform.deploy.drain-time", () -> "1s");
		registry.add("platform.gray.users", () -> "tester-7,tester-8");
	}

	static RuntimeDriver usedRuntime;

	@Autowired
	void remember(RuntimeDriver runtime) {
		usedRuntime = runtime;
	}

	/** Leaves nothing running on the engine: the instances the flow started are removed. */
	@AfterAll
	static void cleanUp() {
		if (usedRuntime != null) {
			usedRuntime.workloads().forEach(w -> usedRuntime.remove(w.id()));
		}
		if (sample != null) {
			sample.close();
		}
		org.springframework.util.FileSystemUtils.deleteRecursively(home.toFile());
	}

	Api api() {
		return new Api(port);
	}

	@Test
	@Order(1)
	void deploysTwoTickedBranchesMergedIntoOneBuildForTheEnvironment() throws Exception {
		Api api = api();
		assertThat(api.post("/api/apps", Map.of("name", "sample", "repoUrl", sample.url(), "buildCommand",
				SampleService.BUILD_COMMAND, "healthPath", "/actuator/health")).status()).isEqualTo(201);

		Api.Answer started = api.post("/api/apps/sample/deployments",
				Map.of("env", "dev", "branches", List.of("feature-a", "feature-b")));
		assertThat(started.status()).isEqualTo(202);
		assertThat(started.body().get("status").asString()).isEqualTo("QUEUED");
		firstDeployment = started.body().get("id").asLong();

		JsonNode done = api.awaitEnd(firstDeployment);
		assertStatus(api, done, "RUNNING");
		assertThat(done.get("buildNumber").asInt()).isEqualTo(1);
		assertThat(done.get("image").asString()).isEqualTo("sample:dev-1");
		JsonNode heads = done.get("heads");
		assertThat(heads).hasSize(2);
		// The heads are pinned by the request: the 202 already names the commits that were built.
		assertThat(started.body().get("heads")).isEqualTo(heads);
		assertThat(done.get("commit").asString()).isNotIn(heads.get(0).get("commit").asString(),
				heads.get(1).get("commit").asString());
		assertThat(done.get("steps")).allSatisfy(step -> assertThat(step.get("status").asString()).isEqualTo("SUCCEEDED"));

		String body = api.fetch(done.get("url").asString());
		assertThat(body).contains("hello from feature-a", "feature-b", "built for dev", "running in dev");
		assertThat(api.text("/api/deployments/" + firstDeployment + "/log")).contains("[build]", "[build] Maven JVM options -XX:TieredStopAtLevel=1 (platform.deploy.maven-jvm-options)", "[health]", "RUNNING");
		// Where the build ran: in a container of the build image on Docker, on the host on the process runtime.
		assertThat(api.text("/api/deployments/" + firstDeployment + "/log")).contains("docker".equals(runtime.kind())
				? "[build] in container of platform-build:jdk17-maven (2 CPUs, 2 GB), workspace only"
				: "[build] on the platform host (process runtime: no Docker engine; builds are not isolated)");

		// What the app prints is shipped to the log store, parsed (level, trace id) and searchable.
		api.fetchTraced(done.get("url").asString(), "trace-first-1");
		JsonNode traced = api.awaitJson("/api/deployments/" + firstDeployment + "/logs?traceId=trace-first-1",
				lines -> lines.size() == 1, Duration.ofSeconds(10));
		assertThat(traced.get(0).get("message").asString()).contains("served /");
		assertThat(traced.get(0).get("level").asString()).isEqualTo("INFO");
		assertThat(traced.get(0).get("service").asString()).isEqualTo("sample");
		assertThat(api.get("/api/traces/trace-first-1/logs").body()).hasSize(1);
		JsonNode listening = api.awaitJson("/api/deployments/" + firstDeployment + "/logs?q=listening", lines -> !lines.isEmpty(),
				Duration.ofSeconds(10));
		assertThat(listening.get(0).get("message").asString()).contains("sample listening on");
		Api.Answer badQuery = api.get("/api/deployments/" + firstDeployment + "/logs?q=" + java.net.URLEncoder.encode("(unclosed",
				java.nio.charset.StandardCharsets.UTF_8));
		assertThat(badQuery.status()).isEqualTo(400);
		assertThat(badQuery.body().get("detail").asString()).contains("position");
		assertThat(api.get("/api/deployments/" + firstDeployment + "/logs?level=LOUD").status()).isEqualTo(400);

		// Live tail: lines printed after the client connected arrive as events, filtered by trace id.
		String url = done.get("url").asString();
		List<String> tailed = api.streamUntil("/api/deployments/" + firstDeployment + "/logs?q=served&traceId=trace-live-2",
				line -> line.contains("trace-live-2"), Duration.ofSeconds(20), () -> {
					api.fetchTraced(url, "trace-live-1");
					api.fetchTraced(url, "trace-live-2");
					return null;
				});
		assertThat(tailed).contains("event:open", "event:line").noneMatch(line -> line.contains("trace-live-1"));
		assertThat(tailed.get(tailed.size() - 1)).startsWith("data:").contains("\"traceId\":\"trace-live-2\"", "served /");
	}

	@Test
	@Order(2)
	void conflictingBranchesFailBeforeAnyBuildAndNameTheFiles() throws Exception {
		Api api = api();
		long id = deploy(api, "dev", "feature-a", "conflicting");
		JsonNode done = api.awaitEnd(id);
		assertStatus(api, done, "FAILED");
		assertThat(done.get("error").asString()).contains("feature-a", "conflicting", "src/main/java/sample/App.java");
		assertThat(done.get("buildNumber").isNull()).isTrue();
		assertThat(step(done, "build")).isEqualTo("CANCELLED");
		assertThat(step(done, "merge")).isEqualTo("FAILED");
		assertStillServing(api, firstDeployment);
	}

	@Test
	@Order(3)
	void anAppThatCannotStartFailsTheHealthGateAndThePreviousKeepsServing() throws Exception {
		Api api = api();
		assertThat(api.put("/api/environments/dev/bindings/DB_PASSWORD", Map.of("value", "s3cr3t-pa55", "secret", true))
			.status()).isEqualTo(200);
		long id = deploy(api, "dev", "broken");
		JsonNode done = api.awaitEnd(id);
		assertStatus(api, done, "FAILED");
		assertThat(done.get("error").asString()).contains("stopped before it became healthy", "code 2",
				"FATAL: missing DATABASE_URL", "password ******").doesNotContain("s3cr3t-pa55");
		assertThat(api.text("/api/deployments/" + id + "/log")).doesNotContain("s3cr3t-pa55");
		assertThat(runtime.workloads()).extracting(Workload::deploymentId).doesNotContain(id);
		assertStillServing(api, firstDeployment);
	}

	@Test
	@Order(4)
	void redeployBuildsTheFixPushedToTheBranchAndSupersedesThePreviousWithoutAFailedRequest() throws Exception {
		Api api = api();
		sample.pushGreeting("feature-a", "hello from the fix");
		// Requests keep coming through the ingress during the whole redeploy: none may fail.
		java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
		java.util.List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		java.util.concurrent.atomic.AtomicBoolean load = new java.util.concurrent.atomic.AtomicBoolean(true);
		Thread client = new Thread(() -> {
			while (load.get()) {
				Api.Raw answer = api.viaIngress("sample.dev.localhost", "/");
				if (answer.status() == 200 && answer.body().startsWith("hello")) {
					served.incrementAndGet();
				}
				else {
					failures.add(answer.status() + " " + answer.body());
				}
			}
		});
		client.start();
		Api.Answer answer = api.post("/api/deployments/" + firstDeployment + "/redeploy", null);
		assertThat(answer.status()).isEqualTo(202);
		assertThat(answer.body().get("kind").asString()).isEqualTo("REDEPLOY");
		long id = answer.body().get("id").asLong();
		JsonNode done = api.awaitEnd(id);
		Thread.sleep(2000);
		load.set(false);
		client.join(15_000);
		assertStatus(api, done, "RUNNING");
		assertThat(failures).as("requests through the ingress during the redeploy").isEmpty();
		assertThat(served.get()).isGreaterThan(10);
		assertThat(done.get("buildNumber").asInt()).isGreaterThan(1);
		assertThat(api.fetch(done.get("url").asString())).contains("hello from the fix", "feature-b");
		assertThat(api.viaIngress("sample.dev.localhost", "/").body()).contains("hello from the fix");

		JsonNode previous = api.get("/api/deployments/" + firstDeployment).body();
		assertThat(previous.get("status").asString()).isEqualTo("SUPERSEDED");
		assertThat(api.fetch(previous.get("url").asString())).as("the superseded instance stops after the drain time")
			.isNull();
	}

	@Test
	@Order(5)
	void rollbackRunsTheEarlierImageAgainWithoutRebuilding() throws Exception {
		Api api = api();
		Api.Answer answer = api.post("/api/deployments/" + firstDeployment + "/rollback", null);
		assertThat(answer.status()).isEqualTo(202);
		long id = answer.body().get("id").asLong();
		JsonNode done = api.awaitEnd(id);
		assertStatus(api, done, "RUNNING");
		assertThat(done.get("kind").asString()).isEqualTo("ROLLBACK");
		assertThat(done.get("buildNumber").asInt()).isEqualTo(1);
		assertThat(done.get("image").asString()).isEqualTo("sample:dev-1");
		for (String skipped : List.of("checkout", "merge", "build", "image")) {
			assertThat(step(done, skipped)).isEqualTo("SKIPPED");
		}
		assertThat(api.fetch(done.get("url").asString())).contains("hello from feature-a").doesNotContain("fix");
		JsonNode history = api.get("/api/apps/sample/deployments?env=dev").body();
		assertThat(history.get(0).get("id").asLong()).isEqualTo(id);
		assertThat(history.findValuesAsString("status").stream().filter("RUNNING"::equals)).hasSize(1);
	}

	@Test
	@Order(6)
	void eachEnvironmentGetsAJarOfItsOwnWithItsOwnBuildNumbers() throws Exception {
		Api api = api();
		assertThat(api.put("/api/apps/sample/bindings/test/GREETING_SUFFIX", Map.of("value", "from-binding", "secret", false))
			.status()).isEqualTo(200);
		long id = deploy(api, "test", "main");
		JsonNode done = api.awaitEnd(id);
		assertStatus(api, done, "RUNNING");
		assertThat(done.get("buildNumber").asInt()).isEqualTo(1);
		assertThat(api.fetch(done.get("url").asString())).contains("built for test", "running in test",
				"suffix from-binding");

		JsonNode overview = api.get("/api/overview").body();
		JsonNode cells = overview.get("apps").get(0).get("cells");
		assertThat(cells.get("test").get("running").get("id").asLong()).isEqualTo(id);
		assertThat(cells.get("dev").get("running").get("buildNumber").asInt()).isEqualTo(1);
		assertThat(cells.get("prod").get("running").isNull()).isTrue();
	}

	@Test
	@Order(7)
	void aSecondDeploymentWaitsItsTurnAndCanBeCancelledWhileQueuedOrRunning() throws Exception {
		Api api = api();
		long first = deploy(api, "pre", "main");
		long second = deploy(api, "pre", "feature-a");
		assertThat(api.get("/api/deployments/" + second).body().get("status").asString()).isEqualTo("QUEUED");
		Api.Answer cancelled = api.post("/api/deployments/" + second + "/cancel", null);
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");

		api.await(first, d -> "BUILDING".equals(d.get("status").asString()) && "build".equals(d.path("step").asString()),
				Duration.ofMinutes(1));
		assertThat(api.post("/api/deployments/" + first + "/cancel", null).status()).isEqualTo(200);
		JsonNode done = api.awaitEnd(first);
		assertStatus(api, done, "CANCELLED");
		assertThat(runtime.workloads()).extracting(Workload::deploymentId).doesNotContain(first);
		assertThat(api.post("/api/deployments/" + first + "/cancel", null).status()).isEqualTo(409);
	}

	@Test
	@Order(8)
	void badInputIsRefusedWithProblemDetailsAndStartsNothing() {
		Api api = api();
		int before = api.get("/api/apps/sample/deployments").body().size();
		Api.Answer unknownBranch = api.post("/api/apps/sample/deployments",
				Map.of("env", "dev", "branches", List.of("no-such-branch")));
		assertThat(unknownBranch.status()).isEqualTo(400);
		assertThat(unknownBranch.body().get("detail").asString()).contains("no-such-branch");
		assertThat(api.post("/api/apps/sample/deployments", Map.of("env", "dev", "branches", List.of())).status())
			.isEqualTo(400);
		Api.Answer unknownEnv = api.post("/api/apps/sample/deployments", Map.of("env", "staging", "branches", List.of("main")));
		assertThat(unknownEnv.status()).isEqualTo(400);
		assertThat(unknownEnv.body().get("detail").asString()).contains("staging", "dev");
		assertThat(api.post("/api/apps/nope/deployments", Map.of("env", "dev", "branches", List.of("main"))).status())
			.isEqualTo(404);
		assertThat(api.post("/api/deployments/999999/rollback", null).status()).isEqualTo(404);
		assertThat(api.get("/api/apps/sample/deployments").body().size()).isEqualTo(before);
	}

	@Test
	@Order(9)
	void theLiveLogStreamsLinesAndStatusChangesUntilTheEnd() throws Exception {
		Api api = api();
		long id = deploy(api, "test", "feature-b");
		List<String> events = api.stream("/api/deployments/" + id + "/log", Duration.ofMinutes(3));
		String stream = String.join("\n", events);
		assertThat(stream).contains("event:log", "event:status", "[build]", "[health]");
		int end = events.indexOf("event:end");
		assertThat(end).as(stream).isPositive();
		assertThat(events.get(end + 1)).startsWith("data:").contains("\"status\":\"RUNNING\"");
		assertThat(api.get("/api/deployments/" + id).body().get("health").asString()).isEqualTo("HEALTHY");

		// A finished deployment's stream gives the whole log and ends at once.
		List<String> replay = api.stream("/api/deployments/" + id + "/log", Duration.ofSeconds(10));
		assertThat(String.join("\n", replay)).contains("[build]", "event:end");
	}

	private static long deploy(Api api, String env, String... branches) {
		Api.Answer answer = api.post("/api/apps/sample/deployments", Map.of("env", env, "branches", List.of(branches)));
		assertThat(answer.status()).as(answer.text()).isEqualTo(202);
		return answer.body().get("id").asLong();
	}

	@Test
	@Order(10)
	void theIngressRoutesEnvironmentHostsAndSendsGrayRequestsForProdToPre() throws Exception {
		Api api = api();
		Api.Raw dev = api.viaIngress("sample.dev.localhost", "/");
		assertThat(dev.status()).isEqualTo(200);
		assertThat(dev.headers()).containsEntry("x-platform-env", "dev");
		assertThat(dev.body()).contains("running in dev");

		Api.Raw prod = api.viaIngress("sample.prod.localhost", "/");
		assertThat(prod.status()).isEqualTo(503);
		assertThat(prod.body()).contains("no running deployment in prod");

		assertStatus(api, api.awaitEnd(deploy(api, "pre", "feature-b")), "RUNNING");
		for (String marker : List.of("X-Gray: true", "Cookie: gray=true", "X-User-Id: tester-8")) {
			Api.Raw gray = api.viaIngress("sample.prod.localhost", "/", marker);
			assertThat(gray.status()).as(marker).isEqualTo(200);
			assertThat(gray.headers()).containsEntry("x-platform-env", "pre");
			assertThat(gray.body()).contains("running in pre");
		}
		assertThat(api.viaIngress("sample.prod.localhost", "/").status()).as("without the marker").isEqualTo(503);
		assertThat(api.viaIngress("sample.prod.localhost", "/", "X-User-Id: someone-else").status()).isEqualTo(503);
		assertThat(api.viaIngress("nothing.dev.localhost", "/").status()).isEqualTo(503);
		// The platform's own API, not a service: it wants a sign-in.
		assertThat(api.viaIngress("localhost", "/api/environments").status()).as("the platform itself").isEqualTo(401);
	}

	@Test
	@Order(11)
	void theEnvironmentDiffShowsWhichBranchHeadsRunInOneAndNotTheOther() {
		Api api = api();
		JsonNode same = api.get("/api/environments/diff?from=test&to=pre").body().get("apps").get(0);
		assertThat(same.get("app").asString()).isEqualTo("sample");
		assertThat(same.get("same").asBoolean()).as(same.toString()).isTrue();

		JsonNode devToPre = api.get("/api/environments/diff?from=dev&to=pre").body();
		assertThat(devToPre.get("bindings").get("onlyInFrom").get(0).asString()).isEqualTo("DB_PASSWORD");
		JsonNode diff = devToPre.get("apps").get(0);
		assertThat(diff.get("same").asBoolean()).isFalse();
		assertThat(diff.get("onlyInFrom").findValuesAsString("branch")).containsExactly("feature-a");
		assertThat(diff.get("onlyInTo")).isEmpty();
		assertThat(diff.get("from").get("branches").size()).isEqualTo(2);

		JsonNode prod = api.get("/api/environments/diff?from=pre&to=prod").body().get("apps").get(0);
		assertThat(prod.get("to").isNull()).isTrue();
		assertThat(prod.get("onlyInFrom").findValuesAsString("branch")).containsExactly("feature-b");

		Api.Answer unknown = api.get("/api/environments/diff?from=dev&to=staging");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body().get("detail").asString()).contains("staging");
	}

	/** Asserts the status, showing the deployment and its log when it is not the expected one. */
	private static void assertStatus(Api api, JsonNode deployment, String expected) {
		assertThat(deployment.get("status").asString())
			.as(() -> deployment + "\nlog:\n" + api.text("/api/deployments/" + deployment.get("id").asLong() + "/log"))
			.isEqualTo(expected);
	}

	private void assertStillServing(Api api, long id) {
		JsonNode deployment = api.get("/api/deployments/" + id).body();
		assertThat(deployment.get("status").asString()).isEqualTo("RUNNING");
		assertThat(api.fetch(deployment.get("url").asString())).contains("hello from feature-a");
	}

	private static String step(JsonNode deployment, String name) {
		for (JsonNode step : deployment.get("steps")) {
			if (name.equals(step.get("name").asString())) {
				return step.get("status").asString();
			}
		}
		throw new AssertionError("no step " + name);
	}

}
