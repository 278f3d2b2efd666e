package io.platform.logs.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * Which traces {@link TraceSource#traces} returns.
 *
 * @param service service name as its agent reports it, e.g. {@code dev::orders}; required
 * @param instance instance name, e.g. {@code 42}; {@code null} or blank for all instances
 * @param from start of the range (traces that started at or after it); required
 * @param to end of the range; required, not before {@code from}
 * @param errorsOnly only traces with an error
 * @param limit most traces returned, {@value #DEFAULT_LIMIT} when 0 or less, at most {@value #MAX_LIMIT}
 */
public record TraceQuery(String service, String instance, Instant from, Instant to, boolean errorsOnly, int limit) {

	public static final int DEFAULT_LIMIT = 20;

	public static final int MAX_LIMIT = 500;

	public TraceQuery {
		if (service == null || service.isBlank()) {
			throw new IllegalArgumentException("a trace query needs a service");
		}
		instance = (instance == null || instance.isBlank()) ? null : instance;
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		if (from.isAfter(to)) {
			throw new IllegalArgumentException("'from' (" + from + ") must not be after 'to' (" + to + ")");
		}
		limit = (limit <= 0) ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
	}

}
