package io.platform.env.runtime.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;
import io.platform.env.runtime.BuildSandbox;
import io.platform.env.runtime.BuildSpec;
import io.platform.env.runtime.RuntimeFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each build in a container of its own on the driver's engine: the work tree and the Maven
 * repository are bind-mounted, nothing else of the host is, so the engine must see the platform's file
 * system (a local engine). The container runs as the owner of the work tree, with all capabilities
 * dropped, and is removed when the build is closed.
 */
final class DockerBuildSandbox implements BuildSandbox {

	static final String LABEL_ROLE = "io.platform.role";

	static final String ROLE_BUILD = "build";

	/** When the build must have ended (epoch seconds): past it, a build container nobody closed is left over. */
	static final String LABEL_DEADLINE = "io.platform.build-deadline";

	static final String BUILD_PREFIX = "platform-build-";

	/** Writable in any image, and by any user: Maven and the JVM want a home. */
	static final String HOME = "/tmp";

	private static final Logger logger = LoggerFactory.getLogger(DockerBuildSandbox.class);

	private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);

	/**
	 * Build containers open in this JVM, across all drivers: a container of this installation that is not
	 * among them was left behind by an earlier platform process.
	 */
	private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();

	private final DockerDriver driver;

	private final Clock clock;

	private volatile Integer engineCpus;

	DockerBuildSandbox(DockerDriver driver, Clock clock) {
		this.driver = driver;
		this.clock = clock;
	}

	@Override
	public RunningBuild start(BuildSpec spec, Consumer<String> output) {
		DockerClient client = driver.client();
		removeLeftovers();
		String name = BUILD_PREFIX + spec.app() + "-" + spec.env() + "-" + spec.deploymentId() + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
		OPEN.add(name);
		try {
			List<Bind> binds = new ArrayList<>();
			binds.add(new Bind(directory(spec.workTree()), new Volume(BuildSpec.WORKSPACE), AccessMode.rw));
			if (spec.mavenRepository() != null) {
				binds.add(new Bind(directory(spec.mavenRepository()), new Volume(BuildSpec.MAVEN_REPOSITORY),
						AccessMode.rw));
			}
			HostConfig host = HostConfig.newHostConfig()
				.withBinds(binds)
				.withCapDrop(Capability.ALL)
				.withSecurityOpts(List.of("no-new-privileges"))
				// The output is followed from the engine's log of the container: it must keep one.
				.withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of()));
			if (spec.resources().memoryBytes() > 0) {
				host.withMemory(spec.resources().memoryBytes()).withMemorySwap(spec.resources().memoryBytes());
			}
			double cpus = Math.min(spec.resources().cpus(), engineCpus());
			if (cpus > 0) {
				host.withNanoCPUs(Math.round(cpus * 1_000_000_000L));
			}
			List<String> env = new ArrayList<>();
			spec.environment().forEach((key, value) -> env.add(key + "=" + value));
			env.add("HOME=" + HOME);
			var create = client.createContainerCmd(spec.image())
				.withName(name)
				.withCmd(spec.command())
				.withEnv(env)
				.withWorkingDir(BuildSpec.WORKSPACE)
				.withLabels(labels(spec))
				.withHostConfig(host);
			String user = owner(spec.workTree());
			if (user != null) {
				create.withUser(user);
			}
			String id;
			try {
				id = create.exec().getId();
			}
			catch (NotFoundException ex) {
				throw new BuildImageMissing(spec.image(), "Build image " + spec.image() + " is not on the Docker engine at "
						+ driver.settings().host() + " (it is not pulled here)", ex);
			}
			Build build = new Build(client, driver.streams(), id, name, output);
			try {
				client.startContainerCmd(id).exec();
			}
			catch (RuntimeException ex) {
				build.close();
				throw new RuntimeFailure("The build container could not start the build command: " + ex.getMessage(), ex);
			}
			build.follow();
			return build;
		}
		catch (RuntimeException ex) {
			OPEN.remove(name);
			throw driver.failure("run a build in " + spec.image(), ex);
		}
	}

	private static String directory(Path path) {
		try {
			// A missing bind source would be made by the engine, as root.
			Files.createDirectories(path);
		}
		catch (IOException ex) {
			throw new RuntimeFailure("Cannot create " + path + " for the build: " + ex.getMessage(), ex);
		}
		return path.toAbsolutePath().toString();
	}

	/** {@code uid:gid} of the work tree: the platform made it, so the build writes as the platform. */
	static String owner(Path workTree) {
		try {
			return Files.getAttribute(workTree, "unix:uid") + ":" + Files.getAttribute(workTree, "unix:gid");
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return null;
		}
	}

	private Map<String, String> labels(BuildSpec spec) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(DockerDriver.LABEL_MANAGED, "true");
		labels.put(LABEL_ROLE, ROLE_BUILD);
		labels.put(DockerDriver.LABEL_APP, spec.app());
		labels.put(DockerDriver.LABEL_ENV, spec.env());
		if (spec.timeout() != null) {
			labels.put(LABEL_DEADLINE, Long.toString(clock.instant().plus(spec.timeout()).getEpochSecond()));
		}
		if (driver.settings().owner() != null) {
			labels.put(DockerDriver.LABEL_OWNER, driver.settings().owner());
		}
		return labels;
	}

	/** A container cannot have more CPUs than the engine's machine: the engine refuses to create it. */
	private double engineCpus() {
		Integer cpus = engineCpus;
		if (cpus == null) {
			try {
				cpus = driver.client().infoCmd().exec().getNCPU();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not ask the engine for its CPUs: {}", ex.toString());
			}
			cpus = cpus == null || cpus <= 0 ? Integer.MAX_VALUE : cpus;
			engineCpus = cpus;
		}
		return cpus;
	}

	/**
	 * Removes the build containers an earlier platform process left behind (it crashed or was killed in
	 * mid-build). Without an owner id another platform may share the labels: then only a container past its
	 * deadline, or one that ended long ago, is left over.
	 */
	void removeLeftovers() {
		Map<String, String> filter = new LinkedHashMap<>();
		filter.put(DockerDriver.LABEL_MANAGED, "true");
		filter.put(LABEL_ROLE, ROLE_BUILD);
		String owner = driver.settings().owner();
		if (owner != null) {
			filter.put(DockerDriver.LABEL_OWNER, owner);
		}
		List<Container> containers;
		try {
			containers = driver.client().listContainersCmd().withShowAll(true).withLabelFilter(filter).exec();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not look for build containers left behind: {}", ex.toString());
			return;
		}
		long now = clock.instant().getEpochSecond();
		for (Container container : containers) {
			String name = DockerDriver.containerName(container);
			if (OPEN.contains(name)) {
				continue;
			}
			long deadline = parseLong(container.getLabels().get(LABEL_DEADLINE));
			boolean ended = !"running".equals(container.getState()) && container.getCreated() != null
					&& container.getCreated() <= now - DockerDriver.BAKE_LEFTOVER_AGE.toSeconds();
			if (owner != null || (deadline > 0 && deadline < now) || ended) {
				logger.info("Removing build container {}, left behind by a build that did not finish", name);
				remove(driver.client(), container.getId());
			}
		}
	}

	private static long parseLong(String value) {
		try {
			return value == null ? 0 : Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static void remove(DockerClient client, String id) {
		try {
			client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
		}
		catch (NotFoundException | ConflictException ex) {
			// Gone already, or being removed by the other side of a kill.
		}
	}

	private static final class Build implements RunningBuild {

		private final DockerClient client;

		private final DockerClient streams;

		private final String id;

		private final String name;

		private final DockerDriver.LogCallback logs;

		private final WaitContainerResultCallback exit = new WaitContainerResultCallback();

		private volatile boolean killed;

		private volatile boolean removed;

		Build(DockerClient client, DockerClient streams, String id, String name, Consumer<String> output) {
			this.client = client;
			this.streams = streams;
			this.id = id;
			this.name = name;
			this.logs = new DockerDriver.LogCallback(output);
		}

		void follow() {
			// They last as long as the build: on the client without an answer timeout; await() bounds them.
			streams.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(logs);
			streams.waitContainerCmd(id).exec(exit);
		}

		@Override
		public Integer await(Duration timeout) throws InterruptedException {
			// A callback that ended with an error rethrows it from its await: after a kill, both do.
			try {
				if (!exit.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					return null;
				}
			}
			catch (RuntimeException ex) {
				if (!killed) {
					return exitCode(ex);
				}
			}
			try {
				// The engine ends the output stream a little after the container: the last lines come first.
				logs.awaitCompletion(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RuntimeException ex) {
				logger.debug("The output of build container {} ended with an error: {}", name, ex.toString());
			}
			if (killed) {
				return 137;
			}
			try {
				return exit.awaitStatusCode();
			}
			catch (RuntimeException ex) {
				// The wait answered with an error: ask the container itself.
				return exitCode(ex);
			}
		}

		private int exitCode(RuntimeException cause) {
			try {
				InspectContainerResponse.ContainerState state = client.inspectContainerCmd(id).exec().getState();
				if (state.getExitCodeLong() != null && !Boolean.TRUE.equals(state.getRunning())) {
					return state.getExitCodeLong().intValue();
				}
			}
			catch (NotFoundException ex) {
				// Removed under us: only a kill does that.
				if (killed) {
					return 137;
				}
			}
			catch (RuntimeException ex) {
				cause.addSuppressed(ex);
			}
			throw new RuntimeFailure("Lost track of build container " + name + ": " + cause.getMessage(), cause);
		}

		@Override
		public void kill() {
			killed = true;
			removeContainer();
		}

		private synchronized void removeContainer() {
			if (removed) {
				return;
			}
			try {
				remove(client, id);
				removed = true;
			}
			catch (RuntimeException ex) {
				logger.warn("Could not remove build container {}; the next build removes it: {}", name, ex.toString());
			}
		}

		@Override
		public void close() {
			try {
				removeContainer();
			}
			finally {
				closeQuietly(logs);
				closeQuietly(exit);
				OPEN.remove(name);
			}
		}

		private static void closeQuietly(AutoCloseable callback) {
			try {
				callback.close();
			}
			catch (Exception ex) {
				// Nothing left to release.
			}
		}

	}

}
