package io.platform.logs.log;

import java.util.function.Predicate;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.Query;

/**
 * A {@link LogQuery}'s filters applied to single lines as they are shipped (a live tail), with the text
 * query analysed and matched the way the embedded store matches stored lines. Paging fields are ignored.
 */
public final class LogMatcher implements Predicate<LogLine> {

	// Stateless once built, and shared: building one per line would be the cost here, not matching.
	private static final Analyzer ANALYZER = new StandardAnalyzer();

	private final LogQuery query;

	private final Query text;

	private LogMatcher(LogQuery query, Query text) {
		this.query = query;
		this.text = text;
	}

	/**
	 * @throws LogQuerySyntaxException when {@link LogQuery#q()} is not valid query syntax
	 */
	public static LogMatcher of(LogQuery query) {
		Query text = query.q() == null ? null : MessageQueryParser.parse(query.q(), MessageQueryParser.FIELD, ANALYZER);
		return new LogMatcher(query, text);
	}

	@Override
	public boolean test(LogLine line) {
		return equalOrAny(this.query.service(), line.service()) && equalOrAny(this.query.env(), line.env())
				&& equalOrAny(this.query.deploymentId(), line.deploymentId())
				&& equalOrAny(this.query.traceId(), line.traceId())
				&& (this.query.level() == null || line.level().compareTo(this.query.level()) >= 0)
				&& (this.query.from() == null || !line.timestamp().isBefore(this.query.from()))
				&& (this.query.to() == null || line.timestamp().isBefore(this.query.to())) && textMatches(line);
	}

	private boolean textMatches(LogLine line) {
		if (this.text == null) {
			return true;
		}
		MemoryIndex index = new MemoryIndex();
		index.addField(MessageQueryParser.FIELD, line.message() == null ? "" : line.message(), ANALYZER);
		return index.search(this.text) > 0;
	}

	private static boolean equalOrAny(String wanted, String actual) {
		return wanted == null || wanted.equals(actual);
	}

}
