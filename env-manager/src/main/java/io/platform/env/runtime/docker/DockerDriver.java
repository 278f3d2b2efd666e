package io.platform.env.runtime.docker;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.platform.env.runtime.BuildSandbox;
import io.platform.env.runtime.ImageSpec;
import io.platform.env.runtime.JavaAgent;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.RuntimeFailure;
import io.platform.env.runtime.Workload;
import io.platform.env.runtime.WorkloadSpec;
import io.platform.env.runtime.WorkloadState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs workloads as containers on one Docker engine. Each environment gets its own bridge network
 * ({@code platform-{env}}) and each container joins it under its app's name, so services of one
 * environment reach each other by name and never reach another environment's.
 */
public class DockerDriver implements RuntimeDriver {

	static final String LABEL_MANAGED = "io.platform.managed";

	static final String LABEL_APP = "io.platform.app";

	static final String LABEL_ENV = "io.platform.env";

	static final String LABEL_BUILD = "io.platform.build";

	static final String LABEL_COMMIT = "io.platform.commit";

	static final String LABEL_BRANCHES = "io.platform.branches";

	static final String LABEL_DEPLOYMENT = "io.platform.deployment";

	static final String LABEL_IMAGE = "io.platform.image";

	static final String LABEL_PORT = "io.platform.port";

	static final String LABEL_OWNER = "io.platform.owner";

	static final String APP_JAR = "/app/app.jar";

	/** Where an agent's folder is copied into a container. */
	static final String AGENT_PARENT = "/opt";

	static final String HOST_GATEWAY = "host.docker.internal:host-gateway";

	/** Names the temporary containers images are baked in; the owner's short id follows when there is one. */
	static final String BAKE_PREFIX = "platform-bake-";

	/** What makes a bake container's name unique after its prefix. */
	private static final Pattern BAKE_SUFFIX = Pattern.compile("[0-9a-f]{32}");

	/**
	 * Longer than any bake takes: an older bake container that this driver is not baking in is left over, a
	 * younger one may be the bake of another platform process on the same engine.
	 */
	static final Duration BAKE_LEFTOVER_AGE = Duration.ofMinutes(10);

	private static final Logger logger = LoggerFactory.getLogger(DockerDriver.class);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final int STOP_TIMEOUT_SECONDS = 10;

	private static final Duration TAIL_TIMEOUT = Duration.ofSeconds(30);

	private final DockerSettings settings;

	private final Clock clock;

	/** Names of the bake containers this driver is baking in right now. */
	private final Set<String> baking = ConcurrentHashMap.newKeySet();

	private final DockerBuildSandbox builds;

	private volatile DockerClient client;

	private volatile DockerClient streams;

	private volatile boolean closed;

	/** Makes no connection: the client is made on first use, so a platform that never deploys never loads it. */
	public DockerDriver(DockerSettings settings) {
		this(settings, Clock.systemUTC());
	}

	DockerDriver(DockerSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.builds = new DockerBuildSandbox(this, clock);
	}

	DockerSettings settings() {
		return settings;
	}

	/** Whether an engine answers a ping at {@code host} within {@code timeout}. */
	public static boolean answers(String host, Duration timeout) {
		if (host != null && host.startsWith(UnixSocketPing.SCHEME)) {
			// Without the client: a start-up that only asks whether an engine is there stays cheap.
			return UnixSocketPing.answers(host, timeout);
		}
		try (DockerClient probe = newClient(host, timeout, timeout)) {
			probe.pingCmd().exec();
			return true;
		}
		catch (Exception ex) {
			logger.debug("No Docker engine answers at {}: {}", host, ex.toString());
			return false;
		}
	}

	/** The client for calls the engine answers at once: each answer must come within the settings' timeout. */
	DockerClient client() {
		DockerClient current = client;
		if (current == null) {
			synchronized (this) {
				current = client;
				if (current == null) {
					current = newClient(settings.timeout());
					client = current;
				}
			}
		}
		return current;
	}

