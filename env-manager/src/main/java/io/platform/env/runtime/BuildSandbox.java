package io.platform.env.runtime;

import java.util.function.Consumer;

/**
 * Runs a service's build away from the platform's host: in a throw-away container that sees the build's
 * work tree and the shared local Maven repository and nothing else of the platform (not its home, its
 * keys or the engine's socket). A runtime that can isolate builds offers one through
 * {@link RuntimeDriver#buildSandbox()}.
 *
 * <p>Failures the runtime reports (the build image missing, the engine unreachable) raise
 * {@link RuntimeFailure}; {@link BuildImageMissing} when the image is not on the engine.
 */
public interface BuildSandbox {

	/**
	 * Starts the build and returns at once. Its output (stdout and stderr) goes to {@code output} line by
	 * line from the start. The caller must close the returned build, which removes what was made for it.
	 */
	RunningBuild start(BuildSpec spec, Consumer<String> output);

	/** One build started by {@link #start}. */
	interface RunningBuild extends AutoCloseable {

		/**
		 * Waits up to {@code timeout} for the build to end; then all its output has been passed on.
		 * @return the exit code, or {@code null} when the build is still running
		 */
		Integer await(java.time.Duration timeout) throws InterruptedException;

		/** Kills the build at once (from any thread); {@link #await} then returns soon. */
		void kill();

		/** Kills the build if it still runs and removes everything it left behind on the runtime. */
		@Override
		void close();

	}

	/** The build image is not on the runtime (and this runtime does not pull images). */
	final class BuildImageMissing extends RuntimeFailure {

		private final String image;

		public BuildImageMissing(String image, String message, Throwable cause) {
			super(message, cause);
			this.image = image;
		}

		public String image() {
			return image;
		}

	}

}
