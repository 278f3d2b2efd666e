package io.platform.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.URIish;

/**
 * A small service kept as a real Git repository for deployment tests: a Maven project whose jar serves
 * HTTP with the JDK's server (no dependencies, so it builds in seconds), with branches that merge cleanly,
 * one that conflicts and one that cannot start. The build writes the environment it was built for
 * ({env} in the build command) into the jar, and the app says it on GET /.
 */
public final class SampleService implements AutoCloseable {

	/** Build command of the sample: offline, quiet, the environment baked in at build time. */
	public static final String BUILD_COMMAND = "mvn -B -q -o package -Dmaven.test.skip=true -Dsample.env={env}";

	private final Path origin;

	private final Git work;

	private SampleService(Path origin, Git work) {
		this.origin = origin;
		this.work = work;
	}

	public String url() {
		return origin.toUri().toString();
	}

	public static SampleService create(Path dir) throws Exception {
		Path origin = dir.resolve("origin.git");
		Git.init().setBare(true).setInitialBranch("main").setDirectory(origin.toFile()).call().close();
		Git work = Git.init().setInitialBranch("main").setDirectory(dir.resolve("work").toFile()).call();
		work.remoteAdd().setName("origin").setUri(new URIish(origin.toUri().toString())).call();
		SampleService sample = new SampleService(origin, work);
		sample.write("pom.xml", POM);
		sample.write("src/main/resources/sample.properties", "env=${sample.env}\n");
		sample.write("src/main/java/sample/App.java", app("hello", "System.out.println(\"sample starting\");"));
		sample.write("FEATURES.txt", "base\n");
		sample.commitAndPush("main", "Sample service");

		sample.branch("feature-a", "main");
		sample.write("A.txt", "feature a\n");
		sample.write("src/main/java/sample/App.java", app("hello from feature-a", "System.out.println(\"sample starting\");"));
		sample.commitAndPush("feature-a", "Feature A changes the greeting");

		sample.branch("feature-b", "main");
		sample.write("src/main/resources/features/b.txt", "feature b\n");
		sample.commitAndPush("feature-b", "Feature B adds a resource");

		sample.branch("conflicting", "main");
		sample.write("src/main/java/sample/App.java", app("hello from conflicting", "System.out.println(\"sample starting\");"));
		sample.commitAndPush("conflicting", "Changes the greeting differently");

		sample.branch("broken", "main");
		sample.write("src/main/java/sample/App.java", app("never", "System.out.println(\"FATAL: missing DATABASE_URL (user app, password \" + System.getenv(\"DB_PASSWORD\") + \")\"); System.exit(2);"));
		sample.commitAndPush("broken", "Starts without its configuration");
		return sample;
	}

	/** Pushes a new commit on {@code branch} that changes the greeting. */
	public void pushGreeting(String branch, String greeting) throws Exception {
		work.checkout().setName(branch).call();
		write("src/main/java/sample/App.java", app(greeting, "System.out.println(\"sample starting\");"));
		commitAndPush(branch, "Greeting: " + greeting);
	}

	private void branch(String name, String from) throws GitAPIException {
		work.checkout().setName(from).call();
		work.checkout().setCreateBranch(true).setName(name).call();
	}

	private void write(String path, String content) throws IOException {
		Path file = work.getRepository().getWorkTree().toPath().resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private void commitAndPush(String branch, String message) throws GitAPIException {
		work.add().addFilepattern(".").call();
		work.commit().setMessage(message).setAuthor("Dev", "dev@example.com").setCommitter("Dev", "dev@example.com").call();
		work.push().setRemote("origin").add(branch).call();
	}

	@Override
	public void close() {
		work.close();
	}

	private static String app(String greeting, String onStart) {
		return """
				package sample;

				import com.sun.net.httpserver.HttpServer;
				import java.io.InputStream;
				import java.net.InetSocketAddress;
				import java.nio.charset.StandardCharsets;
				import java.util.Properties;

				public class App {
					public static void main(String[] args) throws Exception {
						%s
						Properties built = new Properties();
						try (InputStream in = App.class.getResourceAsStream("/sample.properties")) {
							built.load(in);
						}
						boolean featureB = App.class.getResource("/features/b.txt") != null;
						int port = Integer.parseInt(System.getenv().getOrDefault("SERVER_PORT", "8080"));
						HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
						server.createContext("/actuator/health", ex -> reply(ex, "{\\"status\\":\\"UP\\"}"));
						server.createContext("/", ex -> {
							String tid = ex.getRequestHeaders().getFirst("X-Trace-Id");
							// The layout of SkyWalking's logback pattern: time [TID:..] [thread] LEVEL logger - message
							System.out.println(java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"))
									+ " [TID:" + (tid == null ? "N/A" : tid) + "] [http] INFO  sample.App - served " + ex.getRequestURI());
							reply(ex, "%s; built for " + built.getProperty("env")
								+ "; running in " + System.getenv("PLATFORM_ENV") + (featureB ? "; feature-b" : "")
								+ (System.getenv("GREETING_SUFFIX") == null ? "" : "; suffix " + System.getenv("GREETING_SUFFIX")));
						});
						server.start();
						System.out.println("sample listening on " + port);
					}

					static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
						byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
						ex.sendResponseHeaders(200, bytes.length);
						ex.getResponseBody().write(bytes);
						ex.close();
					}
				}
				""".formatted(onStart, greeting);
	}

	private static final String POM = """
			<?xml version="1.0" encoding="UTF-8"?>
			<project xmlns="http://maven.apache.org/POM/4.0.0">
			  <modelVersion>4.0.0</modelVersion>
			  <groupId>sample</groupId>
			  <artifactId>sample</artifactId>
			  <version>1.0</version>
			  <properties>
			    <maven.compiler.release>17</maven.compiler.release>
			    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
			    <sample.env>unknown</sample.env>
			  </properties>
			  <build>
			    <resources>
			      <resource><directory>src/main/resources</directory><filtering>true</filtering></resource>
			    </resources>
			    <plugins>
			      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
			      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
			      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.6</version></plugin>
			      <plugin>
			        <artifactId>maven-jar-plugin</artifactId><version>3.4.2</version>
			        <configuration><archive><manifest><mainClass>sample.App</mainClass></manifest></archive></configuration>
			      </plugin>
			    </plugins>
			  </build>
			</project>
			""";

}
