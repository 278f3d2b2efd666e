package io.platform.logs.log;

import java.util.List;

/**
 * One page of search results, newest first.
 *
 * @param lines the lines of this page
 * @param nextCursor pass it as {@link LogQuery#cursor()} to get the following (older) page; {@code null}
 * when this is the last page
 */
public record LogPage(List<LogLine> lines, String nextCursor) {

	public LogPage {
		lines = List.copyOf(lines);
	}

	public boolean hasMore() {
		return this.nextCursor != null;
	}

}
