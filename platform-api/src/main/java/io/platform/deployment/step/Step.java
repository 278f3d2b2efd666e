package io.platform.deployment.step;

import io.platform.deployment.StepName;

/**
 * One step of a deployment: checkout, merge, build, image, start, health or switch. A step reads what
 * earlier steps produced from the {@link StepContext} and records its own output there; it ends normally,
 * or throws {@link StepFailure} with a reason a person can act on.
 */
public interface Step {

	StepName name();

	/** @return a short summary for the step's line in the timeline, or {@code null} */
	String run(StepContext context) throws Exception;

}
