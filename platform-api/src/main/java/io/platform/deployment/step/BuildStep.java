package io.platform.deployment.step;

import java.io.BufferedReader;
import java.math.BigDecimal;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.platform.PlatformProperties;
import io.platform.application.Application;
import io.platform.application.CommandLine;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentLogs;
import io.platform.deployment.DeploymentStore;
import io.platform.deployment.OutputLine;
import io.platform.deployment.StepName;
import io.platform.env.runtime.BuildSandbox;
import io.platform.env.runtime.BuildSpec;
import io.platform.env.runtime.RuntimeFailure;
import io.platform.env.runtime.WorkloadSpec;

import org.springframework.stereotype.Component;

/**
 * Builds a jar of its own for this environment: runs the service's build command (argv, no shell; {env}
 * replaced) in the workspace, streams its output to the log, and keeps the artifact per service,
 * environment and build number. At most {@code maxConcurrentBuilds} builds run at once.
 *
 * <p>Where the runtime can isolate builds (Docker), the build runs in a throw-away container that sees
 * the work tree and the shared Maven repository only: a build command or a test of the service is code
 * from a branch, and must not reach the platform's home, its master key or the engine. On the process
 * runtime it runs on the platform's host, as that runtime runs the services themselves.
 */
@Component
class BuildStep implements Step {

	private static final int TAIL_LINES = 20;

	/** The variable that marks every process of one host build. */
	static final String BUILD_MARK = "PLATFORM_BUILD_MARK";

	private final DeploymentStore store;

	private final PlatformProperties.Deploy settings;

	private final String defaultBuildImage;

	private final Path artifacts;

	private final Semaphore slots;

