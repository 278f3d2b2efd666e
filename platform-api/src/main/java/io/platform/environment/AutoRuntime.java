package io.platform.environment;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.platform.env.runtime.BuildSandbox;
import io.platform.env.runtime.ImageSpec;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.Workload;
import io.platform.env.runtime.WorkloadSpec;
import io.platform.env.runtime.WorkloadState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code platform.runtime=auto} when no Docker engine answered at start: local processes, while asking
 * again now and then whether the engine answers. Once it does, new deployments run on Docker and the
 * engine's containers of this installation (started before an engine outage) are known again instead of
 * orphaned; what was started as a process stays on the process runtime until it is removed.
 */
final class AutoRuntime implements RuntimeDriver {

	private static final Logger log = LoggerFactory.getLogger(AutoRuntime.class);

	private final RuntimeDriver process;

	private final BooleanSupplier engineAnswers;

	private final Supplier<RuntimeDriver> dockerFactory;

	private final long recheckNanos;

	private volatile RuntimeDriver docker;

	private long nextCheck;

	AutoRuntime(RuntimeDriver process, BooleanSupplier engineAnswers, Supplier<RuntimeDriver> dockerFactory,
			Duration recheck) {
		this.process = process;
		this.engineAnswers = engineAnswers;
		this.dockerFactory = dockerFactory;
		this.recheckNanos = recheck.toNanos();
		this.nextCheck = System.nanoTime() + recheckNanos;
	}

	/** The process runtime behind it, for environments that ask for processes explicitly. */
	RuntimeDriver processRuntime() {
		return process;
	}

	/** Docker once its engine has answered; asks at most once per recheck period until then. */
	private RuntimeDriver docker() {
		RuntimeDriver found = docker;
		if (found != null) {
			return found;
		}
		synchronized (this) {
			if (docker == null && System.nanoTime() - nextCheck >= 0) {
				if (engineAnswers.getAsBoolean()) {
					docker = dockerFactory.get();
					log.info("Runtime: the Docker engine answers now; new deployments run on Docker, and its containers"
							+ " of this platform are managed again");
				}
				else {
					nextCheck = System.nanoTime() + recheckNanos;
				}
			}
			return docker;
		}
	}

	private RuntimeDriver current() {
		RuntimeDriver found = docker();
		return found != null ? found : process;
	}

	/** The runtime that has this workload: the process runtime for what it started, else Docker. */
	private RuntimeDriver owner(String workloadId) {
		RuntimeDriver found = docker();
		if (found == null || process.find(workloadId).isPresent()) {
			return process;
		}
		return found;
	}

	@Override
	public String kind() {
		return current().kind();
	}

	@Override
	public String bake(ImageSpec spec, Consumer<String> log) {
		return current().bake(spec, log);
	}

	@Override
	public boolean imageExists(String image) {
		RuntimeDriver found = docker();
		return (found != null && found.imageExists(image)) || process.imageExists(image);
	}

	@Override
	public Workload start(WorkloadSpec spec, Consumer<String> log) {
		RuntimeDriver found = docker();
		// A rollback to an image baked before the engine answered starts where that image is.
		if (found != null && !found.imageExists(spec.image()) && process.imageExists(spec.image())) {
			return process.start(spec, log);
		}
		return current().start(spec, log);
	}

	@Override
	public WorkloadState inspect(String workloadId) {
		return owner(workloadId).inspect(workloadId);
	}

	@Override
	public List<String> tail(String workloadId, int lines) {
		return owner(workloadId).tail(workloadId, lines);
	}

	@Override
	public Closeable follow(String workloadId, Consumer<String> line) {
		return owner(workloadId).follow(workloadId, line);
	}

	@Override
	public void remove(String workloadId) {
		owner(workloadId).remove(workloadId);
	}

	@Override
	public List<Workload> workloads() {
		List<Workload> all = new ArrayList<>(process.workloads());
		RuntimeDriver found = docker();
		if (found != null) {
			all.addAll(found.workloads());
		}
		return all;
	}

	@Override
	public Optional<BuildSandbox> buildSandbox() {
		return current().buildSandbox();
	}

	@Override
	public void close() {
		process.close();
		RuntimeDriver found = docker;
		if (found != null) {
			found.close();
		}
	}

}
