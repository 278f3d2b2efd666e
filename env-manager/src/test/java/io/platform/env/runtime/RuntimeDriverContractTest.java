package io.platform.env.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The behaviour every {@link RuntimeDriver} owes the deployment engine, run against a real runtime with a
 * real app (see {@link FixtureJar}). Each run uses its own environment name, so runs on a shared machine do
 * not see each other's workloads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RuntimeDriverContractTest {

	protected static final String APP = "fixture";

	protected static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

	protected final String env = "t" + UUID.randomUUID().toString().substring(0, 8);

	protected RuntimeDriver driver;

	protected Path work;

	protected Path fixtureJar;

	/** The image baked once for the whole class (build 1). */
	protected String image;

	protected final List<String> output = new CopyOnWriteArrayList<>();

	private TestAbortedException unavailable;

	private final List<String> startedIds = new CopyOnWriteArrayList<>();

	private final AtomicLong deploymentIds = new AtomicLong(100);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** A driver over a fresh runtime view; {@code work} is a private scratch directory. */
	protected abstract RuntimeDriver createDriver(Path work);

	/** Removes what the driver made beyond workloads (networks, images); runs even when tests failed. */
	protected void cleanUpRuntime() {
	}

	@BeforeAll
	void bakeFixture() throws IOException {
		work = Files.createTempDirectory("runtime-contract-");
		fixtureJar = FixtureJar.build(work.resolve("fixture"));
		try {
			driver = createDriver(work);
		}
		catch (TestAbortedException ex) {
			// Reported per test below, so that a skipped runtime shows as skipped tests, not as zero tests.
			unavailable = ex;
			return;
		}
		image = driver.bake(imageSpec(1), output::add);
	}

	@BeforeEach
	void requireRuntime() {
		if (unavailable != null) {
			throw unavailable;
		}
	}

	@AfterEach
	void removeStartedWorkloads() {
		for (String id : startedIds) {
			try {
				driver.remove(id);
			}
			catch (RuntimeException ex) {
				System.err.println("Could not remove workload " + id + ": " + ex);
			}
		}
		startedIds.clear();
	}

	@AfterAll
	void removeEverything() throws IOException {
		try {
			if (driver != null) {
				driver.workloads().stream().filter(w -> env.equals(w.env())).forEach(w -> driver.remove(w.id()));
			}
			cleanUpRuntime();
		}
		finally {
			if (driver != null) {
				driver.close();
			}
			if (work != null) {
				try (Stream<Path> paths = Files.walk(work)) {
					paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
				}
			}
		}
	}

	@Test
	void bakedImageExistsOnlyAfterBaking() {
		String second = APP + ":" + env + "-2";
		assertThat(driver.imageExists(second)).isFalse();
		assertThat(driver.bake(imageSpec(2), output::add)).isEqualTo(second);
		assertThat(driver.imageExists(second)).isTrue();
		assertThat(driver.imageExists(image)).isTrue();
	}

	@Test
	void startedWorkloadAnswersHealthAndRuns() throws Exception {
		Workload workload = start(Map.of());
		assertThat(workload.app()).isEqualTo(APP);
		assertThat(workload.env()).isEqualTo(env);
		assertThat(workload.image()).isEqualTo(image);
		awaitHealthy(workload);
		assertThat(get(workload, "/health").statusCode()).isEqualTo(200);
		WorkloadState state = driver.inspect(workload.id());
		assertThat(state.phase()).isEqualTo(WorkloadState.Phase.RUNNING);
		assertThat(state.restartCount()).isZero();
	}

	@Test
	void environmentVariablesReachTheApp() throws Exception {
		Workload workload = start(Map.of("GREETING", "hello from the platform", "SPRING_PROFILES_ACTIVE", env));
		awaitHealthy(workload);
		String body = get(workload, "/env").body();
		assertThat(body.lines()).contains("GREETING=hello from the platform", "SPRING_PROFILES_ACTIVE=" + env)
			.anyMatch(line -> line.startsWith("SERVER_PORT="));
	}

	@Test
	void outputIsVisibleThroughTailAndFollow() throws Exception {
		Workload workload = start(Map.of());
		List<String> followed = new CopyOnWriteArrayList<>();
		try (Closeable following = driver.follow(workload.id(), followed::add)) {
			awaitHealthy(workload);
			get(workload, "/health?from=follow");
			await("the request line to be followed", () -> followed.contains("fixture: GET /health?from=follow"));
		}
		assertThat(followed).anyMatch(line -> line.startsWith("fixture: listening on"));
		assertThat(followed).contains("fixture: stderr works too");
		List<String> tail = driver.tail(workload.id(), 100);
		assertThat(tail).contains("fixture: GET /health?from=follow", "fixture: stderr works too");
		assertThat(driver.tail(workload.id(), 1)).containsExactly(tail.get(tail.size() - 1));
	}

	@Test
	void javaAgentIsAttachedWithItsPropertiesAndAWritableLogFolder() throws Exception {
		Path agentDir = Files.createDirectories(work.resolve("agent-" + UUID.randomUUID()).resolve("fixture-agent"));
		FixtureJar.buildAgent(agentDir);
		JavaAgent agent = new JavaAgent(agentDir, "fixture-agent.jar",
				Map.of("fixture.agent.greeting", "hello agent"), "fixture.agent.logdir");
		WorkloadSpec plain = spec(image, Map.of());
		Workload workload = start(new WorkloadSpec(plain.app(), plain.env(), plain.deploymentId(), plain.image(),
				plain.containerPort(), plain.environment(), plain.jvmOptions(), plain.resources(), agent));
		awaitHealthy(workload);
		assertThat(driver.tail(workload.id(), 100))
			.contains(FixtureJar.AGENT_MESSAGE + " greeting=hello agent log=written");
	}

	@Test
	void crashingAppExitsWithItsCodeAndMessage() throws Exception {
		Workload workload = start(Map.of("CRASH", "1"));
		await("the crashing app to exit",
				() -> driver.inspect(workload.id()).phase() == WorkloadState.Phase.EXITED);
		WorkloadState state = driver.inspect(workload.id());
		assertThat(state.exitCode()).isEqualTo(FixtureJar.CRASH_EXIT_CODE);
		assertThat(state.message()).isNotBlank();
		assertThat(driver.tail(workload.id(), 10)).contains(FixtureJar.CRASH_MESSAGE);
		// Following an ended workload replays its output, then ends by itself.
		List<String> followed = new CopyOnWriteArrayList<>();
		try (Closeable following = driver.follow(workload.id(), followed::add)) {
			await("the crash message to be followed", () -> followed.contains(FixtureJar.CRASH_MESSAGE));
		}
	}

	@Test
	void removedWorkloadIsMissingAndRemovingAgainIsFine() throws Exception {
		Workload workload = start(Map.of());
		awaitHealthy(workload);
		driver.remove(workload.id());
		assertThat(driver.inspect(workload.id()).phase()).isEqualTo(WorkloadState.Phase.MISSING);
		assertThat(driver.find(workload.id())).isEmpty();
		driver.remove(workload.id());
		assertThat(driver.tail(workload.id(), 10)).isEmpty();
		assertThatThrownBy(() -> get(workload, "/health")).isInstanceOf(IOException.class);
	}

	@Test
	void workloadsListsWhatWasStartedRunningOrNot() throws Exception {
		Workload running = start(Map.of());
		Workload crashed = start(Map.of("CRASH", "1"));
		await("the crashing app to exit",
				() -> driver.inspect(crashed.id()).phase() == WorkloadState.Phase.EXITED);
		List<Workload> mine = driver.workloads().stream().filter(w -> env.equals(w.env())).toList();
		assertThat(mine).extracting(Workload::id).contains(running.id(), crashed.id());
		Workload listed = driver.find(running.id()).orElseThrow();
		assertThat(listed.name()).isEqualTo(running.name());
		assertThat(listed.app()).isEqualTo(APP);
		assertThat(listed.deploymentId()).isEqualTo(running.deploymentId());
		assertThat(listed.image()).isEqualTo(image);
		assertThat(listed.baseUrl()).isEqualTo(running.baseUrl());
	}

	@Test
	void startingAnImageThatWasNeverBakedFails() {
		WorkloadSpec spec = spec(APP + ":" + env + "-999", Map.of());
		assertThatThrownBy(() -> driver.start(spec, output::add)).isInstanceOf(RuntimeFailure.class)
			.hasMessageContaining(spec.image());
		assertThat(driver.inspect(spec.name()).phase()).isEqualTo(WorkloadState.Phase.MISSING);
	}

	protected ImageSpec imageSpec(int build) {
		return new ImageSpec(APP, env, build, "0123abcd", List.of("main", "feature/login", "fix/$HOME\"quoted\""), fixtureJar);
	}

	protected WorkloadSpec spec(String image, Map<String, String> environment) {
		return new WorkloadSpec(APP, env, deploymentIds.incrementAndGet(), image, 8080, environment,
				List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), new WorkloadSpec.Resources(0, 0));
	}

	protected Workload start(Map<String, String> environment) {
		return start(spec(image, environment));
	}

	protected Workload start(WorkloadSpec spec) {
		Workload workload = driver.start(spec, output::add);
		startedIds.add(workload.id());
		return workload;
	}

	protected HttpResponse<String> get(Workload workload, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(workload.baseUrl() + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	protected void awaitHealthy(Workload workload) throws InterruptedException {
		await(workload.name() + " to answer /health", () -> {
			try {
				return get(workload, "/health").statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		});
	}

	protected void await(String what, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				fail("Waited " + READY_TIMEOUT.toSeconds() + " s for " + what + "; runtime output: " + output);
			}
			Thread.sleep(100);
		}
	}

}
