package io.platform.logs.trace;

import java.util.List;

/**
 * A whole trace: the spans of every segment, in every service it went through.
 *
 * @param traceId the trace's id
 * @param spans its spans, segment by segment; link them with {@link Span#parentSpanId()} inside a segment and
 * {@link Span#refs()} across segments
 */
public record Trace(String traceId, List<Span> spans) {

	public Trace {
		spans = List.copyOf(spans);
	}

}
