package io.platform.support.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Opens the API's server-sent event streams, bounded: each ends after {@code platform.streams.timeout} (a
 * browser's EventSource then reconnects by itself), and one person holds at most
 * {@code platform.streams.max-per-user} open at once, so a forgotten tab or a looping script cannot hold
 * the platform's connections and subscriptions for ever.
 */
@Component
public class EventStreams {

	private final Duration timeout;

	private final int maxPerUser;

	private final Map<String, Integer> open = new ConcurrentHashMap<>();

	EventStreams(@Value("${platform.streams.timeout:30m}") Duration timeout,
			@Value("${platform.streams.max-per-user:8}") int maxPerUser) {
		this.timeout = timeout;
		this.maxPerUser = maxPerUser;
	}

	/** A new stream of {@code user}'s, or a 429 when they hold as many as they may. */
	public SseEmitter open(String user) {
		boolean[] admitted = new boolean[1];
		open.compute(user, (name, count) -> {
			int now = count == null ? 0 : count;
			admitted[0] = now < maxPerUser;
			return admitted[0] ? now + 1 : now == 0 ? null : now;
		});
		if (!admitted[0]) {
			throw new TooManyRequestsException("You have " + maxPerUser + " live streams open already (at most "
					+ maxPerUser + ", platform.streams.max-per-user); close one (a tab or a script that follows a log) "
					+ "and open this one again.", Duration.ofSeconds(10), "Too many open streams");
		}
		AtomicBoolean released = new AtomicBoolean();
		Runnable release = () -> {
			if (released.compareAndSet(false, true)) {
				open.computeIfPresent(user, (name, count) -> count <= 1 ? null : count - 1);
			}
		};
		SseEmitter emitter = new Counted(timeout.toMillis(), release);
		emitter.onCompletion(release);
		emitter.onError(ex -> release.run());
		// Ends the stream as any other end of it; the client reconnects if it still listens.
		emitter.onTimeout(() -> {
			release.run();
			emitter.complete();
		});
		return emitter;
	}

	/** How many streams {@code user} holds open now. */
	public int openBy(String user) {
		return open.getOrDefault(user, 0);
	}

	/**
	 * Gives its place back when the server ends it too: an emitter completed before Spring MVC took it over
	 * (the whole log of a finished deployment, sent at once) never runs its completion callbacks.
	 */
	private static final class Counted extends SseEmitter {

		private final Runnable release;

		Counted(long timeout, Runnable release) {
			super(timeout);
			this.release = release;
		}

		@Override
		public void complete() {
			release.run();
			super.complete();
		}

		@Override
		public void completeWithError(Throwable ex) {
			release.run();
			super.completeWithError(ex);
		}

	}

}
