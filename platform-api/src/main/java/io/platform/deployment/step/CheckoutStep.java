package io.platform.deployment.step;

import java.util.List;

import io.platform.deployment.StepName;
import io.platform.git.BranchHead;
import io.platform.git.GitProvider;

import org.springframework.stereotype.Component;

/** Pins each ticked branch to a commit: the head it had when the deployment was requested. */
@Component
class CheckoutStep implements Step {

	private final GitProvider git;

	CheckoutStep(GitProvider git) {
		this.git = git;
	}

	@Override
	public StepName name() {
		return StepName.CHECKOUT;
	}

	@Override
	public String run(StepContext context) {
		// Heads were pinned when the deployment was requested; older deployments resolve them now.
		List<BranchHead> heads = context.deployment().headList();
		if (heads.isEmpty()) {
			heads = git.resolve(context.remote(), context.deployment().branchList());
		}
		for (BranchHead head : heads) {
			context.log("[checkout] " + head.branch() + " at " + head.commit());
		}
		context.heads(heads);
		context.deployment().setHeadList(heads);
		return String.join(", ", heads.stream().map(h -> h.branch() + "@" + h.commit().substring(0, 7)).toList());
	}

}
