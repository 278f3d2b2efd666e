package io.platform.deployment.step;

import io.platform.deployment.Deployment;
import io.platform.deployment.StepName;
import io.platform.env.runtime.ImageSpec;
import io.platform.env.runtime.RuntimeFailure;

import org.springframework.stereotype.Component;

/** Bakes the artifact into an image {@code {app}:{env}-{build}}, labelled with what it holds. */
@Component
class ImageStep implements Step {

	@Override
	public StepName name() {
		return StepName.IMAGE;
	}

	@Override
	public String run(StepContext context) {
		Deployment deployment = context.deployment();
		ImageSpec spec = new ImageSpec(deployment.getApp(), deployment.getEnv(), deployment.getBuildNumber(),
				deployment.getCommit(), deployment.branchList(), context.artifact());
		try {
			deployment.setImage(context.runtime().bake(spec, context.log()));
		}
		catch (RuntimeFailure ex) {
			throw new StepFailure(ex.getMessage(), ex);
		}
		context.log("[image] " + deployment.getImage());
		return deployment.getImage();
	}

}
