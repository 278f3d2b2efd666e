package io.platform.deployment.step;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/** Set when someone cancels a running deployment; long steps check it and kill what they started. */
public final class Cancellation {

	private volatile boolean requested;

	private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

	public boolean isRequested() {
		return requested;
	}

	public void request() {
		requested = true;
		hooks.forEach(Runnable::run);
	}

	/** Runs {@code hook} on cancellation (at once if already cancelled); returns a handle that removes it. */
	public AutoCloseable onCancel(Runnable hook) {
		hooks.add(hook);
		if (requested) {
			hook.run();
		}
		return () -> hooks.remove(hook);
	}

	public void throwIfRequested() {
		if (requested) {
			throw new CancelledException();
		}
	}

	/** Unwinds a step that was cancelled. */
	public static final class CancelledException extends RuntimeException {

		CancelledException() {
			super("cancelled", null, false, false);
		}

	}

}
