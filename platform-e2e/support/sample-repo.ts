import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * A small service kept as a real Git repository (a bare origin and a work tree that pushes to it): a Maven
 * project with no dependencies whose jar serves HTTP with the JDK's server, so it builds in seconds. The
 * build bakes the environment it was built for into the jar ({env} in the build command) and GET / says it.
 * Each request is logged with the trace id and level its X-Trace-Id and X-Log-Level headers give.
 * Branches: main; feature-a changes the greeting; feature-b adds a resource. They merge cleanly.
 */
export class SampleRepo {
	readonly origin: string
	readonly work: string

	private constructor(origin: string, work: string) {
		this.origin = origin
		this.work = work
	}

	/** The repository a global setup made, seen from a test. */
	static open(origin: string, work: string): SampleRepo {
		return new SampleRepo(origin, work)
	}

	/** The Git URL to register the service with. */
	get url(): string {
		return pathToFileURL(this.origin).href
	}

	static create(dir: string): SampleRepo {
		const repo = new SampleRepo(join(dir, 'origin.git'), join(dir, 'work'))
		mkdirSync(dir, { recursive: true })
		git(dir, 'init', '-q', '--bare', '-b', 'main', repo.origin)
		git(dir, 'init', '-q', '-b', 'main', repo.work)
		repo.git('remote', 'add', 'origin', repo.url)
		repo.write('pom.xml', POM)
		repo.write('src/main/resources/sample.properties', 'env=${sample.env}\n')
		repo.write('src/main/java/sample/App.java', app('hello'))
		repo.write('FEATURES.txt', 'base\n')
		repo.commitAndPush('main', 'Sample service')

		repo.git('checkout', '-q', '-b', 'feature-a', 'main')
		repo.write('src/main/java/sample/App.java', app('hello from feature-a'))
		repo.commitAndPush('feature-a', 'Feature A changes the greeting')

		repo.git('checkout', '-q', '-b', 'feature-b', 'main')
		repo.write('src/main/resources/features/b.txt', 'feature b\n')
		repo.commitAndPush('feature-b', 'Feature B adds a resource')
		repo.git('checkout', '-q', 'main')
		return repo
	}

	/** A developer's fix: a new commit on `branch` that changes the greeting, pushed to the origin. */
	pushGreeting(branch: string, greeting: string) {
		this.git('checkout', '-q', branch)
		this.write('src/main/java/sample/App.java', app(greeting))
		this.commitAndPush(branch, `Greeting: ${greeting}`)
		this.git('checkout', '-q', 'main')
	}

	private write(path: string, content: string) {
		const file = join(this.work, path)
		mkdirSync(dirname(file), { recursive: true })
		writeFileSync(file, content)
	}

	private commitAndPush(branch: string, message: string) {
		this.git('add', '-A')
		this.git('commit', '-q', '-m', message)
		this.git('push', '-q', 'origin', branch)
	}

	private git(...args: string[]) {
		git(this.work, ...args)
	}
}

// argv only, never a shell; identity and settings given here so the machine's Git config does not matter
function git(cwd: string, ...args: string[]) {
	execFileSync(
		'git',
		['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args],
		{ cwd, stdio: ['ignore', 'ignore', 'pipe'] },
	)
}

/** Build command of the sample: offline, quiet, the environment baked in at build time. */
export const SAMPLE_BUILD_COMMAND = 'mvn -B -q -o package -Dmaven.test.skip=true -Dsample.env={env}'

function app(greeting: string) {
	return `package sample;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

public class App {
	public static void main(String[] args) throws Exception {
		System.out.println("sample starting");
		Properties built = new Properties();
		try (InputStream in = App.class.getResourceAsStream("/sample.properties")) {
			built.load(in);
		}
		boolean featureB = App.class.getResource("/features/b.txt") != null;
		int port = Integer.parseInt(System.getenv().getOrDefault("SERVER_PORT", "8080"));
		HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
		server.createContext("/actuator/health", ex -> reply(ex, "{\\"status\\":\\"UP\\"}"));
		server.createContext("/", ex -> {
			log(ex, "served " + ex.getRequestURI());
			reply(ex, "${greeting}; built for " + built.getProperty("env")
					+ "; running in " + System.getenv("PLATFORM_ENV") + (featureB ? "; feature-b" : ""));
		});
		server.start();
		System.out.println("sample listening on " + port);
	}

	// The layout of SkyWalking's logback pattern: time [TID:..] [thread] LEVEL logger - message. The trace id
	// comes from X-Trace-Id (no agent plugin traces this server), the level from X-Log-Level (default INFO).
	static void log(com.sun.net.httpserver.HttpExchange ex, String message) {
		String tid = ex.getRequestHeaders().getFirst("X-Trace-Id");
		String level = ex.getRequestHeaders().getFirst("X-Log-Level");
		System.out.println(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"))
				+ " [TID:" + (tid == null ? "N/A" : tid) + "] [http] " + String.format("%-5s", level == null ? "INFO" : level)
				+ " sample.App - " + message);
	}

	static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ex.sendResponseHeaders(200, bytes.length);
		ex.getResponseBody().write(bytes);
		ex.close();
	}
}
`
}

const POM = `<?xml version="1.0" encoding="UTF-8"?>
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
`
