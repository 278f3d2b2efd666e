package io.platform.deployment;

import java.util.List;

import io.platform.application.ApplicationDeleting;
import io.platform.environment.RuntimeTargets;
import io.platform.support.web.ConflictException;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a service is deleted: refuses while one of its deployments is in progress, otherwise stops its
 * running instances and forgets its deployments and their logs.
 */
@Component
class ApplicationCleanup {

	private final DeploymentStore store;

	private final DeploymentLogs logs;

	private final RuntimeTargets runtimes;

	ApplicationCleanup(DeploymentStore store, DeploymentLogs logs, RuntimeTargets runtimes) {
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

}