	/**
	 * The client for log follows and waits for an exit: their one answer stays open for as long as the
	 * container runs (or its build does), so no answer timeout applies; their callers bound them.
	 */
	DockerClient streams() {
		DockerClient current = streams;
		if (current == null) {
			synchronized (this) {
				current = streams;
				if (current == null) {
					current = newClient(null);
					streams = current;
				}
			}
		}
		return current;
	}

	// Called holding the lock.
	private DockerClient newClient(Duration responseTimeout) {
		if (closed) {
			throw new RuntimeFailure("The Docker runtime at " + settings.host() + " is closed");
		}
		try {
			return newClient(settings.host(), CONNECT_TIMEOUT, responseTimeout);
		}
		catch (RuntimeException ex) {
			throw new RuntimeFailure("Cannot use the Docker engine at " + settings.host() + ": " + ex.getMessage(), ex);
		}
	}

	public boolean answers() {
		return answers(settings.host(), Duration.ofSeconds(2));
	}

	private static DockerClient newClient(String host, Duration connectTimeout, Duration responseTimeout) {
		DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
		ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			.maxConnections(50)
			.connectionTimeout(connectTimeout);
		if (responseTimeout != null) {
			http.responseTimeout(responseTimeout);
		}
		return DockerClientImpl.getInstance(config, http.build());
	}

	@Override
	public String kind() {
		return "docker";
	}

	/** Builds in containers of their own on this engine (see {@link DockerBuildSandbox}). */
	@Override
	public Optional<BuildSandbox> buildSandbox() {
		return Optional.of(builds);
	}

	@Override
	public String bake(ImageSpec spec, Consumer<String> log) {
		if (!Files.isRegularFile(spec.artifact())) {
			throw new RuntimeFailure("Artifact " + spec.artifact().getFileName() + " to bake into " + spec.tag()
					+ " does not exist");
		}
		InspectImageResponse base = baseImage();
		removeLeftoverBakes();
		String container = bakeContainerName();
		baking.add(container);
		try {
			// Nothing of its own but the command: the commit copies the container's config into the image, so
			// the image runs its jar by itself (start() still gives every container its full command).
			String id = client().createContainerCmd(base.getId())
				.withName(container)
				.withCmd("java", "-jar", APP_JAR)
				.exec()
				.getId();
			log.accept("Baking " + spec.tag() + " from " + settings.baseImage());
			try (InputStream archive = AppArchive.of(spec.artifact(), APP_JAR)) {
				client().copyArchiveToContainerCmd(id).withTarInputStream(archive).withRemotePath("/").exec();
			}
			ImageName name = ImageName.parse(spec.tag());
			client().commitCmd(id)
				.withRepository(name.repository())
				.withTag(name.tag())
				.withLabels(imageLabels(spec))
				.withPause(false)
				.withMessage("platform bake: " + APP_JAR)
				.exec();
			log.accept("Baked " + spec.tag());
			return spec.tag();
		}
		catch (IOException ex) {
			throw new RuntimeFailure("Could not read the artifact " + spec.artifact().getFileName() + " to bake into "
					+ spec.tag() + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw failure("bake " + spec.tag() + " from " + settings.baseImage(), ex);
		}
		finally {
			removeBakeContainer(container);
			baking.remove(container);
		}
	}

	private InspectImageResponse baseImage() {
		try {
			return client().inspectImageCmd(settings.baseImage()).exec();
		}
		catch (NotFoundException ex) {
			throw new RuntimeFailure("Base image " + settings.baseImage() + " is not on the Docker engine at "
					+ settings.host() + " and cannot be pulled here; scripts/base-image.sh builds one", ex);
		}
		catch (RuntimeException ex) {
			throw failure("inspect image " + settings.baseImage(), ex);
		}
	}

	private static Map<String, String> imageLabels(ImageSpec spec) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(LABEL_MANAGED, "true");
		labels.put(LABEL_APP, spec.app());
		labels.put(LABEL_ENV, spec.env());
		labels.put(LABEL_BUILD, String.valueOf(spec.buildNumber()));
		labels.put(LABEL_COMMIT, spec.commit() == null ? "" : spec.commit());
		labels.put(LABEL_BRANCHES, String.join(",", spec.branches()));
		return labels;
	}

