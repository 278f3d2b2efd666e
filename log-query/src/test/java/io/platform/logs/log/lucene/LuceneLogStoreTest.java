package io.platform.logs.log.lucene;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.platform.logs.log.LogLevel;
import io.platform.logs.log.LogLine;
import io.platform.logs.log.LogQuery;
import io.platform.logs.log.LogStore;
import io.platform.logs.log.LogStoreContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LuceneLogStoreTest extends LogStoreContractTest {

	@TempDir
	static Path work;

	@Override
	protected LogStore createStore() {
		return new LuceneLogStore(work.resolve("shared"), LogRetention.none());
	}

	@Test
	void linesSurviveARestart() {
		Path dir = work.resolve("restart");
		try (LuceneLogStore first = new LuceneLogStore(dir, LogRetention.none())) {
			first.append(List.of(line("svc", 1, LogLevel.INFO, "before restart")));
		}
		try (LuceneLogStore second = new LuceneLogStore(dir, LogRetention.none())) {
			second.append(List.of(line("svc", 1, LogLevel.INFO, "after restart")));
			second.refresh();
			// same timestamp: the sequence carried over from the first run keeps the order
			assertThat(messages(second.search(LogQuery.all()))).containsExactly("after restart", "before restart");
		}
	}

	@Test
	void retentionByAgeDeletesOlderLines() {
		Instant now = Instant.parse("2026-11-22T12:00:00Z");
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);
		try (LuceneLogStore store = new LuceneLogStore(work.resolve("age"),
				LogRetention.of(Duration.ofDays(7), 0), clock)) {
			store.append(List.of(lineAt(now.minus(Duration.ofDays(8)), "eight days old"),
					lineAt(now.minus(Duration.ofDays(7)).plusSeconds(1), "just under seven days old"),
					lineAt(now.minus(Duration.ofHours(1)), "an hour old")));

			long deleted = store.enforceRetention();

			assertThat(deleted).isEqualTo(1);
			assertThat(messages(store.search(LogQuery.all()))).containsExactly("an hour old",
					"just under seven days old");
		}
	}

	@Test
	void retentionBySizeDeletesTheOldestLinesUntilTheIndexFits() {
		try (LuceneLogStore store = new LuceneLogStore(work.resolve("size"), LogRetention.none())) {
			for (int batch = 0; batch < 20; batch++) {
				List<LogLine> lines = new ArrayList<>();
				for (int i = 0; i < 1000; i++) {
					int n = batch * 1000 + i;
					lines.add(lineAt(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(n),
							"request " + n + " served in " + (n % 97) + " ms by worker " + (n % 13) + " " + Long.toHexString(n * 2654435761L)));
				}
				store.append(lines);
			}
			store.refresh();
			store.enforceRetention(); // no limits: nothing happens
			assertThat(store.search(LogQuery.all().withLimit(1)).lines()).hasSize(1);
		}
		Path dir = work.resolve("size");
		long before;
		try (LuceneLogStore measure = new LuceneLogStore(dir, LogRetention.none())) {
			before = measure.sizeOnDisk();
		}
		long limit = before / 2;
		try (LuceneLogStore store = new LuceneLogStore(dir, LogRetention.of(null, limit))) {
			long deleted = store.enforceRetention();

			assertThat(store.sizeOnDisk()).isLessThanOrEqualTo(limit);
			assertThat(deleted).isBetween(5_000L, 15_000L);
			// the newest line is kept, the oldest is gone
			assertThat(messages(store.search(LogQuery.all().withLimit(1)))).singleElement()
				.asString()
				.startsWith("request 19999 ");
			assertThat(store.search(LogQuery.all().withText("\"request 0 served\"")).lines()).isEmpty();
		}
	}

	private static LogLine lineAt(Instant timestamp, String message) {
		return new LogLine(timestamp, LogLevel.INFO, null, message, null, "svc", "test", "d1", "i1");
	}

}
