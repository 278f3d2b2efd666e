package io.platform.logs.trace;

import java.time.Instant;
import java.util.List;

/**
 * An event logged on a span, e.g. an exception: {@code event=error}, {@code error.kind}, {@code message},
 * {@code stack}.
 */
public record SpanLog(Instant time, List<Tag> data) {

	public SpanLog {
		data = List.copyOf(data);
	}

}