	/** {@code repository:tag}; the tag is {@code latest} when none follows the last path segment. */
	record ImageName(String repository, String tag) {

		static ImageName parse(String reference) {
			int colon = reference.lastIndexOf(':');
			if (colon <= reference.lastIndexOf('/')) {
				return new ImageName(reference, "latest");
			}
			return new ImageName(reference.substring(0, colon), reference.substring(colon + 1));
		}

	}

	private String bakeContainerName() {
		return bakeContainerPrefix() + UUID.randomUUID().toString().replace("-", "");
	}

	/** Bake containers are told apart by name: labels or env given to them would end up in the image. */
	private String bakeContainerPrefix() {
		return settings.owner() == null ? BAKE_PREFIX : BAKE_PREFIX + shortOwner() + "-";
	}

	private boolean isOwnBakeContainer(String name) {
		String prefix = bakeContainerPrefix();
		return name.startsWith(prefix) && BAKE_SUFFIX.matcher(name.substring(prefix.length())).matches();
	}

	private void removeBakeContainer(String name) {
		try {
			client().removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
		}
		catch (NotFoundException ex) {
			// Never created, or already gone.
		}
		catch (RuntimeException ex) {
			logger.warn("Could not remove bake container {}; a later bake removes it: {}", name, ex.toString());
		}
	}

	// Runs at every bake and every listing of workloads (the platform lists them when it starts).
	private void removeLeftoverBakes() {
		long createdBefore = clock.instant().minus(BAKE_LEFTOVER_AGE).getEpochSecond();
		List<Container> containers;
		try {
			containers = client().listContainersCmd()
				.withShowAll(true)
				.withNameFilter(List.of(bakeContainerPrefix()))
				.exec();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not look for bake containers left behind: {}", ex.toString());
			return;
		}
		for (Container container : containers) {
			String name = containerName(container);
			if (isOwnBakeContainer(name) && !baking.contains(name) && container.getCreated() != null
					&& container.getCreated() <= createdBefore) {
				logger.info("Removing bake container {}, left behind by a bake that did not finish", name);
				removeBakeContainer(name);
			}
		}
	}

