package io.platform.logs.trace;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.platform.logs.trace.OapGraphQl.OapDuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SkyWalkingTraces} against a real SkyWalking OAP 10.1.0, fed with segments over OAP's HTTP reporting
 * protocol and with the real Java agent.
 */
class SkyWalkingTracesIT {

	/**
	 * OAP reads and writes time ranges in its own zone; running it in one that is not the test JVM's (and is
	 * not a whole number of hours off) shows the client asks in OAP's zone, or nothing would be found.
	 */
	private static final ZoneId OAP_ZONE = ZoneId
		.of(ZoneId.systemDefault().getRules().getOffset(Instant.now()).equals(ZoneOffset.ofHoursMinutes(5, 30))
				? "America/St_Johns" : "Asia/Kolkata");

	private static final Duration DEADLINE = Duration.ofSeconds(60);

	private static final Path WORK = Path.of("target", "skywalking-oap-it");

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private static final Instant FROM = NOW.minus(Duration.ofMinutes(10));

	private static final Instant TO = NOW.plus(Duration.ofMinutes(1));

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	/** A call to dev::orders instance 42 that went on to dev::stock: two segments. */
	private static final String OK_TRACE = "ok-" + RUN;

	private static final String FAILED_TRACE = "failed-" + RUN;

	private static final String OTHER_INSTANCE_TRACE = "other-instance-" + RUN;

	private static final String OTHER_ENV_TRACE = "other-env-" + RUN;

	private static OapServer oap;

	private static SkyWalkingTraces traces;

	@BeforeAll
	static void startOapAndReportTraces() throws Exception {
		oap = OapServer.startOrSkip(WORK, OAP_ZONE);
		traces = new SkyWalkingTraces(oap.queryUrl(), Duration.ofSeconds(10));
		long t = NOW.minusSeconds(120).toEpochMilli();
		oap.report(OapServer.segment(OK_TRACE, OK_TRACE + "-a", "dev::orders", "42", """
				{"spanId": 0, "parentSpanId": -1, "startTime": %d, "endTime": %d, "operationName": "GET:/orders/{id}",
				 "spanType": "Entry", "spanLayer": "Http", "componentId": 14, "isError": false,
				 "tags": [{"key": "http.method", "value": "GET"}, {"key": "url", "value": "http://orders/orders/7"}]},
				{"spanId": 1, "parentSpanId": 0, "startTime": %d, "endTime": %d, "operationName": "/stock/7",
				 "spanType": "Exit", "spanLayer": "Http", "componentId": 2, "isError": false, "peer": "stock:8080"}
				""".formatted(t, t + 180, t + 20, t + 150)),
				OapServer.segment(OK_TRACE, OK_TRACE + "-b", "dev::stock", "9", """
						{"spanId": 0, "parentSpanId": -1, "startTime": %d, "endTime": %d, "operationName": "GET:/stock/{id}",
						 "spanType": "Entry", "spanLayer": "Http", "componentId": 14, "isError": false,
						 "refs": [{"refType": "CrossProcess", "traceId": "%s", "parentTraceSegmentId": "%s",
						           "parentSpanId": 1, "parentService": "dev::orders", "parentServiceInstance": "42",
						           "parentEndpoint": "GET:/orders/{id}", "networkAddressUsedAtPeer": "stock:8080"}]}
						""".formatted(t + 30, t + 140, OK_TRACE, OK_TRACE + "-a")),
				OapServer.segment(FAILED_TRACE, FAILED_TRACE + "-a", "dev::orders", "42", """
						{"spanId": 0, "parentSpanId": -1, "startTime": %d, "endTime": %d, "operationName": "POST:/orders",
						 "spanType": "Entry", "spanLayer": "Http", "componentId": 14, "isError": true,
						 "logs": [{"time": %d, "data": [{"key": "event", "value": "error"},
						           {"key": "error.kind", "value": "java.lang.IllegalStateException"},
						           {"key": "message", "value": "stock exhausted"}]}]}
						""".formatted(t + 60_000, t + 60_450, t + 60_400)),
				OapServer.segment(OTHER_INSTANCE_TRACE, OTHER_INSTANCE_TRACE + "-a", "dev::orders", "43",
						entry("GET:/orders", t + 1000)),
				OapServer.segment(OTHER_ENV_TRACE, OTHER_ENV_TRACE + "-a", "test::orders", "42",
						entry("GET:/orders", t + 2000)));
	}

	@AfterAll
	static void stopOap() {
		if (oap != null) {
			oap.close();
		}
	}

