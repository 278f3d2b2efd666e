package io.platform.logs.log.lucene;

import java.time.Duration;

/**
 * How much of the embedded index to keep.
 *
 * @param maxAge lines older than this are deleted; {@code null} keeps them
 * @param maxBytes the oldest lines are deleted until the index is under this size; 0 or less for no limit
 * @param checkEvery how often the store enforces this on its own
 */
public record LogRetention(Duration maxAge, long maxBytes, Duration checkEvery) {

	public LogRetention {
		checkEvery = (checkEvery != null) ? checkEvery : Duration.ofMinutes(10);
	}

	/** Keeps everything. */
	public static LogRetention none() {
		return new LogRetention(null, 0, null);
	}

	public static LogRetention of(Duration maxAge, long maxBytes) {
		return new LogRetention(maxAge, maxBytes, null);
	}

	boolean limitsSomething() {
		return this.maxAge != null || this.maxBytes > 0;
	}

}
