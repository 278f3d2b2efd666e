package io.platform.logs.trace;

/**
 * Where a segment comes from: a span in another segment.
 *
 * @param parentSegmentId the calling segment
 * @param parentSpanId the calling span in it (an Exit span for a call between processes)
 * @param type {@code CROSS_PROCESS} or {@code CROSS_THREAD}
 */
public record SpanRef(String parentSegmentId, int parentSpanId, String type) {
}
