package io.platform.logs.log;

import java.time.Instant;

/**
 * What to search for. Every criterion is optional ({@code null} = any); the ones given must all match.
 *
 * @param service application name
 * @param env environment name
 * @param deploymentId deployment id
 * @param traceId trace id (across services when service is not given)
 * @param level minimum level: ERROR matches ERROR only, WARN matches WARN and ERROR, and so on
 * @param from earliest timestamp, inclusive
 * @param to latest timestamp, exclusive
 * @param q text query over the message in Lucene query syntax ({@code timeout AND NOT retry},
 * {@code "connection refused"}); terms are ANDed unless OR is written
 * @param limit page size, {@value #DEFAULT_LIMIT} when 0 or less, at most {@value #MAX_LIMIT}
 * @param cursor {@link LogPage#nextCursor()} of the previous page, {@code null} for the first page
 */
public record LogQuery(String service, String env, String deploymentId, String traceId, LogLevel level,
		Instant from, Instant to, String q, int limit, String cursor) {

	public static final int DEFAULT_LIMIT = 100;

	public static final int MAX_LIMIT = 1000;

	public LogQuery {
		service = blankToNull(service);
		env = blankToNull(env);
		deploymentId = blankToNull(deploymentId);
		traceId = blankToNull(traceId);
		q = blankToNull(q);
		cursor = blankToNull(cursor);
		if (level == LogLevel.UNKNOWN) {
			level = null;
		}
		limit = (limit <= 0) ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
		if (from != null && to != null && !from.isBefore(to)) {
			throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
		}
	}

	/** Every line, newest first, {@value #DEFAULT_LIMIT} per page. */
	public static LogQuery all() {
		return new LogQuery(null, null, null, null, null, null, null, null, DEFAULT_LIMIT, null);
	}

	public LogQuery withService(String service) {
		return new LogQuery(service, this.env, this.deploymentId, this.traceId, this.level, this.from, this.to, this.q,
				this.limit, this.cursor);
	}

	public LogQuery withEnv(String env) {
		return new LogQuery(this.service, env, this.deploymentId, this.traceId, this.level, this.from, this.to, this.q,
				this.limit, this.cursor);
	}

	public LogQuery withDeploymentId(String deploymentId) {
		return new LogQuery(this.service, this.env, deploymentId, this.traceId, this.level, this.from, this.to, this.q,
				this.limit, this.cursor);
	}

	public LogQuery withTraceId(String traceId) {
		return new LogQuery(this.service, this.env, this.deploymentId, traceId, this.level, this.from, this.to, this.q,
				this.limit, this.cursor);
	}

	public LogQuery withLevel(LogLevel level) {
		return new LogQuery(this.service, this.env, this.deploymentId, this.traceId, level, this.from, this.to, this.q,
				this.limit, this.cursor);
	}

	public LogQuery withRange(Instant from, Instant to) {
		return new LogQuery(this.service, this.env, this.deploymentId, this.traceId, this.level, from, to, this.q,
				this.limit, this.cursor);
	}

	public LogQuery withText(String q) {
		return new LogQuery(this.service, this.env, this.deploymentId, this.traceId, this.level, this.from, this.to, q,
				this.limit, this.cursor);
	}

	public LogQuery withLimit(int limit) {
		return new LogQuery(this.service, this.env, this.deploymentId, this.traceId, this.level, this.from, this.to, this.q,
				limit, this.cursor);
	}

	public LogQuery withCursor(String cursor) {
		return new LogQuery(this.service, this.env, this.deploymentId, this.traceId, this.level, this.from, this.to, this.q,
				this.limit, cursor);
	}

	/** The position after which the next page starts, decoded from {@link #cursor()}; {@code null} if none. */
	public LogCursor after() {
		return (this.cursor != null) ? LogCursor.decode(this.cursor) : null;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
