package io.platform.deployment.step;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.platform.PlatformProperties;
import io.platform.application.Application;
import io.platform.application.CommandLine;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentStore;
import io.platform.deployment.StepName;

import org.springframework.stereotype.Component;

/**
 * Builds a jar of its own for this environment: runs the service's build command (argv, no shell; {env}
 * replaced) in the workspace, streams its output to the log, and keeps the artifact per service,
 * environment and build number. At most {@code maxConcurrentBuilds} builds run at once.
 */
@Component
class BuildStep implements Step {

	private static final int TAIL_LINES = 20;

	private final DeploymentStore store;

	private final PlatformProperties.Deploy settings;

	private final Path artifacts;

	private final Semaphore slots;

	BuildStep(DeploymentStore store, PlatformProperties properties) {
		this.store = store;
		this.settings = properties.deploy();
		this.artifacts = properties.home().resolve("artifacts");
		this.slots = new Semaphore(Math.max(1, settings.maxConcurrentBuilds()), true);
	}

	@Override
	public StepName name() {
		return StepName.BUILD;
	}

	@Override
	public String run(StepContext context) throws Exception {
		Deployment deployment = context.deployment();
		Application app = context.application();
		deployment.setBuildNumber(store.lastBuildNumber(deployment.getApp(), deployment.getEnv()) + 1);
		context.save();

		List<String> argv = CommandLine.split(app.getBuildCommand())
			.stream()
			.map(arg -> arg.replace("{env}", deployment.getEnv()))
			.toList();
		Path workTree = context.integration().workTree();
		if (!slots.tryAcquire()) {
			context.log("[build] waiting for a free build slot (" + settings.maxConcurrentBuilds() + " at once)");
			while (!slots.tryAcquire(500, TimeUnit.MILLISECONDS)) {
				context.cancellation().throwIfRequested();
			}
		}
		try {
			context.log("[build] #" + deployment.getBuildNumber() + " for " + deployment.getEnv() + ": "
					+ String.join(" ", argv));
			runBuild(argv, workTree, context);
		}
		finally {
			slots.release();
		}
		Path built = findArtifact(workTree, app.getArtifact());
		Path kept = artifacts.resolve(deployment.getApp())
			.resolve(deployment.getEnv())
			.resolve(Integer.toString(deployment.getBuildNumber()))
			.resolve(built.getFileName());
		Files.createDirectories(kept.getParent());
		Files.copy(built, kept, StandardCopyOption.REPLACE_EXISTING);
		context.artifact(kept);
		context.log("[build] artifact " + workTree.relativize(built) + " (" + Files.size(kept) / 1024 + " KB)");
		return "build #" + deployment.getBuildNumber() + ", " + built.getFileName();
	}

	private void runBuild(List<String> argv, Path workTree, StepContext context) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(argv).directory(workTree.toFile()).redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.put("PLATFORM_ENV", context.deployment().getEnv());
		env.put("PLATFORM_APP", context.deployment().getApp());
		String jvm = buildJvmOptions(settings, workTree);
		String mavenOpts = mavenOpts(jvm, env.get("MAVEN_OPTS"), settings);
		if (mavenOpts.isEmpty()) {
			env.remove("MAVEN_OPTS");
		}
		else {
			env.put("MAVEN_OPTS", mavenOpts);
		}
		// Only the platform's own part: the MAVEN_OPTS it was started with may hold a proxy password.
		if (!jvm.isEmpty()) {
			context.log("[build] Maven JVM options " + jvm + " (platform.deploy.maven-jvm-options)");
		}
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new StepFailure("The build command could not be started: program '" + argv.get(0)
					+ "' was not found or is not executable on the platform's machine. Fix the service's build command.");
		}
		process.getOutputStream().close();
		Deque<String> tail = new ArrayDeque<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					context.log(line);
					synchronized (tail) {
						tail.addLast(line);
						if (tail.size() > TAIL_LINES) {
							tail.removeFirst();
						}
					}
				}
			}
			catch (IOException ex) {
				// the process was killed; its exit status tells the rest
			}
		}, "build-output-" + context.deployment().getId());
		reader.start();
		try (AutoCloseable hook = context.cancellation().onCancel(() -> kill(process))) {
			boolean finished = process.waitFor(settings.buildTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (!finished) {
				kill(process);
				reader.join(5000);
				throw new StepFailure("The build did not finish within " + settings.buildTimeout().toMinutes()
						+ " minutes and was stopped (platform.deploy.build-timeout).");
			}
			reader.join(5000);
		}
		context.cancellation().throwIfRequested();
		if (process.exitValue() != 0) {
			String end;
			synchronized (tail) {
				end = String.join("\n", tail);
			}
			throw new StepFailure("The build command '" + String.join(" ", argv) + "' exited with code "
					+ process.exitValue() + ". The end of its output:\n" + end);
		}
	}

	/** The configured build JVM options, unless the service's own .mvn/jvm.config chooses them. */
	static String buildJvmOptions(PlatformProperties.Deploy settings, Path workTree) {
		String jvm = settings.mavenJvmOptions() == null ? "" : settings.mavenJvmOptions().strip();
		return Files.exists(workTree.resolve(".mvn").resolve("jvm.config")) ? "" : jvm;
	}

	/**
	 * MAVEN_OPTS of a build: the build JVM options first, then what the platform itself was given (which
	 * thus wins where both set the same option), the shared local repository last.
	 */
	static String mavenOpts(String buildJvm, String inherited, PlatformProperties.Deploy settings) {
		List<String> parts = new ArrayList<>();
		if (!buildJvm.isEmpty()) {
			parts.add(buildJvm);
		}
		if (inherited != null && !inherited.isBlank()) {
			parts.add(inherited.strip());
		}
		if (settings.mavenRepository() != null) {
			parts.add("-Dmaven.repo.local=" + settings.mavenRepository());
		}
		return String.join(" ", parts);
	}

	/** Kills the build and everything it started (Maven forks, compilers). */
	private static void kill(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	static Path findArtifact(Path workTree, String configured) throws IOException {
		if (configured != null) {
			Path path = workTree.resolve(configured).normalize();
			if (!path.startsWith(workTree) || !Files.isRegularFile(path)) {
				throw new StepFailure("The build did not produce the artifact '" + configured
						+ "' set on the service. Check the artifact path or the build command.");
			}
			return path;
		}
		Path target = workTree.resolve("target");
		List<Path> jars;
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			jars = files.filter(p -> {
				String name = p.getFileName().toString();
				return name.endsWith(".jar") && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")
						&& !name.endsWith("-tests.jar") && !name.endsWith("-plain.jar");
			}).sorted().toList();
		}
		if (jars.size() != 1) {
			throw new StepFailure(jars.isEmpty()
					? "The build produced no jar under target/. Set the service's artifact path to where the build writes its jar."
					: "The build produced several jars under target/ (" + String.join(", ",
							jars.stream().map(p -> p.getFileName().toString()).toList())
							+ "); set the service's artifact path to the one to run.");
		}
		return jars.get(0);
	}

}