	@Test
	void tracesOfAnInstanceLeaveOutOtherInstancesAndEnvironments() {
		List<TraceSummary> found = await(() -> traces.traces(query("dev::orders", "42", false)),
				(list) -> list.size() >= 2);

		assertThat(found).extracting(TraceSummary::traceId).containsExactly(FAILED_TRACE, OK_TRACE);
		assertThat(found.get(1)).isEqualTo(new TraceSummary(OK_TRACE, OK_TRACE + "-a", "GET:/orders/{id}", 180,
				NOW.minusSeconds(120), false));
		assertThat(traces.traces(query("test::orders", "42", false))).extracting(TraceSummary::traceId)
			.containsExactly(OTHER_ENV_TRACE);
	}

	@Test
	void tracesOfEveryInstanceWhenNoneIsNamed() {
		List<TraceSummary> found = await(() -> traces.traces(query("dev::orders", null, false)),
				(list) -> list.size() >= 3);

		assertThat(found).extracting(TraceSummary::traceId)
			.containsExactly(FAILED_TRACE, OTHER_INSTANCE_TRACE, OK_TRACE);
	}

	@Test
	void errorsOnlyKeepsFailedTraces() {
		List<TraceSummary> found = await(() -> traces.traces(query("dev::orders", "42", true)),
				(list) -> !list.isEmpty());

		assertThat(found).singleElement().satisfies((summary) -> {
			assertThat(summary.traceId()).isEqualTo(FAILED_TRACE);
			assertThat(summary.error()).isTrue();
			assertThat(summary.endpoint()).isEqualTo("POST:/orders");
			assertThat(summary.durationMs()).isEqualTo(450);
		});
	}

	@Test
	void limitCapsTheNewestTraces() {
		await(() -> traces.traces(query("dev::orders", null, false)), (list) -> list.size() >= 3);

		assertThat(traces.traces(new TraceQuery("dev::orders", null, FROM, TO, false, 1)))
			.extracting(TraceSummary::traceId)
			.containsExactly(FAILED_TRACE);
	}

	@Test
	void aTraceHasEverySpanOfEverySegmentWithRefsTagsAndTimes() {
		Trace trace = await(() -> traces.trace(OK_TRACE), (found) -> found.isPresent() && found.get().spans().size() >= 3)
			.orElseThrow();

		long t = NOW.minusSeconds(120).toEpochMilli();
		assertThat(trace.traceId()).isEqualTo(OK_TRACE);
		assertThat(trace.spans()).containsExactlyInAnyOrder(
				new Span(OK_TRACE + "-a", 0, -1, List.of(), "dev::orders", "42", Instant.ofEpochMilli(t),
						Instant.ofEpochMilli(t + 180), "GET:/orders/{id}", "Entry", null, "SpringMVC", false, "Http",
						List.of(new Tag("http.method", "GET"), new Tag("url", "http://orders/orders/7")), List.of()),
				new Span(OK_TRACE + "-a", 1, 0, List.of(), "dev::orders", "42", Instant.ofEpochMilli(t + 20),
						Instant.ofEpochMilli(t + 150), "/stock/7", "Exit", "stock:8080", "HttpClient", false, "Http",
						List.of(), List.of()),
				new Span(OK_TRACE + "-b", 0, -1, List.of(new SpanRef(OK_TRACE + "-a", 1, "CROSS_PROCESS")), "dev::stock",
						"9", Instant.ofEpochMilli(t + 30), Instant.ofEpochMilli(t + 140), "GET:/stock/{id}", "Entry", null,
						"SpringMVC", false, "Http", List.of(), List.of()));
	}

	@Test
	void aFailedSpanCarriesItsLoggedError() {
		Trace trace = await(() -> traces.trace(FAILED_TRACE), (found) -> found.isPresent()).orElseThrow();

		assertThat(trace.spans()).singleElement().satisfies((span) -> {
			assertThat(span.error()).isTrue();
			assertThat(span.logs()).containsExactly(new SpanLog(NOW.minusSeconds(120).plusMillis(60_400),
					List.of(new Tag("event", "error"), new Tag("error.kind", "java.lang.IllegalStateException"),
							new Tag("message", "stock exhausted"))));
		});
	}

	@Test
	void anUnknownTraceIsEmpty() {
		assertThat(traces.trace("no-such-trace-" + RUN)).isEmpty();
	}

	@Test
	void anUnknownServiceOrInstanceHasNoTraces() {
		await(() -> traces.traces(query("dev::orders", "42", false)), (list) -> list.size() >= 2);

		assertThat(traces.traces(query("dev::nothing-" + RUN, null, false))).isEmpty();
		assertThat(traces.traces(query("dev::orders", "99", false))).isEmpty();
		assertThat(traces.instances("dev::nothing-" + RUN, FROM, TO)).isEmpty();
	}

