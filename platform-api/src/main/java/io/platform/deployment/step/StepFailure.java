package io.platform.deployment.step;

/** A step could not do its work for a reason outside the platform (a conflict, a failing build, an app that does not start). */
public class StepFailure extends RuntimeException {

	public StepFailure(String reason) {
		super(reason);
	}

	public StepFailure(String reason, Throwable cause) {
		super(reason, cause);
	}

}
