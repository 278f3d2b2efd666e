package io.platform.deployment.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.platform.PlatformProperties;
import io.platform.application.Application;
import io.platform.application.ApplicationService;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentEvents;
import io.platform.deployment.DeploymentLogs;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStep;
import io.platform.deployment.DeploymentStore;
import io.platform.deployment.StepName;
import io.platform.deployment.StepStatus;
import io.platform.deployment.step.Cancellation;
import io.platform.deployment.step.Step;
import io.platform.deployment.step.StepContext;
import io.platform.deployment.step.StepFailure;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.environment.Environment;
import io.platform.environment.BindingService;
import io.platform.environment.EnvironmentService;
import io.platform.environment.RuntimeTargets;
import io.platform.support.web.PlatformException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs deployments through their steps in the background, saving after every step. One lane per service
 * and environment: at most one deployment of a lane runs, the others wait in order; lanes run in
 * parallel (builds are further capped by the build step).
 */
@Component
public class DeploymentEngine implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DeploymentEngine.class);

	private final DeploymentStore store;

	private final DeploymentLogs logs;

	private final DeploymentEvents events;

	private final ApplicationService applications;

	private final EnvironmentService environments;

	private final RuntimeTargets runtimes;

	private final BindingService bindings;

	private final Map<StepName, Step> steps = new EnumMap<>(StepName.class);

	private final Path workspaces;

	private final Map<String, Lane> lanes = new HashMap<>();

	private final Map<Long, Cancellation> cancellations = new ConcurrentHashMap<>();

	private final ExecutorService executor;

	private volatile boolean stopping;

	/** False until recovery has dealt with what a stopped platform left: deployments queue, none starts. */
	private boolean open;

	DeploymentEngine(DeploymentStore store, DeploymentLogs logs, DeploymentEvents events,
			ApplicationService applications, EnvironmentService environments, RuntimeTargets runtimes,
			BindingService bindings, List<Step> stepList, PlatformProperties properties) {
		this.bindings = bindings;
		this.store = store;
		this.logs = logs;
		this.events = events;
		this.applications = applications;
		this.environments = environments;
		this.runtimes = runtimes;
		stepList.forEach(step -> steps.put(step.name(), step));
		this.workspaces = properties.home().resolve("workspaces");
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool(r -> {
			Thread thread = new Thread(r, "deployment-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Lets queued deployments start, each lane in the order its deployments were made (recovery queues the
	 * deployments a restart interrupted after requests may have queued newer ones). Called once, by recovery.
	 */
	void open() {
		List<Lane> all;
		synchronized (lanes) {
			open = true;
			all = List.copyOf(lanes.values());
			for (Lane lane : all) {
				List<Long> ordered = lane.waiting.stream().sorted().toList();
				lane.waiting.clear();
				lane.waiting.addAll(ordered);
			}
		}
		all.forEach(this::pump);
	}

	boolean isOpen() {
		synchronized (lanes) {
			return open;
		}
	}

	/** Queues a saved deployment in its lane; it starts when the lane is free. */
	public void submit(Deployment deployment) {
		Lane lane;
		synchronized (lanes) {
			lane = lanes.computeIfAbsent(deployment.getApp() + "/" + deployment.getEnv(), k -> new Lane());
			lane.waiting.addLast(deployment.getId());
		}
		pump(lane);
	}

	/** How many deployments wait in the lane of {@code app} in {@code env} (the running one not counted). */
	public int waiting(String app, String env) {
		synchronized (lanes) {
			Lane lane = lanes.get(app + "/" + env);
			return lane == null ? 0 : lane.waiting.size();
		}
	}

	/**
	 * Cancels a queued deployment at once, or asks a running one to stop; the run then removes whatever it
	 * started and ends CANCELLED.
	 * @return whether the deployment was found queued or running in this engine
	 */
	public boolean cancel(long id) {
		synchronized (lanes) {
			for (Lane lane : lanes.values()) {
				if (lane.waiting.remove(id)) {
					Deployment deployment = store.get(id);
					deployment.moveTo(DeploymentStatus.CANCELLED);
					store.save(deployment);
					store.closeSteps(id, StepStatus.CANCELLED, "cancelled");
					note(id, "[platform] cancelled while queued");
					logs.close(id);
					events.ended(deployment);
					return true;
				}
			}
		}
		Cancellation cancellation = cancellations.get(id);
		if (cancellation != null) {
			cancellation.request();
			return true;
		}
		return false;
	}

	/** Whether the engine holds the deployment (queued or running). */
	public boolean holds(long id) {
		synchronized (lanes) {
			return cancellations.containsKey(id)
					|| lanes.values().stream().anyMatch(l -> l.waiting.contains(id) || Long.valueOf(id).equals(l.current));
		}
	}

	private void pump(Lane lane) {
		Long next;
		synchronized (lanes) {
			if (!open || lane.current != null || lane.waiting.isEmpty()) {
				return;
			}
			next = lane.waiting.pollFirst();
			lane.current = next;
			cancellations.put(next, new Cancellation());
		}
		executor.execute(() -> {
			try {
				run(next);
			}
			catch (RuntimeException ex) {
				log.error("Deployment {} ended with an unexpected error", next, ex);
				failUnfinished(next, ex);
			}
			finally {
				synchronized (lanes) {
					lane.current = null;
					cancellations.remove(next);
				}
				ended(next);
				pump(lane);
			}
		});
	}

	private void run(long id) {
		Deployment deployment = store.get(id);
		if (deployment.isFinal()) {
			return;
		}
		Cancellation cancellation = cancellations.get(id);
		Consumer<String> written = logs.writer(id);
		// Secret binding values never reach the log, whatever the build or the app prints.
		UnaryOperator<String> mask;
		try {
			mask = bindings.masker(deployment.getApp(), deployment.getEnv());
		}
		catch (PlatformException ex) {
			mask = UnaryOperator.identity();
		}
		UnaryOperator<String> masker = mask;
		Consumer<String> out = line -> written.accept(masker.apply(line));
		Path workspace = workspaces.resolve(Long.toString(id));
		StepContext context;
		RuntimeDriver runtime;
		try {
			Application app = applications.get(deployment.getApp());
			Environment env = environments.get(deployment.getEnv());
			runtime = runtimes.driver(env.getName());
			context = new StepContext(deployment, app, env, runtime, workspace, out, cancellation,
					() -> save(deployment));
		}
		catch (PlatformException ex) {
			fail(deployment, null, ex.getMessage(), null);
			return;
		}
		StepName current = null;
		try {
			out.accept("[platform] deployment " + id + " of " + deployment.getApp() + " into " + deployment.getEnv()
					+ " (" + deployment.getKind().name().toLowerCase() + ", branches " + deployment.branchList() + ")");
			if (deployment.getKind() == io.platform.deployment.DeploymentKind.ROLLBACK) {
				out.accept("[platform] rolling back to image " + deployment.getImage() + " (no rebuild)");
			}
			for (DeploymentStep planned : store.steps(id)) {
				if (planned.getStatus() != StepStatus.PENDING) {
					continue;
				}
				current = planned.getName();
				cancellation.throwIfRequested();
				enter(deployment, planned);
				String summary = steps.get(current).run(context);
				planned.setStatus(StepStatus.SUCCEEDED);
				planned.setFinishedAt(Instant.now());
				planned.setMessage(summary);
				store.saveStep(planned);
				save(deployment);
			}
			if (deployment.getStatus() != DeploymentStatus.RUNNING) {
				deployment.moveTo(DeploymentStatus.RUNNING);
			}
			deployment.setStep(null);
			save(deployment);
			out.accept("[platform] RUNNING at " + deployment.getUrl());
		}
		catch (Cancellation.CancelledException ex) {
			cleanUp(context);
			deployment.moveTo(DeploymentStatus.CANCELLED);
			deployment.setError("Cancelled" + (current == null ? "" : " during " + current.label()) + ".");
			deployment.setStep(null);
			store.closeSteps(id, StepStatus.CANCELLED, "cancelled");
			save(deployment);
			out.accept("[platform] cancelled" + (current == null ? "" : " during " + current.label()));
		}
		catch (StepFailure ex) {
			// The reason may quote the app's output: it is masked like the log.
			fail(deployment, current, masker.apply(ex.getMessage()), context);
		}
		catch (PlatformException ex) {
			fail(deployment, current, masker.apply(ex.getMessage()), context);
		}
		catch (DeploymentLogs.Unwritable ex) {
			// Without a log nobody could follow the run: it stops here, and says why where it still can.
			fail(deployment, current, ex.getMessage(), context);
		}
		catch (Exception ex) {
			if (stopping) {
				// The platform is shutting down: recovery on the next start finishes this deployment.
				return;
			}
			log.error("Deployment {} failed at {} with an unexpected error", id, current, ex);
			fail(deployment, current, "The platform failed at step " + (current == null ? "?" : current.label())
					+ " with an internal error (" + ex.getClass().getSimpleName()
					+ (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + "). Retry; if it persists, see the platform's log.",
					context);
		}
		finally {
			deleteQuietly(workspace);
			logs.close(id);
		}
	}

	/** The lane is freed after an error the run did not handle: the deployment must not stay as if waiting. */
	private void failUnfinished(long id, RuntimeException error) {
		if (stopping) {
			return;
		}
		try {
			Deployment deployment = store.get(id);
			if (!deployment.isFinal()) {
				fail(deployment, deployment.getStep(), "The platform failed with an internal error ("
						+ error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage())
						+ "). Retry; if it persists, see the platform's log.", null);
			}
		}
		catch (RuntimeException ex) {
			log.error("Deployment {} could not be marked failed", id, ex);
		}
	}

	/** Tells listeners the run is over, once the engine no longer holds the deployment. */
	private void ended(long id) {
		try {
			events.ended(store.get(id));
		}
		catch (RuntimeException ex) {
			log.debug("Deployment {} vanished before its end was told", id, ex);
		}
	}

	/** Marks a step RUNNING and moves the deployment to the status that step belongs to. */
	private void enter(Deployment deployment, DeploymentStep step) {
		DeploymentStatus phase = step.getName().producesImage() ? DeploymentStatus.BUILDING : DeploymentStatus.STARTING;
		if (deployment.getStatus() != phase) {
			deployment.moveTo(phase);
		}
		deployment.setStep(step.getName());
		step.setStatus(StepStatus.RUNNING);
		step.setStartedAt(Instant.now());
		store.saveStep(step);
		save(deployment);
	}

	private void fail(Deployment deployment, StepName step, String reason, StepContext context) {
		if (context != null) {
			cleanUp(context);
		}
		if (deployment.getStatus() == DeploymentStatus.RUNNING) {
			// Failed after it switched (nothing left to do there): it serves, keep it.
			log.warn("Deployment {} hit an error after it started serving: {}", deployment.getId(), reason);
			return;
		}
		deployment.moveTo(DeploymentStatus.FAILED);
		deployment.setError(reason);
		deployment.setStep(null);
		store.closeSteps(deployment.getId(), StepStatus.FAILED, firstLine(reason));
		save(deployment);
		note(deployment.getId(), "[platform] FAILED" + (step == null ? "" : " at " + step.label()) + ": " + reason);
	}

	/** Writes a closing line of the platform; a log that cannot be written must not undo what was saved. */
	private void note(long id, String line) {
		try {
			logs.append(id, line);
		}
		catch (DeploymentLogs.Unwritable ex) {
			log.warn("Deployment {}: {}", id, ex.getMessage());
		}
	}

	/** Removes the instance a run started, unless it is the one serving now. */
	private void cleanUp(StepContext context) {
		Deployment deployment = context.deployment();
		if (deployment.getWorkloadId() != null && deployment.getStatus() != DeploymentStatus.RUNNING) {
			try {
				context.runtime().remove(deployment.getWorkloadId());
				context.log("[platform] removed the new instance " + deployment.getWorkloadId()
						+ "; the previous deployment keeps serving");
			}
			catch (RuntimeException ex) {
				log.warn("Could not remove workload {} of deployment {}", deployment.getWorkloadId(),
						deployment.getId(), ex);
			}
		}
	}

	private void save(Deployment deployment) {
		store.save(deployment);
		events.changed(deployment);
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		String line = newline < 0 ? text : text.substring(0, newline);
		return line.length() > 1900 ? line.substring(0, 1900) : line;
	}

	private static void deleteQuietly(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException ex) {
			log.warn("Could not delete workspace {}", dir, ex);
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		stopping = true;
		executor.shutdownNow();
		executor.awaitTermination(10, TimeUnit.SECONDS);
	}

	private static final class Lane {

		private final Deque<Long> waiting = new ArrayDeque<>();

		private Long current;

	}

}
