package io.platform.logs.trace;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Apache SkyWalking OAP 10.1.0 in a child JVM: in-memory H2 storage, about 30 s to start and 600 MB,
 * so start one per test class. Its jars and the agent come from Maven Central through the pre-integration-test
 * step (see src/test/skywalking-oap), its configuration data from the directory in the system property
 * {@code skywalking.oap.config}. It listens on two free ports (not the usual 11800 and 12800, so that builds
 * on one machine do not collide), and stops when its standard input closes, so it never outlives the test JVM.
 *
 * <p>System properties (set by log-query's failsafe configuration; reuse them from other modules):
 * {@code skywalking.oap.dir} (launcher jar and {@code lib/}), {@code skywalking.oap.config},
 * {@code skywalking.agent.dir} (holds {@code skywalking-agent.jar}).
 */
public final class OapServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	/** The README's set: receivers and query languages the tests do not use, left out to start faster. */
	private static final Map<String, String> ENVIRONMENT = Map.ofEntries(Map.entry("SW_CORE_PERSISTENT_PERIOD", "5"),
			Map.entry("SW_OTEL_RECEIVER", "-"), Map.entry("SW_RECEIVER_TELEGRAF", "-"),
			Map.entry("SW_RECEIVER_AWS_FIREHOSE", "-"), Map.entry("SW_PROMQL", "-"), Map.entry("SW_LOGQL", "-"),
			Map.entry("SW_RECEIVER_EBPF", "-"), Map.entry("SW_ENVOY_METRIC", "-"), Map.entry("SW_SERVICE_MESH", "-"),
			Map.entry("SW_RECEIVER_BROWSER", "-"));

	private final Process process;

	private final int restPort;

	private final int grpcPort;

	private final Path work;

	private OapServer(Process process, int restPort, int grpcPort, Path work) {
		this.process = process;
		this.restPort = restPort;
		this.grpcPort = grpcPort;
		this.work = work;
	}

	/**
	 * Starts OAP in the test JVM's time zone, its log under {@code work}. Aborts the calling test when OAP cannot
	 * start here, or fails it when the environment variable CI is true.
	 */
	public static OapServer startOrSkip(Path work) {
		return startOrSkip(work, ZoneId.systemDefault());
	}

	/** Like {@link #startOrSkip(Path)}, with OAP running in {@code zone}. */
	public static OapServer startOrSkip(Path work, ZoneId zone) {
		try {
			return start(work, zone);
		}
		catch (IOException | RuntimeException ex) {
			throw skip("No SkyWalking OAP could start here: " + ex.getMessage());
		}
	}

	public static OapServer start(Path directory, ZoneId zone) throws IOException {
		Path work = directory.toAbsolutePath();
		Path dir = directory("skywalking.oap.dir", "OAP's jars", "lib");
		Path config = directory("skywalking.oap.config", "OAP's configuration data", "application.yml");
		int restPort = freePort();
		int grpcPort = freePort();
		Files.createDirectories(work);
		String classpath = String.join(File.pathSeparator, config.toString(), dir.resolve("skywalking-oap.jar").toString(),
				dir.resolve("lib") + File.separator + "*");
		List<String> command = List.of(java(), "-Xms256m", "-Xmx512m", "-Duser.timezone=" + zone.getId(),
				"-Doap.logDir=" + work.resolve("logs"), "-cp", classpath, "io.platform.logs.oap.OapMain");
		ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("console.log").toFile());
		builder.environment().putAll(ENVIRONMENT);
		builder.environment().put("SW_CORE_REST_PORT", Integer.toString(restPort));
		builder.environment().put("SW_CORE_GRPC_PORT", Integer.toString(grpcPort));
		OapServer oap = new OapServer(builder.start(), restPort, grpcPort, work);
		try {
			oap.awaitReady();
			return oap;
		}
		catch (IOException | RuntimeException ex) {
			oap.close();
			throw ex;
		}
	}

	/** OAP's query address (GraphQL at {@code /graphql}, segment reports at {@code /v3/segments}). */
	public URI queryUrl() {
		return URI.create("http://127.0.0.1:" + this.restPort);
	}

	/** Where agents report, for {@code -Dskywalking.collector.backend_service}. */
	public String collectorAddress() {
		return "127.0.0.1:" + this.grpcPort;
	}

	public int restPort() {
		return this.restPort;
	}

	public int grpcPort() {
		return this.grpcPort;
	}

	/** OAP's log, kept for diagnosis (its console output is beside it, in console.log). */
	public Path log() {
		return this.work.resolve("logs").resolve("skywalking-oap-server.log");
	}

	/** The agent core prepared beside OAP: a directory holding {@code skywalking-agent.jar} and its config. */
	public static Path agentDirectory() {
		try {
			return directory("skywalking.agent.dir", "the SkyWalking agent", "skywalking-agent.jar");
		}
		catch (IllegalStateException ex) {
			throw skip(ex.getMessage());
		}
	}

	/** The last lines of OAP's console output and of its log. */
	public String tail() {
		return tail(this.work.resolve("console.log"), 10) + "\n" + tail(log(), 20);
	}

	private static String tail(Path file, int count) {
		try {
			List<String> lines = Files.readAllLines(file);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
		}
		catch (IOException ex) {
			return "(no " + file.getFileName() + ")";
		}
	}

	@Override
	public void close() {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (IOException ex) {
			this.process.destroyForcibly();
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private void awaitReady() throws IOException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest version = HttpRequest.newBuilder(queryUrl().resolve("/graphql"))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(5))
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ version }\"}"))
			.build();
		long started = System.nanoTime();
		long deadline = started + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				String tail = tail();
				String clash = tail.contains("Address already in use") ? " because port " + this.restPort + " or "
						+ this.grpcPort + " was taken between choosing it and binding it; run again" : "";
				throw new IllegalStateException(
						"OAP exited with " + this.process.exitValue() + clash + " (log: " + log() + "):\n" + tail);
			}
			try {
				HttpResponse<String> answer = http.send(version, HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 200 && answer.body().contains("\"version\"")) {
					System.out.printf("SkyWalking OAP ready in %.1f s: query %s, collector %s, log %s%n",
							(System.nanoTime() - started) / 1e9, queryUrl(), collectorAddress(), log());
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while OAP was starting", ex);
			}
			sleep(500);
		}
		throw new IllegalStateException("OAP did not answer { version } within " + START_TIMEOUT.toSeconds() + " s (log: "
				+ log() + "):\n" + tail());
	}

	private static Path directory(String property, String what, String expected) {
		String value = System.getProperty(property);
		if (value == null || !Files.exists(Path.of(value, expected))) {
			throw new IllegalStateException(what + " not found (" + property + "=" + value + ", expected " + expected
					+ " inside); run the tests through 'mvn verify', whose pre-integration-test step prepares them");
		}
		return Path.of(value).toAbsolutePath();
	}

	/** A port free now; OAP binds it a moment later, so a clash stays possible but unlikely. */
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static RuntimeException skip(String message) {
		if ("true".equals(System.getenv("CI"))) {
			Assertions.fail(message + ", and CI=true requires it");
		}
		System.err.println(message + "; SkyWalking tests skipped");
		Assumptions.abort(message);
		return new IllegalStateException(message);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}


	/** One trace segment in SkyWalking's HTTP reporting format; {@code spans} is the JSON of its spans. */
	public static String segment(String traceId, String segmentId, String service, String instance, String spans) {
		return """
				{"traceId": "%s", "traceSegmentId": "%s", "service": "%s", "serviceInstance": "%s", "spans": [%s]}
				""".formatted(traceId, segmentId, service, instance, spans);
	}

	/** Reports segments over OAP's HTTP API ({@code POST /v3/segments}), the way agents without gRPC do. */
	public void report(String... segments) throws IOException, InterruptedException {
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(queryUrl().resolve("/v3/segments"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", segments) + "]"))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("OAP refused the segments: " + answer.statusCode() + " " + answer.body());
		}
	}

}
