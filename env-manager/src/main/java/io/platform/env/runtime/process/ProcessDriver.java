package io.platform.env.runtime.process;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.platform.env.runtime.ImageSpec;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.RuntimeFailure;
import io.platform.env.runtime.Workload;
import io.platform.env.runtime.WorkloadSpec;
import io.platform.env.runtime.WorkloadState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs workloads as local JVM processes: the embedded default when no Docker engine answers.
 *
 * <p>Layout under the home directory: {@code images/{app}/{env}-{build}.jar} holds baked jars,
 * {@code workloads/{name}/} is a workload's working directory with its merged output ({@code output.log})
 * and its metadata ({@code workload.properties}), so a restarted platform finds its workloads again.
 *
 * <p>Isolation is weaker than with Docker: workloads share the host's network (each listens on its own
 * loopback port, and the environment's network separation does not exist), its filesystem and its user;
 * resource limits are not enforced. Workloads survive a restart of the platform, unless whatever stops the
 * platform also kills its children (a terminal's Ctrl-C, a service manager that kills the whole group).
 */
public class ProcessDriver implements RuntimeDriver {

	static final String OUTPUT_FILE = "output.log";

	static final String METADATA_FILE = "workload.properties";

	static final String EXIT_FILE = "exit-code";

	private static final Logger logger = LoggerFactory.getLogger(ProcessDriver.class);

	/** Names end up in paths: no separators, no dot-dot. */
	private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	/** Variables of the platform's own environment that workloads keep; everything else stays private. */
	private static final List<String> INHERITED_VARIABLES = List.of("PATH", "LANG", "LC_ALL", "TZ", "TMPDIR",
			"SYSTEMROOT");

	private static final long STOP_TIMEOUT_SECONDS = 10;

	private final Path home;

	private final Path java;

	/** Processes this instance started: their exit code is known, unlike those found after a restart. */
	private final Map<String, Started> started = new ConcurrentHashMap<>();

	private final ScheduledExecutorService followers = Executors.newScheduledThreadPool(1, runnable -> {
		Thread thread = new Thread(runnable, "process-driver-follow");
		thread.setDaemon(true);
		return thread;
	});

	public ProcessDriver(Path home) {
		this(home, Path.of(System.getProperty("java.home"), "bin", "java"));
	}

	public ProcessDriver(Path home, Path java) {
		this.home = home.toAbsolutePath().normalize();
		this.java = java;
	}

	@Override
	public String kind() {
		return "process";
	}

	@Override
	public String bake(ImageSpec spec, Consumer<String> log) {
		Path target = imagePath(spec.tag());
		if (!Files.isRegularFile(spec.artifact())) {
			throw new RuntimeFailure("Artifact " + spec.artifact().getFileName() + " to bake into " + spec.tag()
					+ " does not exist");
		}
		try {
			Files.createDirectories(target.getParent());
			// Copy then move, so a rollback never starts a half-copied jar.
			Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
			Files.copy(spec.artifact(), partial, StandardCopyOption.REPLACE_EXISTING);
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new RuntimeFailure("Could not store the jar of " + spec.tag() + ": " + ex.getMessage(), ex);
		}
		log.accept("Stored " + spec.tag() + " (" + spec.artifact().getFileName() + ")");
		return spec.tag();
	}

	@Override
	public boolean imageExists(String image) {
		try {
			return Files.isRegularFile(imagePath(image));
		}
		catch (RuntimeFailure invalidReference) {
			// Nothing bake() made can have such a name.
			return false;
		}
	}

	/** {@code {app}:{env}-{build}} to {@code images/{app}/{env}-{build}.jar}. */
	private Path imagePath(String image) {
		int colon = image.indexOf(':');
		if (colon < 0) {
			throw new RuntimeFailure("Image reference " + image + " is not of the form {app}:{env}-{build}");
		}
		String app = safe(image.substring(0, colon), "application name");
		String tag = safe(image.substring(colon + 1), "image tag");
		return home.resolve("images").resolve(app).resolve(tag + ".jar");
	}

	@Override
	public Workload start(WorkloadSpec spec, Consumer<String> log) {
		safe(spec.app(), "application name");
		safe(spec.env(), "environment name");
		Path jar = imagePath(spec.image());
		if (!Files.isRegularFile(jar)) {
			throw new RuntimeFailure("Image " + spec.image() + " is not stored on this host; bake it again");
		}
		Path dir = workloadDir(spec.name());
		if (Files.exists(dir.resolve(METADATA_FILE))) {
			throw new RuntimeFailure("A workload named " + spec.name() + " already exists");
		}
		int port = freeLoopbackPort();
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		if (spec.agent() != null) {
			command.addAll(spec.agent().jvmOptions(spec.agent().directory().toString(), dir.toString()));
		}
		command.addAll(spec.jvmOptions());
		command.add("-jar");
		command.add(jar.toString());
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(OUTPUT_FILE).toFile()));
		Map<String, String> env = builder.environment();
		env.keySet().retainAll(INHERITED_VARIABLES);
		env.putAll(spec.environment());
		env.put("SERVER_PORT", String.valueOf(port));
		// The port is free on loopback only; Spring Boot apps read this and stay off other interfaces.
		env.putIfAbsent("SERVER_ADDRESS", "127.0.0.1");
		Process process;
		try {
			Files.createDirectories(dir);
			process = builder.start();
		}
		catch (IOException ex) {
			deleteDirectory(dir);
			throw new RuntimeFailure("Could not start " + String.join(" ", command) + ": " + ex.getMessage(), ex);
		}
		Metadata metadata = new Metadata(process.pid(), startInstant(process.toHandle()), spec.app(), spec.env(),
				spec.deploymentId(), spec.image(), port, jar.toString());
		try {
			metadata.write(dir.resolve(METADATA_FILE));
		}
		catch (IOException ex) {
			process.destroyForcibly();
			deleteDirectory(dir);
			throw new RuntimeFailure("Could not record workload " + spec.name() + ": " + ex.getMessage(), ex);
		}
		// Keep the exit code on disk: after a restart of the platform it is otherwise lost.
		CompletableFuture<Void> exitRecorded = process.onExit().thenAccept(ended -> recordExit(dir, ended.exitValue()));
		started.put(spec.name(), new Started(process, exitRecorded));
		log.accept("Started process " + process.pid() + " for " + spec.name() + " on 127.0.0.1:" + port);
		return metadata.toWorkload(spec.name());
	}

	private static void recordExit(Path dir, int exitCode) {
		if (!Files.exists(dir.resolve(METADATA_FILE))) {
			// Being removed.
			return;
		}
		try {
			Files.writeString(dir.resolve(EXIT_FILE), String.valueOf(exitCode));
		}
		catch (NoSuchFileException ex) {
			// Removed in the meantime.
		}
		catch (IOException ex) {
			logger.warn("Could not record the exit code of {}", dir.getFileName(), ex);
		}
	}

	/** Free when asked; another process may take it before the app binds, and the app then fails to start. */
	private static int freeLoopbackPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new RuntimeFailure("No free port on the loopback interface: " + ex.getMessage(), ex);
		}
	}

	@Override
	public WorkloadState inspect(String workloadId) {
		Path dir = workloadDir(workloadId);
		Optional<Metadata> metadata = Metadata.read(dir.resolve(METADATA_FILE));
		if (metadata.isEmpty()) {
			return WorkloadState.missing();
		}
		Started mine = started.get(workloadId);
		if (mine != null) {
			if (mine.process().isAlive()) {
				return running(mine.process().pid());
			}
			int code = mine.process().exitValue();
			return new WorkloadState(WorkloadState.Phase.EXITED, code, 0, "exited with code " + code);
		}
		if (liveProcess(metadata.get()).isPresent()) {
			return running(metadata.get().pid());
		}
		Integer code = readExitCode(dir);
		return new WorkloadState(WorkloadState.Phase.EXITED, code, 0, code != null ? "exited with code " + code
				: "process " + metadata.get().pid() + " ended while the platform was not running (exit code unknown)");
	}

	private static WorkloadState running(long pid) {
		return new WorkloadState(WorkloadState.Phase.RUNNING, null, 0, "running as process " + pid);
	}

	private static Integer readExitCode(Path dir) {
		try {
			return Integer.valueOf(Files.readString(dir.resolve(EXIT_FILE)).strip());
		}
		catch (IOException | NumberFormatException ex) {
			return null;
		}
	}

	/** The recorded pid, if it still runs and is still our process (pids are reused). */
	private static Optional<ProcessHandle> liveProcess(Metadata metadata) {
		return ProcessHandle.of(metadata.pid()).filter(ProcessHandle::isAlive).filter(handle -> {
			Optional<String> commandLine = handle.info().commandLine();
			if (commandLine.isPresent()) {
				return commandLine.get().contains(metadata.jar());
			}
			Instant startedAt = startInstant(handle);
			return startedAt != null && startedAt.toEpochMilli() == metadata.startedAt();
		});
	}

	private static Instant startInstant(ProcessHandle handle) {
		return handle.info().startInstant().orElse(null);
	}

	@Override
	public List<String> tail(String workloadId, int lines) {
		Path output = workloadDir(workloadId).resolve(OUTPUT_FILE);
		if (lines <= 0 || !Files.isRegularFile(output)) {
			return List.of();
		}
		try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
			// Read backwards in blocks until enough line breaks are seen: output files grow without bound.
			long end = file.length();
			long start = end;
			int breaks = 0;
			byte[] block = new byte[8192];
			while (start > 0 && breaks <= lines) {
				int size = (int) Math.min(block.length, start);
				start -= size;
				file.seek(start);
				file.readFully(block, 0, size);
				for (int i = size - 1; i >= 0; i--) {
					if (block[i] == '\n' && start + i != end - 1) {
						breaks++;
						if (breaks > lines) {
							start = start + i + 1;
							break;
						}
					}
				}
			}
			byte[] bytes = new byte[(int) (end - start)];
			file.seek(start);
			file.readFully(bytes);
			List<String> result = new ArrayList<>(splitLines(new String(bytes, StandardCharsets.UTF_8)));
			return result.size() > lines ? List.copyOf(result.subList(result.size() - lines, result.size()))
					: List.copyOf(result);
		}
		catch (IOException ex) {
			throw new RuntimeFailure("Could not read the output of " + workloadId + ": " + ex.getMessage(), ex);
		}
	}

	private static List<String> splitLines(String text) {
		if (text.isEmpty()) {
			return Collections.emptyList();
		}
		return text.lines().toList();
	}

	@Override
	public Closeable follow(String workloadId, Consumer<String> line) {
		Path dir = workloadDir(workloadId);
		Optional<Metadata> metadata = Metadata.read(dir.resolve(METADATA_FILE));
		if (metadata.isEmpty()) {
			return () -> {
			};
		}
		Follower follower = new Follower(dir.resolve(OUTPUT_FILE), line, () -> isAlive(workloadId, metadata.get()));
		follower.schedule(followers);
		return follower;
	}

	private boolean isAlive(String workloadId, Metadata metadata) {
		Started mine = started.get(workloadId);
		return mine != null ? mine.process().isAlive() : liveProcess(metadata).isPresent();
	}

	@Override
	public void remove(String workloadId) {
		Path dir = workloadDir(workloadId);
		Started mine = started.remove(workloadId);
		Optional<ProcessHandle> handle = mine != null ? Optional.of(mine.process().toHandle())
				: Metadata.read(dir.resolve(METADATA_FILE)).flatMap(ProcessDriver::liveProcess);
		handle.ifPresent(process -> stop(workloadId, process));
		if (mine != null) {
			// The exit code must be written before the directory goes, or the write would recreate nothing but fail.
			try {
				mine.exitRecorded().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				logger.debug("Exit of {} not recorded", workloadId, ex);
			}
		}
		deleteDirectory(dir);
	}

	private static void stop(String workloadId, ProcessHandle process) {
		List<ProcessHandle> children = process.descendants().toList();
		process.destroy();
		try {
			process.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			logger.info("Process {} of {} did not stop within {} s, killing it", process.pid(), workloadId,
					STOP_TIMEOUT_SECONDS);
			process.destroyForcibly();
			process.onExit().orTimeout(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS).exceptionally(e -> null).join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		catch (Exception ex) {
			process.destroyForcibly();
		}
		children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	@Override
	public List<Workload> workloads() {
		Path root = home.resolve("workloads");
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> dirs = Files.list(root)) {
			return dirs.filter(Files::isDirectory)
				.flatMap(dir -> Metadata.read(dir.resolve(METADATA_FILE))
					.map(m -> m.toWorkload(dir.getFileName().toString()))
					.stream())
				.sorted(Comparator.comparing(Workload::name))
				.toList();
		}
		catch (IOException ex) {
			throw new RuntimeFailure("Could not list workloads under " + root + ": " + ex.getMessage(), ex);
		}
	}

	/** Stops following; workloads keep running so that a restarted platform finds them again. */
	@Override
	public void close() {
		followers.shutdownNow();
	}

	private Path workloadDir(String workloadId) {
		return home.resolve("workloads").resolve(safe(workloadId, "workload id"));
	}

	private static String safe(String name, String what) {
		if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
			throw new RuntimeFailure("Invalid " + what + " '" + name + "': letters, digits, '.', '_' and '-' only");
		}
		return name;
	}

	private static void deleteDirectory(Path dir) {
		// Metadata first: without it the workload is gone for every reader, even if the rest takes a retry.
		for (int attempt = 1;; attempt++) {
			try {
				Files.deleteIfExists(dir.resolve(METADATA_FILE));
				if (!Files.exists(dir)) {
					return;
				}
				try (Stream<Path> paths = Files.walk(dir)) {
					for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
						Files.deleteIfExists(path);
					}
				}
				return;
			}
			catch (IOException | UncheckedIOException ex) {
				// Another driver instance may still be writing the exit code of the process it started.
				if (attempt == 5) {
					throw new RuntimeFailure("Could not delete " + dir.getFileName() + ": " + ex.getMessage(), ex);
				}
				try {
					Thread.sleep(50L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new RuntimeFailure("Interrupted while deleting " + dir.getFileName(), interrupted);
				}
			}
		}
	}

	private record Started(Process process, CompletableFuture<Void> exitRecorded) {
	}

	/** What {@code workload.properties} holds. */
	private record Metadata(long pid, long startedAt, String app, String env, long deploymentId, String image,
			int port, String jar) {

		Metadata(long pid, Instant startedAt, String app, String env, long deploymentId, String image, int port,
				String jar) {
			this(pid, startedAt == null ? 0 : startedAt.toEpochMilli(), app, env, deploymentId, image, port, jar);
		}

		Workload toWorkload(String name) {
			return new Workload(name, name, app, env, deploymentId, image, "127.0.0.1", port);
		}

		void write(Path file) throws IOException {
			Properties properties = new Properties();
			properties.setProperty("pid", String.valueOf(pid));
			properties.setProperty("startedAt", String.valueOf(startedAt));
			properties.setProperty("app", app);
			properties.setProperty("env", env);
			properties.setProperty("deploymentId", String.valueOf(deploymentId));
			properties.setProperty("image", image);
			properties.setProperty("port", String.valueOf(port));
			properties.setProperty("jar", jar);
			Path partial = file.resolveSibling(file.getFileName() + ".part");
			try (OutputStream out = Files.newOutputStream(partial)) {
				properties.store(out, "workload of the platform's process runtime");
			}
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}

		static Optional<Metadata> read(Path file) {
			if (!Files.isRegularFile(file)) {
				return Optional.empty();
			}
			Properties properties = new Properties();
			try (InputStream in = Files.newInputStream(file)) {
				properties.load(in);
				return Optional.of(new Metadata(Long.parseLong(properties.getProperty("pid")),
						Long.parseLong(properties.getProperty("startedAt", "0")), properties.getProperty("app"),
						properties.getProperty("env"), Long.parseLong(properties.getProperty("deploymentId")),
						properties.getProperty("image"), Integer.parseInt(properties.getProperty("port")),
						properties.getProperty("jar")));
			}
			catch (NoSuchFileException ex) {
				return Optional.empty();
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Ignoring unreadable workload metadata {}: {}", file, ex.toString());
				return Optional.empty();
			}
		}

	}

}
