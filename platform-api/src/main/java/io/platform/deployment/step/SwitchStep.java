package io.platform.deployment.step;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.platform.PlatformProperties;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.deployment.StepName;

import io.platform.env.runtime.RuntimeDriver;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Switches traffic to the new, healthy instance: only now is the previous RUNNING deployment of that
 * service and environment marked SUPERSEDED (the ingress then routes to the new one); its instance keeps
 * running for the drain time so requests in flight finish, then it is removed. If the platform stops
 * before that, recovery removes it (no RUNNING deployment owns it).
 */
@Component
class SwitchStep implements Step, DisposableBean {

	private final DeploymentStore store;

	private final Duration drainTime;

	private final ScheduledExecutorService drains = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "drain");
		thread.setDaemon(true);
		return thread;
	});

	SwitchStep(DeploymentStore store, PlatformProperties properties) {
		this.store = store;
		this.drainTime = properties.deploy().drainTime();
	}

	@Override
	public StepName name() {
		return StepName.SWITCH;
	}

	@Override
	public String run(StepContext context) {
		Deployment deployment = context.deployment();
		deployment.setUrl(context.workload().baseUrl() + "/");
		// The new one is RUNNING before the old one stops: a crash in between leaves two serving, which
		// recovery resolves, never none.
		deployment.moveTo(DeploymentStatus.RUNNING);
		context.save();
		StringBuilder summary = new StringBuilder("serving at " + deployment.getUrl());
		for (Deployment previous : store.running(deployment.getApp(), deployment.getEnv())) {
			if (previous.getId().equals(deployment.getId())) {
				continue;
			}
			previous.moveTo(DeploymentStatus.SUPERSEDED);
			store.save(previous);
			if (previous.getWorkloadId() != null) {
				RuntimeDriver runtime = context.runtime();
				String workload = previous.getWorkloadId();
				drains.schedule(() -> removeQuietly(runtime, workload), drainTime.toMillis(), TimeUnit.MILLISECONDS);
			}
			context.log("[switch] deployment " + previous.getId() + " (build #" + previous.getBuildNumber()
					+ ") superseded by this one; its instance stops in " + drainTime.toSeconds() + " s");
			summary.append("; replaced deployment ").append(previous.getId());
		}
		return summary.toString();
	}

	private static void removeQuietly(RuntimeDriver runtime, String workload) {
		try {
			runtime.remove(workload);
		}
		catch (RuntimeException ex) {
			LoggerFactory.getLogger(SwitchStep.class).warn("Could not remove superseded instance {}", workload, ex);
		}
	}

	@Override
	public void destroy() {
		// Pending removals are left to recovery on the next start.
		drains.shutdownNow();
	}

}
