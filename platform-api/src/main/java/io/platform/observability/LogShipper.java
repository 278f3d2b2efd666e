package io.platform.observability;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentEvents;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.environment.BindingService;
import io.platform.environment.RuntimeTargets;
import io.platform.logs.log.LogLevel;
import io.platform.logs.log.LogLine;
import io.platform.logs.log.LogOrigin;
import io.platform.logs.log.LogParser;
import io.platform.logs.log.LogStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Ships what every started instance prints into the log store: follows the runtime's output from the
 * instance's start, masks secret binding values, parses each line (timestamp, level, logger, trace id)
 * and appends in batches about every quarter of a second. After a platform restart the running
 * deployments' output is shipped again from the start (their earlier lines are replaced, not doubled).
 */
@Component
class LogShipper implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LogShipper.class);

	/** Lines a service printed that never reached the log store (its queue was full), per app and env. */
	static final String DROPPED_METRIC = "platform.logs.dropped";

	/** Lines cut at platform.logs.max-line-length, per app and env. */
	static final String CUT_METRIC = "platform.logs.cut";

	private final LogStore store;

	private final RuntimeTargets runtimes;

	private final BindingService bindings;

	private final DeploymentStore deployments;

	private final Map<String, Follower> followers = new ConcurrentHashMap<>();

	private final LinkedBlockingQueue<Runnable> starts = new LinkedBlockingQueue<>();

	private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "log-shipper");
		thread.setDaemon(true);
		return thread;
	});

	private final LogTail tail;

	private final MeterRegistry meters;

	private final int maxPendingLines;

	private final int maxLineBytes;

	LogShipper(LogStore store, RuntimeTargets runtimes, BindingService bindings, DeploymentStore deployments,
			DeploymentEvents events, LogTail tail, ObjectProvider<MeterRegistry> meters,
			@Value("${platform.logs.max-pending-lines:10000}") int maxPendingLines,
			@Value("${platform.logs.max-line-length:32KB}") DataSize maxLineLength) {
		this.store = store;
		// The platform leaves Boot's metrics out (start-up time); Micrometer's global registry counts meanwhile,
		// and whoever adds a registry (or the metrics starter) gets the counts.
		this.meters = meters.getIfAvailable(() -> Metrics.globalRegistry);
		this.maxPendingLines = maxPendingLines;
		this.maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 64, maxLineLength.toBytes());
		this.tail = tail;
		this.runtimes = runtimes;
		this.bindings = bindings;
		this.deployments = deployments;
		events.subscribeAll((deployment, over) -> {
			Follower existing = deployment.getWorkloadId() == null ? null : followers.get(deployment.getWorkloadId());
			if (existing != null && deployment.getStatus() != DeploymentStatus.STARTING
					&& deployment.getStatus() != DeploymentStatus.RUNNING) {
				// Its instance stops (drained or removed): keep shipping its last lines for a while.
				existing.retireAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			}
			if (deployment.getWorkloadId() != null && !followers.containsKey(deployment.getWorkloadId())
					&& (deployment.getStatus() == DeploymentStatus.STARTING || deployment.getStatus() == DeploymentStatus.RUNNING)) {
				Deployment copy = copyOf(deployment);
				starts.add(() -> follow(copy, false));
			}
		});
		worker.scheduleWithFixedDelay(this::ship, 250, 250, TimeUnit.MILLISECONDS);
	}

	/** Follows the running deployments again after a restart. */
	@EventListener(ApplicationReadyEvent.class)
	void resume() {
		for (Deployment deployment : deployments.withStatus(DeploymentStatus.RUNNING)) {
			if (deployment.getWorkloadId() != null) {
				starts.add(() -> follow(deployment, true));
			}
		}
	}

	private void follow(Deployment deployment, boolean again) {
		String workload = deployment.getWorkloadId();
		if (followers.containsKey(workload)) {
			return;
		}
		try {
			if (again) {
				store.deleteDeployment(Long.toString(deployment.getId()));
			}
			UnaryOperator<String> mask = bindings.masker(deployment.getApp(), deployment.getEnv());
			LogOrigin origin = new LogOrigin(deployment.getApp(), deployment.getEnv(), Long.toString(deployment.getId()),
					deployment.getApp() + "-" + deployment.getEnv() + "-" + deployment.getId());
			Tags tags = Tags.of("app", deployment.getApp(), "env", deployment.getEnv());
			Counter dropped = meters.counter(DROPPED_METRIC, tags);
			Counter cut = meters.counter(CUT_METRIC, tags);
			Follower follower = new Follower(new LogParser(origin, ZoneId.systemDefault()), mask, origin,
					new ShippingQueue(maxPendingLines, maxLineBytes, dropped::increment, cut::increment));
			followers.put(workload, follower);
			follower.handle = runtimes.driver(deployment.getEnv()).follow(workload, follower.pending::offer);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot follow the output of deployment {} ({})", deployment.getId(), ex.getMessage());
		}
	}

	/** Parses what arrived and appends it; lines held back by a parser (a possible stack trace) follow later. */
	private void ship() {
		try {
			Runnable start;
			while ((start = starts.poll()) != null) {
				start.run();
			}
			List<LogLine> batch = new ArrayList<>();
			Instant now = Instant.now();
			for (Follower follower : followers.values()) {
				boolean any = follower.pending
					.drain(raw -> follower.parser.feed(follower.mask.apply(raw), now).ifPresent(batch::add));
				long dropped = follower.pending.takeDropped();
				if (dropped > 0) {
					batch.add(droppedNotice(follower.origin, dropped, now));
				}
				if (!any) {
					// Quiet for a tick: the held-back event is complete.
					follower.parser.flush().ifPresent(batch::add);
				}
			}
			followers.entrySet().removeIf(entry -> {
				boolean retired = System.nanoTime() > entry.getValue().retireAt;
				if (retired) {
					entry.getValue().close();
				}
				return retired;
			});
			if (!batch.isEmpty()) {
				store.append(batch);
				tail.publish(batch);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Shipping logs failed: {}", ex.getMessage());
		}
	}

	/** Says in the deployment's own log that lines are missing there, and how many. */
	static LogLine droppedNotice(LogOrigin origin, long dropped, Instant at) {
		return new LogLine(at, LogLevel.WARN, "platform",
				"[platform] " + dropped + " log line" + (dropped == 1 ? "" : "s") + " dropped: the service wrote "
						+ "them faster than they could be shipped (platform.logs.max-pending-lines)",
				null, origin.service(), origin.env(), origin.deploymentId(), origin.instance());
	}

	@Override
	public void destroy() {
		worker.shutdownNow();
		followers.values().forEach(Follower::close);
	}

	private static Deployment copyOf(Deployment d) {
		Deployment copy = new Deployment();
		copy.setId(d.getId());
		copy.setApp(d.getApp());
		copy.setEnv(d.getEnv());
		copy.setWorkloadId(d.getWorkloadId());
		copy.setStatus(d.getStatus());
		return copy;
	}

	private static final class Follower {

		private final LogParser parser;

		private final UnaryOperator<String> mask;

		private final LogOrigin origin;

		private final ShippingQueue pending;

		private volatile Closeable handle;

		private volatile long retireAt = Long.MAX_VALUE;

		Follower(LogParser parser, UnaryOperator<String> mask, LogOrigin origin, ShippingQueue pending) {
			this.parser = parser;
			this.mask = mask;
			this.origin = origin;
			this.pending = pending;
		}

		void close() {
			try {
				if (handle != null) {
					handle.close();
				}
			}
			catch (IOException ex) {
				// stopping anyway
			}
		}

	}

}
