package io.platform.deployment.step;

import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.deployment.StepName;

import org.springframework.stereotype.Component;

/**
 * Switches traffic to the new, healthy instance: only now is the previous RUNNING deployment of that
 * service and environment stopped and marked SUPERSEDED.
 */
@Component
class SwitchStep implements Step {

	private final DeploymentStore store;

	SwitchStep(DeploymentStore store) {
		this.store = store;
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
				context.runtime().remove(previous.getWorkloadId());
			}
			context.log("[switch] deployment " + previous.getId() + " (build #" + previous.getBuildNumber()
					+ ") stopped, superseded by this one");
			summary.append("; replaced deployment ").append(previous.getId());
		}
		return summary.toString();
	}

}