	@Override
	public boolean imageExists(String image) {
		try {
			client().inspectImageCmd(image).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
		catch (RuntimeException ex) {
			throw failure("inspect image " + image, ex);
		}
	}

	@Override
	public Workload start(WorkloadSpec spec, Consumer<String> log) {
		// Deployment ids are only unique within one installation: its owner id keeps names apart on a shared engine.
		String containerName = settings.owner() == null ? spec.name() : spec.name() + "-" + shortOwner();
		String network = ensureNetwork(spec.env(), log);
		ExposedPort exposed = ExposedPort.tcp(spec.containerPort());
		List<String> env = new ArrayList<>();
		spec.environment().forEach((key, value) -> env.add(key + "=" + value));
		env.add("SERVER_PORT=" + spec.containerPort());
		List<String> command = new ArrayList<>();
		command.add("java");
		if (spec.agent() != null) {
			command.addAll(spec.agent().jvmOptions(agentFolder(spec.agent()), "/tmp"));
		}
		command.addAll(spec.jvmOptions());
		command.add("-jar");
		command.add(APP_JAR);
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(LABEL_MANAGED, "true");
		labels.put(LABEL_APP, spec.app());
		labels.put(LABEL_ENV, spec.env());
		labels.put(LABEL_DEPLOYMENT, String.valueOf(spec.deploymentId()));
		labels.put(LABEL_IMAGE, spec.image());
		labels.put(LABEL_PORT, String.valueOf(spec.containerPort()));
		if (settings.owner() != null) {
			labels.put(LABEL_OWNER, settings.owner());
		}
		// No restart policy: a crash must show up as EXITED, the engine decides what to do about it.
		HostConfig host = HostConfig.newHostConfig()
			.withNetworkMode(network)
			.withPortBindings(new PortBinding(Ports.Binding.bindIp(settings.publishAddress()), exposed))
			// Middleware on the engine's own host (an OAP, a database) is reachable under one stable name.
			.withExtraHosts(HOST_GATEWAY);
		if (spec.resources().memoryBytes() > 0) {
			host.withMemory(spec.resources().memoryBytes()).withMemorySwap(spec.resources().memoryBytes());
		}
		if (spec.resources().cpus() > 0) {
			host.withNanoCPUs(Math.round(spec.resources().cpus() * 1_000_000_000L));
		}
		String id;
		try {
			CreateContainerResponse created = client().createContainerCmd(spec.image())
				.withName(containerName)
				.withHostName(spec.app())
				.withEnv(env)
				.withCmd(command)
				.withExposedPorts(exposed)
				.withLabels(labels)
				.withAliases(spec.app())
				.withHostConfig(host)
				.exec();
			id = created.getId();
		}
		catch (NotFoundException ex) {
			throw new RuntimeFailure("Image " + spec.image() + " is not on the Docker engine; bake it again", ex);
		}
		catch (ConflictException ex) {
			throw new RuntimeFailure("A container named " + containerName + " already exists", ex);
		}
		catch (RuntimeException ex) {
			throw failure("create container " + containerName, ex);
		}
		try {
			if (spec.agent() != null) {
				// A copy, not a bind mount: the engine may run on another host that lacks the folder.
				client().copyArchiveToContainerCmd(id)
					.withHostResource(spec.agent().directory().toString())
					.withRemotePath(AGENT_PARENT)
					.exec();
			}
			client().startContainerCmd(id).exec();
			int port = publishedPort(client().inspectContainerCmd(id).exec(), spec.containerPort());
			log.accept("Started container " + containerName + " (" + shortId(id) + ") on network " + network
					+ ", published on " + reachableHost() + ":" + port);
			return new Workload(id, containerName, spec.app(), spec.env(), spec.deploymentId(), spec.image(),
					reachableHost(), port);
		}
		catch (RuntimeException ex) {
			// Leave nothing half-started behind: the caller sees the failure, not a dead container.
			remove(id);
			throw failure("start container " + containerName, ex);
		}
	}

	private String shortOwner() {
		return settings.owner().substring(0, Math.min(8, settings.owner().length()));
	}

	private static String agentFolder(JavaAgent agent) {
		return AGENT_PARENT + "/" + agent.directory().getFileName();
	}

	private String ensureNetwork(String env, Consumer<String> log) {
		String name = networkName(env);
		if (findNetwork(name).isPresent()) {
			return name;
		}
		try {
			client().createNetworkCmd()
				.withName(name)
				.withDriver("bridge")
				.withCheckDuplicate(true)
				.withLabels(Map.of(LABEL_MANAGED, "true", LABEL_ENV, env))
				.exec();
			log.accept("Created network " + name);
		}
		catch (ConflictException ex) {
			// Another start for the same environment created it in the meantime.
		}
		catch (RuntimeException ex) {
			throw failure("create network " + name, ex);
		}
		return name;
	}

	private Optional<Network> findNetwork(String name) {
		// The name filter matches substrings: platform-dev would also find platform-dev2.
		return client().listNetworksCmd().withNameFilter(name).exec().stream().filter(n -> name.equals(n.getName()))
			.findFirst();
	}

	static String networkName(String env) {
		return "platform-" + env;
	}

	private static int publishedPort(InspectContainerResponse container, int containerPort) {
		Ports.Binding[] bindings = container.getNetworkSettings().getPorts().getBindings()
			.get(ExposedPort.tcp(containerPort));
		if (bindings == null || bindings.length == 0 || bindings[0].getHostPortSpec() == null) {
			throw new RuntimeFailure("Container " + container.getName() + " has no published port for " + containerPort);
		}
		return Integer.parseInt(bindings[0].getHostPortSpec());
	}

	/** Where the platform reaches a published port: the publish address, unless it is a wildcard. */
	private String reachableHost() {
		String address = settings.publishAddress();
		if (!"0.0.0.0".equals(address) && !"::".equals(address)) {
			return address;
		}
		URI engine = URI.create(settings.host());
		return "tcp".equals(engine.getScheme()) && engine.getHost() != null ? engine.getHost() : "127.0.0.1";
	}

	@Override
	public WorkloadState inspect(String workloadId) {
		InspectContainerResponse container;
		try {
			container = client().inspectContainerCmd(workloadId).exec();
		}
		catch (NotFoundException ex) {
			return WorkloadState.missing();
		}
		catch (RuntimeException ex) {
			throw failure("inspect container " + workloadId, ex);
		}
		InspectContainerResponse.ContainerState state = container.getState();
		int restarts = container.getRestartCount() == null ? 0 : container.getRestartCount();
		String status = state.getStatus() == null ? "" : state.getStatus();
		return switch (status) {
			case "running" -> new WorkloadState(WorkloadState.Phase.RUNNING, null, restarts, "running");
			case "paused" -> new WorkloadState(WorkloadState.Phase.RUNNING, null, restarts, "paused");
			case "created", "restarting" -> new WorkloadState(WorkloadState.Phase.STARTING, null, restarts, status);
			case "removing" -> WorkloadState.missing();
			default -> exited(state, restarts);
		};
	}

	private static WorkloadState exited(InspectContainerResponse.ContainerState state, int restarts) {
		Integer code = state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue();
		String message;
		if (Boolean.TRUE.equals(state.getOOMKilled())) {
			message = "OOMKilled: the container went over its memory limit";
		}
		else if (state.getError() != null && !state.getError().isBlank()) {
			message = state.getError();
		}
		else {
			message = "exited with code " + code;
		}
		return new WorkloadState(WorkloadState.Phase.EXITED, code, restarts, message);
	}

	@Override
	public List<String> tail(String workloadId, int lines) {
		List<String> out = new ArrayList<>();
		LogCallback callback = new LogCallback(line -> {
			synchronized (out) {
				out.add(line);
			}
		});
		try {
			client().logContainerCmd(workloadId)
				.withStdOut(true)
				.withStdErr(true)
				.withTail(Math.max(lines, 0))
				.exec(callback);
			if (!callback.awaitCompletion(TAIL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				callback.close();
				throw new RuntimeFailure("Docker did not return the output of " + workloadId + " within " + TAIL_TIMEOUT);
			}
			if (callback.missing) {
				return List.of();
			}
		}
		catch (NotFoundException ex) {
			return List.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RuntimeFailure("Interrupted while reading the output of " + workloadId, ex);
		}
		catch (IOException | RuntimeException ex) {
			throw failure("read the output of " + workloadId, ex);
		}
		synchronized (out) {
			return List.copyOf(out);
		}
	}

	@Override
	public Closeable follow(String workloadId, Consumer<String> line) {
		LogCallback callback = new LogCallback(line);
		try {
			streams().logContainerCmd(workloadId)
				.withStdOut(true)
				.withStdErr(true)
				.withFollowStream(true)
				.exec(callback);
		}
		catch (NotFoundException ex) {
			return () -> {
			};
		}
		catch (RuntimeException ex) {
			throw failure("follow the output of " + workloadId, ex);
		}
		return callback;
	}

	@Override
	public void remove(String workloadId) {
		try {
			client().stopContainerCmd(workloadId).withTimeout(STOP_TIMEOUT_SECONDS).exec();
		}
		catch (NotFoundException | NotModifiedException ex) {
			// Already gone or already stopped.
		}
		catch (RuntimeException ex) {
			logger.warn("Could not stop container {}, removing it by force: {}", workloadId, ex.toString());
		}
		try {
			client().removeContainerCmd(workloadId).withForce(true).withRemoveVolumes(true).exec();
		}
		catch (NotFoundException ex) {
			// Already gone.
		}
		catch (ConflictException ex) {
			// "removal already in progress": someone else is removing it.
		}
		catch (RuntimeException ex) {
			throw failure("remove container " + workloadId, ex);
		}
	}

	@Override
	public List<Workload> workloads() {
		removeLeftoverBakes();
		builds.removeLeftovers();
		List<Container> containers;
		try {
			containers = client().listContainersCmd()
				.withShowAll(true)
				.withLabelFilter(settings.owner() == null ? Map.of(LABEL_MANAGED, "true")
						: Map.of(LABEL_MANAGED, "true", LABEL_OWNER, settings.owner()))
				.exec();
		}
		catch (RuntimeException ex) {
			throw failure("list containers", ex);
		}
		// Containers inherit the labels of baked images; only those started by start() carry a deployment.
		return containers.stream()
			.filter(c -> c.getLabels() != null && c.getLabels().containsKey(LABEL_DEPLOYMENT))
			.map(this::toWorkload)
			.sorted(Comparator.comparing(Workload::name))
			.toList();
	}

	private Workload toWorkload(Container container) {
		Map<String, String> labels = container.getLabels();
		String name = containerName(container);
		int containerPort = parseInt(labels.get(LABEL_PORT));
		int published = 0;
		if (container.getPorts() != null) {
			for (ContainerPort port : container.getPorts()) {
				if (port.getPrivatePort() != null && port.getPrivatePort() == containerPort
						&& port.getPublicPort() != null) {
					published = port.getPublicPort();
					break;
				}
			}
		}
		return new Workload(container.getId(), name, labels.get(LABEL_APP), labels.get(LABEL_ENV),
				parseInt(labels.get(LABEL_DEPLOYMENT)), labels.getOrDefault(LABEL_IMAGE, container.getImage()),
				reachableHost(), published);
	}

	static String containerName(Container container) {
		return container.getNames() != null && container.getNames().length > 0
				? container.getNames()[0].replaceFirst("^/", "") : container.getId();
	}

	private static int parseInt(String value) {
		try {
			return value == null ? 0 : Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	@Override
	public void close() {
		List<DockerClient> open = new ArrayList<>();
		synchronized (this) {
			closed = true;
			if (client != null) {
				open.add(client);
			}
			if (streams != null) {
				open.add(streams);
			}
			client = null;
			streams = null;
		}
		for (DockerClient current : open) {
			try {
				current.close();
			}
			catch (IOException ex) {
				logger.debug("Closing the Docker client failed", ex);
			}
		}
	}

	RuntimeFailure failure(String action, Exception ex) {
		if (ex instanceof RuntimeFailure failure) {
			return failure;
		}
		return new RuntimeFailure("Docker engine at " + settings.host() + " could not " + action + ": "
				+ ex.getMessage(), ex);
	}

	private static String shortId(String id) {
		return id.length() > 12 ? id.substring(0, 12) : id;
	}

	/** Splits stdout and stderr frames into lines separately, so interleaved writes do not mix lines. */
	static final class LogCallback extends ResultCallback.Adapter<Frame> {

		private final Map<StreamType, LineSplitter> splitters = new EnumMap<>(StreamType.class);

		private final Consumer<String> lines;

		private volatile boolean missing;

		LogCallback(Consumer<String> lines) {
			this.lines = lines;
		}

		@Override
		public void onNext(Frame frame) {
			LineSplitter splitter;
			synchronized (splitters) {
				splitter = splitters.computeIfAbsent(frame.getStreamType(), type -> new LineSplitter(lines));
			}
			splitter.accept(frame.getPayload());
		}

		@Override
		public void onComplete() {
			flush();
			super.onComplete();
		}

		@Override
		public void onError(Throwable throwable) {
			flush();
			if (throwable instanceof NotFoundException) {
				// The container is gone: nothing to read, and nothing worth an error in the log.
				missing = true;
				try {
					close();
				}
				catch (IOException ex) {
					// Nothing left to release.
				}
				return;
			}
			super.onError(throwable);
		}

		private void flush() {
			synchronized (splitters) {
				splitters.values().forEach(LineSplitter::flush);
			}
		}

	}

}
