package io.platform.logs.log;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.platform.logs.log.lucene.LogRetention;
import io.platform.logs.log.lucene.LuceneLogStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogMatcherTest {

	private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

	private static final List<LogLine> LINES = List.of(
			line(0, LogLevel.INFO, "Started OrderService in 3.2 seconds", null, "d1"),
			line(1, LogLevel.WARN, "Slow query: select * from orders took 2300 ms", "t-1", "d1"),
			line(2, LogLevel.ERROR, "Connection refused: stock:8080 (retry 3 of 3)", "t-1", "d1"),
			line(3, LogLevel.ERROR, "Timeout calling payment, retrying", "t-2", "d1"),
			line(4, LogLevel.UNKNOWN, "plain output without a level", null, "d1"),
			line(5, LogLevel.INFO, "Order 42 paid", "t-3", "d2"));

	@TempDir
	Path dir;

	@Test
	void matchesLiveLinesExactlyAsTheEmbeddedStoreMatchesStoredOnes() {
		List<LogQuery> queries = List.of(LogQuery.all(), LogQuery.all().withLevel(LogLevel.WARN),
				LogQuery.all().withTraceId("t-1"), LogQuery.all().withDeploymentId("d2"), query("refused"),
				query("\"connection refused\""), query("timeout OR slow"), query("retry*"), query("order* AND NOT paid"),
				query("stock\\:8080"), new LogQuery(null, null, null, null, null, T0.plusSeconds(2), T0.plusSeconds(4), null,
						0, null));
		try (LuceneLogStore store = new LuceneLogStore(dir, LogRetention.none())) {
			store.append(LINES);
			store.refresh();
			for (LogQuery query : queries) {
				LogMatcher matcher = LogMatcher.of(query);
				// Newest first, like the store.
				List<String> live = new ArrayList<>(LINES.stream().filter(matcher).map(LogLine::message).toList());
				Collections.reverse(live);
				assertThat(live).as(query.toString())
					.isNotEmpty()
					.containsExactlyElementsOf(store.search(query).lines().stream().map(LogLine::message).toList());
			}
		}
	}

	@Test
	void badSyntaxIsRefusedWithItsPositionBeforeAnyLineFlows() {
		assertThatThrownBy(() -> LogMatcher.of(query("(unclosed"))).isInstanceOf(LogQuerySyntaxException.class);
		assertThatThrownBy(() -> LogMatcher.of(query("level:ERROR"))).isInstanceOf(LogQuerySyntaxException.class)
			.hasMessageContaining("only the message");
	}

	private static LogQuery query(String q) {
		return new LogQuery(null, null, null, null, null, null, null, q, 0, null);
	}

	private static LogLine line(int second, LogLevel level, String message, String traceId, String deploymentId) {
		return new LogLine(T0.plusSeconds(second), level, "c.e.Orders", message, traceId, "orders", "dev", deploymentId,
				"orders-dev-1");
	}

}
