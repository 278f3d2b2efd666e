package io.platform.deployment;

import java.util.List;

import io.platform.application.ApplicationDeleting;
import io.platform.environment.EnvironmentDeleting;
import io.platform.environment.RuntimeTargets;
import io.platform.support.web.ConflictException;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps deployments consistent when what they belong to goes away. A service being deleted: refused while
 * one of its deployments is in progress, otherwise its running instances are stopped and its deployments
 * and their logs forgotten. An environment being removed: refused while anything runs or deploys there.
 */
@Component
class DeploymentCleanup {

	private final DeploymentStore store;

	private final DeploymentLogs logs;

	private final RuntimeTargets runtimes;

	DeploymentCleanup(DeploymentStore store, DeploymentLogs logs, RuntimeTargets runtimes) {
		this.store = store;
		this.logs = logs;
		this.runtimes = runtimes;
	}

	@EventListener
	void on(ApplicationDeleting event) {
		List<Deployment> active = store
			.withStatus(DeploymentStatus.QUEUED, DeploymentStatus.BUILDING, DeploymentStatus.STARTING)
			.stream()
			.filter(d -> d.getApp().equals(event.name()))
			.toList();
		if (!active.isEmpty()) {
			Deployment first = active.get(0);
			throw new ConflictException("Service '" + event.name() + "' has a deployment in progress (" + first.getId()
					+ " into " + first.getEnv() + "); cancel it or let it finish, then delete the service.");
		}
		for (Deployment running : store.withStatus(DeploymentStatus.RUNNING)) {
			if (running.getApp().equals(event.name()) && running.getWorkloadId() != null) {
				runtimes.driver(running.getEnv()).remove(running.getWorkloadId());
			}
		}
		logs.delete(store.deleteAll(event.name()));
	}

	@EventListener
	void on(EnvironmentDeleting event) {
		List<Deployment> there = store
			.withStatus(DeploymentStatus.QUEUED, DeploymentStatus.BUILDING, DeploymentStatus.STARTING,
					DeploymentStatus.RUNNING)
			.stream()
			.filter(d -> d.getEnv().equals(event.name()))
			.toList();
		if (!there.isEmpty()) {
			throw new ConflictException("Environment '" + event.name() + "' is in use: "
					+ String.join(", ", there.stream().map(d -> d.getApp() + " (" + d.getStatus() + ")").distinct().toList())
					+ ". An environment can be removed only when nothing runs or deploys there.");
		}
	}

}
