package io.platform.deployment;

import java.util.List;

/** Puts a deployment straight into the store as RUNNING, for tests about what answers for it. */
public final class RunningDeployments {

	private RunningDeployments() {
	}

	public static Deployment insert(DeploymentStore store, String app, String env, String url, String workloadId,
			String image) {
		Deployment deployment = new Deployment();
		deployment.setApp(app);
		deployment.setEnv(env);
		deployment.setKind(DeploymentKind.DEPLOY);
		deployment.setBranchList(List.of("main"));
		deployment.setStatus(DeploymentStatus.QUEUED);
		deployment.setRequestedBy("admin");
		store.insert(deployment, List.of(StepName.values()));
		deployment.setStatus(DeploymentStatus.RUNNING);
		deployment.setUrl(url);
		deployment.setWorkloadId(workloadId);
		deployment.setImage(image);
		deployment.setBuildNumber(1);
		store.save(deployment);
		return deployment;
	}

}
