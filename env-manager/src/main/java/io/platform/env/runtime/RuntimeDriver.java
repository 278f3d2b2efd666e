package io.platform.env.runtime;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs workloads (one instance of one deployment) on a runtime: a Docker engine or local JVM processes.
 * The deployment engine talks only to this interface; vendor client classes stay inside the driver's
 * package. Every method that can take long is bounded by the driver's own timeouts.
 *
 * <p>Failures the target reports (image missing, port in use, engine unreachable) raise
 * {@link RuntimeFailure} with a message a person can act on.
 */
public interface RuntimeDriver extends AutoCloseable {

	/** {@code docker} or {@code process}. */
	String kind();

	/**
	 * Packages a built artifact so that {@link #start} can run it: an image {@code {app}:{env}-{build}}
	 * labelled with the spec's metadata for Docker, a stored copy of the jar for processes.
	 * @return the image reference to keep on the deployment (rollback starts it again)
	 */
	String bake(ImageSpec spec, Consumer<String> log);

	/** Whether an image made by {@link #bake} is still there (a rollback needs it). */
	boolean imageExists(String image);

	/**
	 * Starts a new workload and returns at once; it is not healthy yet. Creates the environment's
	 * network ({@code platform-{env}}) if needed.
	 */
	Workload start(WorkloadSpec spec, Consumer<String> log);

	/** What the runtime says about the workload right now. */
	WorkloadState inspect(String workloadId);

	/** The last {@code lines} lines of the workload's output (stdout and stderr), oldest first. */
	List<String> tail(String workloadId, int lines);

	/**
	 * Follows the workload's output from its start, line by line, until it ends or the returned handle
	 * is closed. A line longer than {@link LineBuffer#MAX_LINE_BYTES} is cut there (and says so).
	 */
	Closeable follow(String workloadId, Consumer<String> line);

	/** Stops and removes the workload; does nothing when it is already gone. */
	void remove(String workloadId);

	/** Every workload this platform created on the runtime, running or not (to reconcile after a restart). */
	List<Workload> workloads();

	/** The workload with that id, if the runtime still has it. */
	default Optional<Workload> find(String workloadId) {
		return workloads().stream().filter(w -> w.id().equals(workloadId)).findFirst();
	}

	/**
	 * Where this runtime runs builds in isolation from the platform's host; empty when it cannot (the
	 * caller then builds on the platform's host).
	 */
	default Optional<BuildSandbox> buildSandbox() {
		return Optional.empty();
	}

	@Override
	default void close() {
	}

}
