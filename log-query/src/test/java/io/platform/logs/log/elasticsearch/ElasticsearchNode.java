package io.platform.logs.log.elasticsearch;

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
import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real single-node Elasticsearch 8.19 cluster in a child JVM, built from Maven Central jars by the
 * pre-integration-test step (see src/test/elasticsearch-node). The node stops when its standard input
 * closes, so it never outlives the test JVM.
 */
public final class ElasticsearchNode implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final int BIND_ATTEMPTS = 3;

	private final Process process;

	private final URI uri;

	private ElasticsearchNode(Process process, URI uri) {
		this.process = process;
		this.uri = uri;
	}

	/**
	 * Starts a node with its data under {@code work}. Aborts the calling test when it cannot start here, or
	 * fails it when the environment variable CI is true.
	 */
	public static ElasticsearchNode startOrSkip(Path work) {
		try {
			return start(work);
		}
		catch (IOException | RuntimeException ex) {
			String message = "No Elasticsearch node could start here: " + ex.getMessage();
			if ("true".equals(System.getenv("CI"))) {
				Assertions.fail(message + ", and CI=true requires one");
			}
			System.err.println(message + "; Elasticsearch tests skipped");
			Assumptions.abort(message);
			throw new IllegalStateException(message);
		}
	}

	/**
	 * Starts a node, on another free port when the one picked was taken between the pick and the node's
	 * bind (the port is chosen here, then bound by the child JVM; another process can win that race).
	 */
	public static ElasticsearchNode start(Path work) throws IOException {
		for (int attempt = 1;; attempt++) {
			try {
				return startOnce(work);
			}
			catch (PortTakenException ex) {
				if (attempt == BIND_ATTEMPTS) {
					throw new IllegalStateException(ex.getMessage(), ex);
				}
				System.err.println("Elasticsearch node: " + ex.getMessage() + "; trying another port");
			}
		}
	}

	private static ElasticsearchNode startOnce(Path work) throws IOException {
		String dir = System.getProperty("elasticsearch.node.dir");
		if (dir == null || !Files.isDirectory(Path.of(dir, "lib"))) {
			throw new IllegalStateException("the node's jars are missing (" + dir
					+ "); run the tests through 'mvn verify', whose pre-integration-test step builds them");
		}
		String classpath = Path.of(dir, "elasticsearch-node.jar") + File.pathSeparator + Path.of(dir, "lib") + File.separator + "*";
		int port = freePort();
		Files.createDirectories(work);
		Path log = work.resolve("node.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath,
				"io.platform.logs.esnode.ElasticsearchNodeMain", work.resolve("home").toString(), Integer.toString(port)))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		URI uri = URI.create("http://127.0.0.1:" + port);
		ElasticsearchNode node = new ElasticsearchNode(process, uri);
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				String cause = firstError(log);
				String message = "the node exited with " + process.exitValue() + " (" + cause + "): " + tail(log);
				if (cause.contains("BindException") || cause.contains("BindHttpException")
						|| cause.contains("Address already in use")) {
					throw new PortTakenException("port " + port + " could not be bound: " + cause);
				}
				throw new IllegalStateException(message);
			}
			try {
				HttpResponse<String> health = http.send(
						HttpRequest.newBuilder(uri.resolve("/_cluster/health?wait_for_status=yellow&timeout=2s"))
							.timeout(Duration.ofSeconds(5))
							.build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return node;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			sleep(250);
		}
		node.close();
		throw new IllegalStateException("the node did not answer within " + START_TIMEOUT + ": " + tail(log));
	}

	public URI uri() {
		return this.uri;
	}

	@Override
	public void close() {
		try {
			this.process.getOutputStream().close();
			if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
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

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The first exception line of the node's output: the tail alone often shows only a stack trace. */
	private static String firstError(Path log) {
		try {
			return Files.readAllLines(log)
				.stream()
				.filter((line) -> !line.startsWith("\t") && (line.contains("Exception") || line.contains("Error")))
				.findFirst()
				.orElse("no exception in its output")
				.strip();
		}
		catch (IOException ex) {
			return "no output";
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
		}
		catch (IOException ex) {
			return "(no output)";
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final class PortTakenException extends IOException {

		PortTakenException(String message) {
			super(message);
		}

	}

}