	BuildStep(DeploymentStore store, PlatformProperties properties) {
		this.store = store;
		this.settings = properties.deploy();
		this.defaultBuildImage = properties.docker().buildImage();
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
			Optional<BuildSandbox> sandbox = context.runtime().buildSandbox();
			if (sandbox.isPresent()) {
				runInContainer(sandbox.get(), argv, workTree, context);
			}
			else {
				context.log("[build] on the platform host (" + context.runtime().kind()
						+ " runtime: no Docker engine; builds are not isolated)");
				runBuild(argv, workTree, context);
			}
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
		// The real file, checked to be inside the work tree: a link swapped in meanwhile is not followed.
		Files.copy(built, kept, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
		context.artifact(kept);
		context.log("[build] artifact " + workTree.toRealPath().relativize(built) + " (" + Files.size(kept) / 1024 + " KB)");
		return "build #" + deployment.getBuildNumber() + ", " + built.getFileName();
	}

	private void runBuild(List<String> argv, Path workTree, StepContext context) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(argv).directory(workTree.toFile()).redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		// Only what a build needs of the platform's own environment: never its admin password, master key
		// or datasource password.
		env.keySet().retainAll(hostBuildEnvironment(env.keySet()));
		env.put("PLATFORM_ENV", context.deployment().getEnv());
		env.put("PLATFORM_APP", context.deployment().getApp());
		// Inherited by everything the build starts, including what it detaches from its own tree.
		String mark = context.deployment().getId() + "-" + UUID.randomUUID();
		env.put(BUILD_MARK, mark);
		String jvm = buildJvmOptions(settings, workTree);
		String repository = settings.mavenRepository() == null ? null : settings.mavenRepository().toString();
		String mavenOpts = mavenOpts(jvm, env.get("MAVEN_OPTS"), repository);
		if (mavenOpts.isEmpty()) {
			env.remove("MAVEN_OPTS");
		}
		else {
			env.put("MAVEN_OPTS", mavenOpts);
		}
		logJvmOptions(jvm, context);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new StepFailure("The build command could not be started: program '" + argv.get(0)
					+ "' was not found or is not executable on the platform's machine. Fix the service's build command.");
		}
		process.getOutputStream().close();
		Output output = new Output(context);
		// A log that cannot be written stops the build: its output would otherwise fill the pipe and stall it.
		output.onLogFailure(() -> kill(process, mark));
		Thread reader = new Thread(() -> {
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					output.accept(line);
				}
			}
			catch (IOException ex) {
				// the process was killed; its exit status tells the rest
			}
		}, "build-output-" + context.deployment().getId());
		reader.start();
		try (AutoCloseable hook = context.cancellation().onCancel(() -> kill(process, mark))) {
			boolean finished = process.waitFor(settings.buildTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (!finished) {
				kill(process, mark);
				reader.join(5000);
				throw timedOut();
			}
			// What the build left running (a daemon, a server its tests forgot) would keep its output open
			// and live on the platform's host; a build is over when its command is. (Not through the Process:
			// destroying it closes its output before the reader has read the rest.)
			killMarked(mark);
			reader.join(5000);
		}
		finally {
			// Interrupted (the platform is stopping) or failed: nothing of the build outlives the step.
			if (process.isAlive()) {
				kill(process, mark);
			}
		}
		output.throwIfLogFailed();
		context.cancellation().throwIfRequested();
		if (process.exitValue() != 0) {
			throw new StepFailure("The build command '" + String.join(" ", argv) + "' exited with code "
					+ process.exitValue() + ". The end of its output:\n" + output.tail());
		}
	}

	private void runInContainer(BuildSandbox sandbox, List<String> argv, Path workTree, StepContext context)
			throws Exception {
		Deployment deployment = context.deployment();
		String own = context.application().getBuildImage();
		String image = own != null ? own : defaultBuildImage;
		String jvm = buildJvmOptions(settings, workTree);
		Map<String, String> env = new LinkedHashMap<>();
		env.put("PLATFORM_ENV", deployment.getEnv());
		env.put("PLATFORM_APP", deployment.getApp());
		String mavenOpts = mavenOpts(jvm, System.getenv("MAVEN_OPTS"), BuildSpec.MAVEN_REPOSITORY);
		if (!mavenOpts.isEmpty()) {
			env.put("MAVEN_OPTS", mavenOpts);
		}
		WorkloadSpec.Resources limits = new WorkloadSpec.Resources(
				settings.buildMemory() == null ? 0 : settings.buildMemory().toBytes(), settings.buildCpus());
		BuildSpec spec = new BuildSpec(deployment.getApp(), deployment.getEnv(), deployment.getId(), image, argv,
				workTree, settings.mavenRepositoryOrDefault(), env, limits, settings.buildTimeout());
		context.log("[build] in container of " + image + " (" + describe(limits) + "), workspace only");
		logJvmOptions(jvm, context);
		Output output = new Output(context);
		Integer exit;
		try (BuildSandbox.RunningBuild build = start(sandbox, spec, own != null, output);
				AutoCloseable hook = context.cancellation().onCancel(build::kill)) {
			output.onLogFailure(build::kill);
			exit = build.await(settings.buildTimeout());
			if (exit == null) {
				build.kill();
				context.cancellation().throwIfRequested();
				throw timedOut();
			}
		}
		catch (RuntimeFailure ex) {
			context.cancellation().throwIfRequested();
			throw new StepFailure("The build in a container of " + image + " failed: " + ex.getMessage(), ex);
		}
		output.throwIfLogFailed();
		context.cancellation().throwIfRequested();
		if (exit != 0) {
			String hint = exit == 137 && limits.memoryBytes() > 0 ? " (killed: it may have gone over its memory limit of "
					+ describeBytes(limits.memoryBytes()) + ", platform.deploy.build-memory)" : "";
			throw new StepFailure("The build command '" + String.join(" ", argv) + "' exited with code " + exit + hint
					+ ". The end of its output:\n" + output.tail());
		}
	}

	private BuildSandbox.RunningBuild start(BuildSandbox sandbox, BuildSpec spec, boolean ownImage, Output output) {
		try {
			return sandbox.start(spec, output);
		}
		catch (BuildSandbox.BuildImageMissing ex) {
			throw new StepFailure(ownImage
					? ex.getMessage() + ". Put the service's build image " + spec.image()
							+ " onto the engine (docker pull or docker load), or clear the service's build image to build in the platform's default ("
							+ defaultBuildImage + ")."
					: ex.getMessage() + ". Make it with scripts/build-image.sh (or set platform.docker.build-image), or set a build image on the service.",
					ex);
		}
		catch (RuntimeFailure ex) {
			throw new StepFailure("The build could not be started in a container of " + spec.image() + ": "
					+ ex.getMessage() + ". Check the service's build command and build image.", ex);
		}
	}

	private StepFailure timedOut() {
		return new StepFailure("The build did not finish within " + settings.buildTimeout().toMinutes()
				+ " minutes and was stopped (platform.deploy.build-timeout).");
	}

	// Only the platform's own part: the MAVEN_OPTS it was started with may hold a proxy password.
	private static void logJvmOptions(String jvm, StepContext context) {
		if (!jvm.isEmpty()) {
			context.log("[build] Maven JVM options " + jvm + " (platform.deploy.maven-jvm-options)");
		}
	}

	static String describe(WorkloadSpec.Resources limits) {
		String cpus = limits.cpus() > 0 ? BigDecimal.valueOf(limits.cpus()).stripTrailingZeros().toPlainString()
				+ (limits.cpus() == 1 ? " CPU" : " CPUs") : "no CPU limit";
		String memory = limits.memoryBytes() > 0 ? describeBytes(limits.memoryBytes()) : "no memory limit";
		return cpus + ", " + memory;
	}

	static String describeBytes(long bytes) {
		long mb = bytes / (1024 * 1024);
		return mb >= 1024 && mb % 1024 == 0 ? mb / 1024 + " GB" : mb + " MB";
	}

	/** Passes the build's lines to the log and keeps the last ones for the failure message. */
	private static final class Output implements Consumer<String> {

		private final StepContext context;

		private final Deque<String> tail = new ArrayDeque<>();

		private volatile DeploymentLogs.Unwritable logFailure;

		private volatile Runnable onLogFailure = () -> {
		};

		Output(StepContext context) {
			this.context = context;
		}

		void onLogFailure(Runnable action) {
			this.onLogFailure = action;
			if (logFailure != null) {
				action.run();
			}
		}

		/** Rethrows the first failure to write the log, so the deployment fails with it. */
		void throwIfLogFailed() {
			if (logFailure != null) {
				throw logFailure;
			}
		}

		@Override
		public void accept(String printed) {
			if (logFailure != null) {
				return;
			}
			// Code from a branch prints these: they must not drive the reader's terminal or pass for the platform's.
			String line = OutputLine.neutralise(printed);
			try {
				context.log(line);
			}
			catch (DeploymentLogs.Unwritable ex) {
				logFailure = ex;
				onLogFailure.run();
				return;
			}
			synchronized (tail) {
				tail.addLast(line);
				if (tail.size() > TAIL_LINES) {
					tail.removeFirst();
				}
			}
		}

		String tail() {
			synchronized (tail) {
				return String.join("\n", tail);
			}
		}

	}

	private static final java.util.Set<String> HOST_BUILD_VARIABLES = java.util.Set.of("PATH", "HOME", "USER", "LOGNAME",
			"SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR", "JAVA_HOME", "MAVEN_HOME", "M2_HOME", "MAVEN_OPTS",
			"MAVEN_ARGS", "GRADLE_USER_HOME", "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY",
			"NO_PROXY");

	/** The variables of the platform's environment a build on the host keeps. */
	static java.util.Set<String> hostBuildEnvironment(java.util.Set<String> present) {
		java.util.Set<String> kept = new java.util.HashSet<>();
		for (String name : present) {
			if (HOST_BUILD_VARIABLES.contains(name) || name.startsWith("LC_")) {
				kept.add(name);
			}
		}
		return kept;
	}

	/** The configured build JVM options, unless the service's own .mvn/jvm.config chooses them. */
	static String buildJvmOptions(PlatformProperties.Deploy settings, Path workTree) {
		String jvm = settings.mavenJvmOptions() == null ? "" : settings.mavenJvmOptions().strip();
		return Files.exists(workTree.resolve(".mvn").resolve("jvm.config")) ? "" : jvm;
	}

	/**
	 * MAVEN_OPTS of a build: the build JVM options first, then what the platform itself was given (which
	 * thus wins where both set the same option), the shared local repository (as the build sees it) last.
	 */
	static String mavenOpts(String buildJvm, String inherited, String repository) {
		List<String> parts = new ArrayList<>();
		if (!buildJvm.isEmpty()) {
			parts.add(buildJvm);
		}
		if (inherited != null && !inherited.isBlank()) {
			parts.add(inherited.strip());
		}
		if (repository != null) {
			parts.add("-Dmaven.repo.local=" + repository);
		}
		return String.join(" ", parts);
	}

	/** Kills the build and everything it started (Maven forks, compilers), even what left its process tree. */
	private static void kill(Process process, String mark) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		killMarked(mark);
	}

	/**
	 * Kills every process that carries the build's mark: a double fork (a daemon, `cmd &` in a subshell)
	 * leaves the tree but keeps the build's environment.
	 */
	private static void killMarked(String mark) {
		byte[] entry = ("\0" + BUILD_MARK + "=" + mark + "\0").getBytes(StandardCharsets.UTF_8);
		ProcessHandle.allProcesses()
			.filter(p -> p.pid() != ProcessHandle.current().pid() && carries(p.pid(), entry))
			.forEach(ProcessHandle::destroyForcibly);
	}

	/** Whether the process's environment (Linux /proc; elsewhere unknown, so no) holds {@code entry}. */
	private static boolean carries(long pid, byte[] entry) {
		byte[] environ;
		try {
			byte[] read = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
			environ = new byte[read.length + 1];
			System.arraycopy(read, 0, environ, 1, read.length);
		}
		catch (IOException | SecurityException ex) {
			return false;
		}
		outer: for (int i = 0; i + entry.length <= environ.length; i++) {
			for (int j = 0; j < entry.length; j++) {
				if (environ[i + j] != entry[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	static Path findArtifact(Path workTree, String configured) throws IOException {
		Path root = workTree.toRealPath();
		if (configured != null) {
			Path path = workTree.resolve(configured).normalize();
			if (!path.startsWith(workTree) || !Files.exists(path)) {
				throw new StepFailure("The build did not produce the artifact '" + configured
						+ "' set on the service. Check the artifact path or the build command.");
			}
			Path real = insideWorkTree(root, path, configured);
			if (!Files.isRegularFile(real)) {
				throw new StepFailure("The build did not produce the artifact '" + configured
						+ "' set on the service. Check the artifact path or the build command.");
			}
			return real;
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
		return insideWorkTree(root, jars.get(0), workTree.relativize(jars.get(0)).toString());
	}

	/**
	 * The real file behind {@code path}, which must lie in the work tree: a symbolic link committed to the
	 * repository (or made by the build) must not bring a file of the platform's host into an artifact.
	 */
	private static Path insideWorkTree(Path realWorkTree, Path path, String shown) throws IOException {
		Path real = path.toRealPath();
		if (!real.startsWith(realWorkTree)) {
			throw new StepFailure("The artifact '" + shown + "' is a symbolic link, or lies under one, that leads outside"
					+ " the service's work tree; the platform only takes artifacts the build wrote inside it."
					+ " Remove the link from the repository (or from the build) and let the build write the jar there.");
		}
		return real;
	}

}
