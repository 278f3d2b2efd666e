package io.platform.logs.trace;

import java.time.Instant;
import java.util.List;

/**
 * One span of a trace.
 *
 * @param segmentId the segment (one service instance's part of the trace) the span belongs to
 * @param spanId the span's id inside its segment, from 0
 * @param parentSpanId the parent span inside the same segment, -1 for the segment's first span
 * @param refs the spans of other segments this segment continues (its first span has them); empty otherwise
 * @param service service name, e.g. {@code dev::orders}
 * @param instance instance name, e.g. {@code 42}
 * @param start when the span started
 * @param end when it ended
 * @param endpoint operation name: the endpoint served (Entry) or called (Exit); {@code null} when unknown
 * @param type {@code Entry}, {@code Exit} or {@code Local}
 * @param peer the remote address an Exit span called, {@code null} otherwise
 * @param component the library that made the span, e.g. {@code SpringMVC}; {@code null} when unknown
 * @param error whether the span ended in an error
 * @param layer e.g. {@code Http}, {@code Database}; {@code null} when unknown
 * @param tags key-value pairs such as {@code http.method}, {@code url}, {@code db.statement}
 * @param logs timed events, such as the exception that made the span fail
 */
public record Span(String segmentId, int spanId, int parentSpanId, List<SpanRef> refs, String service,
		String instance, Instant start, Instant end, String endpoint, String type, String peer, String component,
		boolean error, String layer, List<Tag> tags, List<SpanLog> logs) {

	public Span {
		refs = List.copyOf(refs);
		tags = List.copyOf(tags);
		logs = List.copyOf(logs);
	}

}
