package io.platform.env.runtime;

/**
 * The runtime's view of one workload: whether it runs, how it exited, how often it restarted. Application
 * health (the HTTP health path) is the engine's concern, on top of this.
 */
public record WorkloadState(Phase phase, Integer exitCode, int restartCount, String message) {

	public enum Phase {

		/** Created but not running yet. */
		STARTING,
		/** The process runs. */
		RUNNING,
		/** The process ended (see exitCode). */
		EXITED,
		/** The runtime does not know the workload (removed, or never existed). */
		MISSING

	}

	public static WorkloadState missing() {
		return new WorkloadState(Phase.MISSING, null, 0, "not found on the runtime");
	}

}
