package io.platform.logs.trace;

import java.time.Instant;

/**
 * One trace as a list shows it: its segment in the queried service (a trace that entered the service twice is
 * listed twice, once per segment).
 *
 * @param traceId the trace's id, to ask {@link TraceSource#trace} for all its spans
 * @param segmentId the segment of the queried service the summary describes
 * @param endpoint the endpoint that segment served, e.g. {@code GET:/orders/{id}}; {@code null} when unknown
 * @param durationMs how long the segment took
 * @param start when it started
 * @param error whether it ended in an error
 */
public record TraceSummary(String traceId, String segmentId, String endpoint, long durationMs, Instant start,
		boolean error) {
}
