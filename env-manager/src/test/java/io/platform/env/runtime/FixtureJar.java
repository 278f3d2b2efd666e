package io.platform.env.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A tiny HTTP service compiled and packed at test time: listens on SERVER_PORT, answers GET /health with
 * 200 and GET /env with its environment (one KEY=value per line), prints a line per request, and with
 * CRASH=1 prints a message and exits with code 3.
 */
public final class FixtureJar {

	public static final String CRASH_MESSAGE = "fixture: crashing on purpose";

	public static final int CRASH_EXIT_CODE = 3;

	private static final String SOURCE = """
			import com.sun.net.httpserver.HttpExchange;
			import com.sun.net.httpserver.HttpServer;
			import java.io.OutputStream;
			import java.net.InetSocketAddress;
			import java.nio.charset.StandardCharsets;
			import java.util.Map;
			import java.util.TreeMap;

			public class FixtureApp {

				public static void main(String[] args) throws Exception {
					if ("1".equals(System.getenv("CRASH"))) {
						System.out.println("%s");
						System.exit(%d);
					}
					int port = Integer.parseInt(System.getenv("SERVER_PORT"));
					String address = System.getenv().getOrDefault("SERVER_ADDRESS", "0.0.0.0");
					HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
					server.createContext("/health", exchange -> answer(exchange, "UP"));
					// Reaches another service from inside: "OK <status>" or "FAIL <reason>" (network isolation tests).
					server.createContext("/fetch", exchange -> {
						String target = exchange.getRequestURI().getQuery().substring("url=".length());
						String result;
						try {
							java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
								.connectTimeout(java.time.Duration.ofSeconds(2)).build()
								.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(target))
									.timeout(java.time.Duration.ofSeconds(3)).build(),
									java.net.http.HttpResponse.BodyHandlers.ofString());
							result = "OK " + response.statusCode();
						}
						catch (Exception ex) {
							result = "FAIL " + ex;
						}
						answer(exchange, result);
					});
					server.createContext("/env", exchange -> {
						StringBuilder body = new StringBuilder();
						for (Map.Entry<String, String> e : new TreeMap<>(System.getenv()).entrySet()) {
							body.append(e.getKey()).append('=').append(e.getValue()).append('\\n');
						}
						answer(exchange, body.toString());
					});
					server.start();
					System.out.println("fixture: listening on " + address + ":" + port);
					System.err.println("fixture: stderr works too");
				}

				private static void answer(HttpExchange exchange, String body) throws java.io.IOException {
					System.out.println("fixture: " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
					byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
					exchange.sendResponseHeaders(200, bytes.length);
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(bytes);
					}
				}

			}
			""".formatted(CRASH_MESSAGE, CRASH_EXIT_CODE);

	/** What {@link #buildAgent} prints when attached; the rest of its line names its property and log folder. */
	public static final String AGENT_MESSAGE = "fixture-agent: attached";

	private static final String AGENT_SOURCE = """
			public class FixtureAgent {

				public static void premain(String args) throws Exception {
					String logDir = System.getProperty("fixture.agent.logdir");
					// An agent writes its own log: the folder it was given must take a file.
					java.nio.file.Files.writeString(java.nio.file.Path.of(logDir, "fixture-agent.log"), "attached\\n");
					System.out.println("%s greeting=" + System.getProperty("fixture.agent.greeting") + " log=written");
				}

			}
			""".formatted(AGENT_MESSAGE);

	private FixtureJar() {
	}

	/**
	 * Compiles a Java agent into {@code dir/fixture-agent.jar}: attached, it prints {@link #AGENT_MESSAGE}
	 * with the system property {@code fixture.agent.greeting}, after writing a file into the folder named by
	 * {@code fixture.agent.logdir}.
	 */
	public static Path buildAgent(Path dir) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), "FixtureAgent");
		return pack(dir, "FixtureAgent", AGENT_SOURCE, manifest, "fixture-agent.jar");
	}

	/** Compiles the service into {@code dir} and returns the jar. */
	public static Path build(Path dir) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "FixtureApp");
		return pack(dir, "FixtureApp", SOURCE, manifest, "fixture-app.jar");
	}

	private static Path pack(Path dir, String className, String code, Manifest manifest, String jarName)
			throws IOException {
		Path sources = Files.createDirectories(dir.resolve("src"));
		Path classes = Files.createDirectories(dir.resolve("classes"));
		Path source = Files.writeString(sources.resolve(className + ".java"), code);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		if (compiler == null) {
			throw new IllegalStateException("The tests need a JDK (javax.tools), not a JRE");
		}
		int status = compiler.run(null, null, null, "--release", "17", "-d", classes.toString(), source.toString());
		if (status != 0) {
			throw new IllegalStateException("The fixture did not compile (status " + status + ")");
		}
		Path jar = dir.resolve(jarName);
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
				var files = Files.list(classes)) {
			for (Path file : files.sorted().toList()) {
				out.putNextEntry(new JarEntry(file.getFileName().toString()));
				Files.copy(file, (OutputStream) out);
				out.closeEntry();
			}
		}
		return jar;
	}

}
