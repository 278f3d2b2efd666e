package io.platform.logs.log;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link LogStore} owes platform-api, run against a real store. Each test writes under its own
 * service name, so tests share one store without seeing each other's lines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LogStoreContractTest {

	protected static final Instant T0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

	protected LogStore store;

	/** A started store, or an aborted assumption when its server is not available here. */
	protected abstract LogStore createStore() throws Exception;

	// Kept so every test reports itself skipped, not just the class.
	private TestAbortedException unavailable;

	@BeforeAll
	void startStore() throws Exception {
		try {
			this.store = createStore();
		}
		catch (TestAbortedException ex) {
			this.unavailable = ex;
		}
	}

	@BeforeEach
	void skipWithoutStore() {
		if (this.unavailable != null) {
			throw this.unavailable;
		}
	}

	@AfterAll
	void closeStore() {
		if (this.store != null) {
			this.store.close();
		}
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	protected static LogLine line(String service, int second, LogLevel level, String message) {
		return new LogLine(T0.plusSeconds(second), level, "com.example.Orders", message, null, service, "test", "d1",
				"i1");
	}

	protected LogPage search(LogQuery query) {
		return this.store.search(query);
	}

	protected static List<String> messages(LogPage page) {
		return page.lines().stream().map(LogLine::message).toList();
	}

	@Test
	void filtersByServiceEnvironmentAndDeployment() {
		String service = unique("orders");
		String other = unique("billing");
		this.store.append(List.of(line(service, 1, LogLevel.INFO, "in test d1"),
				new LogLine(T0.plusSeconds(2), LogLevel.INFO, null, "in dev", null, service, "dev", "d2", "i2"),
				new LogLine(T0.plusSeconds(3), LogLevel.INFO, null, "in test d3", null, service, "test", "d3", "i3"),
				line(other, 4, LogLevel.INFO, "other service")));
		this.store.refresh();

		assertThat(messages(search(LogQuery.all().withService(service)))).containsExactly("in test d3", "in dev",
				"in test d1");
		assertThat(messages(search(LogQuery.all().withService(service).withEnv("test"))))
			.containsExactly("in test d3", "in test d1");
		assertThat(messages(search(LogQuery.all().withService(service).withDeploymentId("d2"))))
			.containsExactly("in dev");
		assertThat(messages(search(LogQuery.all().withService(other)))).containsExactly("other service");
	}

	@Test
	void keepsEveryFieldOfALine() {
		String service = unique("fields");
		LogLine written = new LogLine(T0.plusMillis(1234), LogLevel.ERROR, "o.s.web.Dispatcher",
				"Request failed\n\tat com.example.Foo.bar(Foo.java:10)", "abc.123.456", service, "pre", "d42",
				"orders-1");
		this.store.append(List.of(written));
		this.store.refresh();

		assertThat(search(LogQuery.all().withService(service)).lines()).containsExactly(written);
	}

	@Test
	void minimumLevelIncludesTheMoreSevereLevels() {
		String service = unique("levels");
		this.store.append(List.of(line(service, 1, LogLevel.DEBUG, "debug"), line(service, 2, LogLevel.INFO, "info"),
				line(service, 3, LogLevel.WARN, "warn"), line(service, 4, LogLevel.ERROR, "error"),
				line(service, 5, LogLevel.UNKNOWN, "plain")));
		this.store.refresh();
		LogQuery query = LogQuery.all().withService(service);

		assertThat(messages(search(query.withLevel(LogLevel.ERROR)))).containsExactly("error");
		assertThat(messages(search(query.withLevel(LogLevel.WARN)))).containsExactly("error", "warn");
		assertThat(messages(search(query.withLevel(LogLevel.DEBUG)))).containsExactly("error", "warn", "info",
				"debug");
		assertThat(messages(search(query))).hasSize(5);
	}

	@Test
	void textQuerySearchesTheMessage() {
		String service = unique("text");
		this.store.append(List.of(line(service, 1, LogLevel.WARN, "Read timeout on payment gateway, will retry"),
				line(service, 2, LogLevel.ERROR, "Read timeout on payment gateway, giving up"),
				line(service, 3, LogLevel.ERROR, "Connection refused: db-1:3306"),
				line(service, 4, LogLevel.INFO, "refused connection from 10.0.0.7")));
		this.store.refresh();
		LogQuery query = LogQuery.all().withService(service);

		assertThat(messages(search(query.withText("timeout AND NOT retry"))))
			.containsExactly("Read timeout on payment gateway, giving up");
		assertThat(messages(search(query.withText("\"connection refused\""))))
			.containsExactly("Connection refused: db-1:3306");
		assertThat(messages(search(query.withText("refused connection")))).hasSize(2);
		assertThat(messages(search(query.withText("gateway timeout")))).hasSize(2);
		assertThat(messages(search(query.withText("giving OR refused")))).hasSize(3);
		assertThat(messages(search(query.withText("TIMEOUT").withLevel(LogLevel.ERROR)))).hasSize(1);
	}

	@Test
	void findsATraceAcrossServices() {
		String traceId = unique("trace");
		String front = unique("gateway");
		String back = unique("orders");
		this.store.append(List.of(
				new LogLine(T0.plusSeconds(1), LogLevel.INFO, null, "GET /orders/7", traceId, front, "test", "d1", "g1"),
				new LogLine(T0.plusSeconds(2), LogLevel.ERROR, null, "Order 7 not found", traceId, back, "test", "d2",
						"o1"),
				new LogLine(T0.plusSeconds(3), LogLevel.INFO, null, "another request", unique("trace"), back, "test",
						"d2", "o1")));
		this.store.refresh();

		LogPage page = search(LogQuery.all().withTraceId(traceId).withEnv("test"));

		assertThat(messages(page)).containsExactly("Order 7 not found", "GET /orders/7");
		assertThat(page.lines()).extracting(LogLine::service).containsExactly(back, front);
	}

	@Test
	void timeRangeIncludesFromAndExcludesTo() {
		String service = unique("range");
		List<LogLine> lines = new ArrayList<>();
		for (int second = 0; second < 10; second++) {
			lines.add(line(service, second, LogLevel.INFO, "s" + second));
		}
		this.store.append(lines);
		this.store.refresh();

		LogPage page = search(LogQuery.all().withService(service).withRange(T0.plusSeconds(3), T0.plusSeconds(6)));

		assertThat(messages(page)).containsExactly("s5", "s4", "s3");
	}

	@Test
	void pagesGoFromNewestToOldestWithoutRepeatsEvenWhileLinesArrive() {
		String service = unique("paging");
		List<LogLine> lines = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			// two lines per second: ties on the timestamp must not break paging
			lines.add(new LogLine(T0.plusSeconds(i / 2), LogLevel.INFO, null, "line " + i, null, service, "test", "d1",
					"i1"));
		}
		this.store.append(lines);
		this.store.refresh();
		LogQuery query = LogQuery.all().withService(service).withLimit(100);

		LogPage first = search(query);
		this.store.append(List.of(new LogLine(T0.plusSeconds(500), LogLevel.INFO, null, "newer", null, service, "test",
				"d1", "i1")));
		this.store.refresh();
		LogPage second = search(query.withCursor(first.nextCursor()));
		LogPage third = search(query.withCursor(second.nextCursor()));

		assertThat(first.lines()).hasSize(100);
		assertThat(second.lines()).hasSize(100);
		assertThat(third.lines()).hasSize(50);
		assertThat(third.hasMore()).isFalse();
		List<LogLine> all = new ArrayList<>(first.lines());
		all.addAll(second.lines());
		all.addAll(third.lines());
		Set<String> seen = new HashSet<>(messages(first));
		seen.addAll(messages(second));
		seen.addAll(messages(third));
		assertThat(seen).hasSize(250).doesNotContain("newer");
		for (int i = 1; i < all.size(); i++) {
			assertThat(all.get(i).timestamp()).isBeforeOrEqualTo(all.get(i - 1).timestamp());
		}
		assertThat(messages(search(query.withLimit(1)))).containsExactly("newer");
	}

	@Test
	void badQuerySyntaxTellsWhereTheErrorIs() {
		assertThatThrownBy(() -> search(LogQuery.all().withText("timeout AND (retry")))
			.isInstanceOfSatisfying(LogQuerySyntaxException.class, (ex) -> {
				assertThat(ex.position()).isEqualTo(18);
				assertThat(ex.getMessage()).contains("position 18");
			});
		assertThatThrownBy(() -> search(LogQuery.all().withText("timeout AND OR retry")))
			.isInstanceOfSatisfying(LogQuerySyntaxException.class, (ex) -> assertThat(ex.position()).isEqualTo(12));
	}

	@Test
	void queriesThatScanEveryTermAreRefusedLikeLeadingWildcards() {
		for (String q : new String[] { "/.*/", "error AND /(.*a){20}/", "*timeout" }) {
			assertThatThrownBy(() -> search(LogQuery.all().withText(q))).as(q)
				.isInstanceOf(LogQuerySyntaxException.class);
		}
		assertThatThrownBy(() -> search(LogQuery.all().withText("/.*/")))
			.hasMessageContaining("regular expressions (/.../) are not supported");
	}

	@Test
	void appendedLinesAreSearchableWithinOneSecond() throws InterruptedException {
		String service = unique("visible");
		this.store.append(List.of(line(service, 1, LogLevel.INFO, "fresh")));
		long start = System.nanoTime();

		while (search(LogQuery.all().withService(service)).lines().isEmpty()) {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
			Thread.sleep(20);
		}
	}

	@Test
	void deletingADeploymentKeepsTheOthers() {
		String service = unique("delete");
		String gone = unique("d");
		String kept = unique("d");
		this.store.append(List.of(
				new LogLine(T0.plusSeconds(1), LogLevel.INFO, null, "gone 1", null, service, "test", gone, "i1"),
				new LogLine(T0.plusSeconds(2), LogLevel.INFO, null, "gone 2", null, service, "test", gone, "i1"),
				new LogLine(T0.plusSeconds(3), LogLevel.INFO, null, "kept", null, service, "test", kept, "i2")));
		this.store.refresh();

		long deleted = this.store.deleteDeployment(gone);
		this.store.refresh();

		assertThat(deleted).isIn(2L, -1L);
		assertThat(messages(search(LogQuery.all().withService(service)))).containsExactly("kept");
	}

	@Test
	void deletingAServiceRemovesItsLinesInEveryEnvironmentAndKeepsOtherServices() {
		String removed = unique("removed");
		String other = unique("other");
		this.store.append(List.of(
				new LogLine(T0.plusSeconds(1), LogLevel.INFO, null, "dev line", null, removed, "dev", "d1", "i1"),
				new LogLine(T0.plusSeconds(2), LogLevel.INFO, null, "test line", null, removed, "test", "d2", "i2"),
				new LogLine(T0.plusSeconds(3), LogLevel.INFO, null, "other line", null, other, "dev", "d3", "i3")));
		this.store.refresh();

		long deleted = this.store.deleteService(removed);
		this.store.refresh();

		assertThat(deleted).isIn(2L, -1L);
		assertThat(search(LogQuery.all().withService(removed)).lines()).isEmpty();
		assertThat(messages(search(LogQuery.all().withService(other)))).containsExactly("other line");
	}

	@Test
	void appendsAndSearchesRunConcurrently() throws Exception {
		String service = unique("concurrent");
		ExecutorService pool = Executors.newFixedThreadPool(3);
		AtomicBoolean writing = new AtomicBoolean(true);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int w = 0; w < 2; w++) {
				int writer = w;
				writers.add(pool.submit(() -> {
					for (int batch = 0; batch < 20; batch++) {
						List<LogLine> lines = new ArrayList<>();
						for (int i = 0; i < 50; i++) {
							lines.add(line(service, batch, LogLevel.INFO, "w" + writer + " b" + batch + " n" + i));
						}
						this.store.append(lines);
					}
				}));
			}
			Future<Integer> reader = pool.submit(() -> {
				int searches = 0;
				while (writing.get()) {
					LogPage page = search(LogQuery.all().withService(service).withLimit(10));
					assertThat(page.lines().size()).isLessThanOrEqualTo(10);
					searches++;
				}
				return searches;
			});
			for (Future<?> writer : writers) {
				writer.get();
			}
			writing.set(false);
			assertThat(reader.get()).isPositive();
		}
		finally {
			pool.shutdownNow();
		}
		this.store.refresh();
		int total = 0;
		LogQuery query = LogQuery.all().withService(service).withLimit(1000);
		LogPage page = search(query);
		total += page.lines().size();
		while (page.hasMore()) {
			page = search(query.withCursor(page.nextCursor()));
			total += page.lines().size();
		}
		assertThat(total).isEqualTo(2000);
	}

}
