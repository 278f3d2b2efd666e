package io.platform.deployment.step;

import io.platform.deployment.StepName;
import io.platform.git.GitProvider;
import io.platform.git.Integration;
import io.platform.git.MergeConflictException;

import org.springframework.stereotype.Component;

/**
 * Checks the first branch out into the workspace and merges the others into it, in order, as a local
 * commit; a conflict ends the deployment before anything is built.
 */
@Component
class MergeStep implements Step {

	private final GitProvider git;

	MergeStep(GitProvider git) {
		this.git = git;
	}

	@Override
	public StepName name() {
		return StepName.MERGE;
	}

	@Override
	public String run(StepContext context) {
		Integration integration;
		try {
			integration = git.integrate(context.remote(), context.heads(), context.workspace().resolve("src"),
					context.log());
		}
		catch (MergeConflictException ex) {
			throw new StepFailure(ex.getMessage(), ex);
		}
		context.integration(integration);
		context.deployment().setCommit(integration.commit());
		context.log("[merge] building commit " + integration.commit());
		return context.heads().size() == 1 ? "single branch, no merge"
				: "merged " + (context.heads().size() - 1) + " branch(es) into " + context.heads().get(0).branch();
	}

}