	@Test
	void instancesAreTheOnesOapSawForTheService() {
		List<String> instances = await(() -> traces.instances("dev::orders", FROM, TO), (list) -> list.size() >= 2);

		assertThat(instances).containsExactlyInAnyOrder("42", "43");
	}

	@Test
	void readsOapsTimeZone() {
		assertThat(traces.zone()).isEqualTo(OAP_ZONE.getRules().getOffset(Instant.now()));
	}

	@Test
	void refusedQueriesNameTheUrlAndOapsReason() {
		assertThatThrownBy(() -> traces.execute(OapGraphQl.INSTANCES,
				Map.of("duration", new OapDuration("yesterday", "today", "MINUTE"), "serviceId", "x.1")))
			.isInstanceOf(TraceSourceException.class)
			.hasMessageContaining(oap.queryUrl() + "/graphql")
			.hasMessageContaining("refused the query")
			.hasMessageContaining("Invalid format: \"yesterday\"");
		assertThatThrownBy(() -> traces.execute("{ noSuchField }", Map.of()))
			.isInstanceOf(TraceSourceException.class)
			.hasMessageContaining(oap.queryUrl() + "/graphql")
			.hasMessageContaining("refused the query")
			.hasMessageContaining("noSuchField");
	}

	/**
	 * The agent core alone, from the prepared agent directory, registers its service and instance, and writes
	 * nothing inside that directory once its log is sent elsewhere. With agent.namespace set, the namespace
	 * becomes part of the service name as OAP knows it: {@code <name>|<namespace>|<cluster>}.
	 */
	@Test
	void theAgentRegistersItsInstanceUnderItsServiceName() throws Exception {
		Path agent = OapServer.agentDirectory();
		List<Path> before = listing(agent);
		Path logs = WORK.resolve("agent-logs").toAbsolutePath();
		Process plain = startWithAgent(agent, logs.resolve("plain"), "dev::agentcheck", "7", null);
		Process namespaced = startWithAgent(agent, logs.resolve("namespaced"), "dev::agentcheck", "7", "dev");
		try {
			Instant from = Instant.now().minus(Duration.ofMinutes(5));
			Instant to = Instant.now().plus(Duration.ofMinutes(5));

			assertThat(await(() -> traces.instances("dev::agentcheck", from, to), (list) -> !list.isEmpty()))
				.containsExactly("7");
			assertThat(await(() -> traces.instances("dev::agentcheck|dev|", from, to), (list) -> !list.isEmpty()))
				.containsExactly("7");
			assertThat(listing(agent)).isEqualTo(before);
			assertThat(logs.resolve("plain").resolve("skywalking-api.log")).isNotEmptyFile();
		}
		finally {
			stop(plain);
			stop(namespaced);
		}
	}

	private static Process startWithAgent(Path agent, Path logDir, String service, String instance, String namespace)
			throws IOException {
		Path classes = Path.of(AgentCheckApp.class.getProtectionDomain().getCodeSource().getLocation().getPath());
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx128m", "-javaagent:" + agent.resolve("skywalking-agent.jar"),
				"-Dskywalking.agent.service_name=" + service, "-Dskywalking.agent.instance_name=" + instance,
				"-Dskywalking.collector.backend_service=" + oap.collectorAddress(),
				// The agent registers on its second heartbeat after connecting, 30 s apart by default.
				"-Dskywalking.collector.heartbeat_period=2", "-Dskywalking.logging.dir=" + logDir));
		if (namespace != null) {
			command.add("-Dskywalking.agent.namespace=" + namespace);
		}
		command.addAll(List.of("-cp", classes.toString(), AgentCheckApp.class.getName()));
		Files.createDirectories(logDir);
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(logDir.resolve("console.log").toFile())
			.start();
	}

	private static void stop(Process process) throws InterruptedException, IOException {
		process.getOutputStream().close();
		if (!process.waitFor(10, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static List<Path> listing(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			return files.sorted().toList();
		}
	}

	private static TraceQuery query(String service, String instance, boolean errorsOnly) {
		return new TraceQuery(service, instance, FROM, TO, errorsOnly, 20);
	}

	/** OAP makes reported data queryable after a few seconds: ask again until it is there or time is up. */
	private static <T> T await(Supplier<T> question, Predicate<T> answered) {
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		T answer = question.get();
		while (!answered.test(answer) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			answer = question.get();
		}
		return answer;
	}

	private static String entry(String endpoint, long start) {
		return """
				{"spanId": 0, "parentSpanId": -1, "startTime": %d, "endTime": %d, "operationName": "%s",
				 "spanType": "Entry", "spanLayer": "Http", "componentId": 14, "isError": false}
				""".formatted(start, start + 25, endpoint);
	}

}
