package io.platform.logs.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.platform.logs.log.elasticsearch.ElasticsearchLogSettings;
import io.platform.logs.log.elasticsearch.ElasticsearchLogStore;
import io.platform.logs.log.elasticsearch.ElasticsearchNode;
import io.platform.logs.log.lucene.LogRetention;
import io.platform.logs.log.lucene.LuceneLogStore;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * Log store benchmarks (run by bench/logs.sh): ingest rate against baselines measured in the same run,
 * trace-id lookup latency at N lines, and the time from append to searchable.
 *
 * <p>
 * Arguments: work directory, Lucene lines, Elasticsearch lines (0 skips Elasticsearch), lookups.
 */
public final class LogsBenchmark {

	private static final int BATCH = 1000;

	private static final String[] SERVICES = { "orders", "billing", "gateway", "inventory", "users", "search",
			"shipping", "notify", "reports", "auth" };

	private static final String[] ENVS = { "dev", "test", "pre", "prod" };

	private static final String[] LOGGERS = { "c.e.orders.OrderController", "o.s.web.servlet.DispatcherServlet",
			"com.zaxxer.hikari.pool.HikariPool", "c.e.billing.PaymentGateway", "o.h.engine.jdbc.spi.SqlExceptionHelper" };

	private LogsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Path.of(args[0]);
		int luceneLines = Integer.parseInt(args[1]);
		int esLines = Integer.parseInt(args[2]);
		int lookups = Integer.parseInt(args[3]);
		Instant start = Instant.now().minus(Duration.ofDays(1));
		System.out.printf("Generating %,d lines...%n", Math.max(luceneLines, esLines));
		List<List<LogLine>> batches = generate(Math.max(luceneLines, esLines), start);
		System.out.printf("cores: %d, max heap: %d MB%n", Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() >> 20);

		if (luceneLines > 0) {
			List<List<LogLine>> luceneBatches = batches.subList(0, luceneLines / BATCH);
			// warm the JIT up on every path before measuring
			List<List<LogLine>> warmUp = batches.subList(0, Math.min(batches.size(), 100));
			plainFile(work, warmUp);
			messageOnly(work.resolve("warm-up"), warmUp);
			try (LuceneLogStore store = new LuceneLogStore(work.resolve("warm-up-store"), LogRetention.none())) {
				ingest(store, warmUp, 2);
			}
			report("baseline: same lines as text to a file (1 thread)", luceneLines, plainFile(work, luceneBatches));
			report("baseline: Lucene, message field only (1 thread)", luceneLines, messageOnly(work, luceneBatches));
			try (LuceneLogStore one = new LuceneLogStore(work.resolve("lucene-1thread"), LogRetention.none())) {
				report("LuceneLogStore.append (1 thread)", luceneLines, ingest(one, luceneBatches, 1));
			}
			try (LuceneLogStore store = new LuceneLogStore(work.resolve("lucene"), LogRetention.none())) {
				report("LuceneLogStore.append (2 threads)", luceneLines, ingest(store, luceneBatches, 2));
				store.refresh();
				System.out.printf("Lucene index: %,d lines, %,d MB on disk%n", luceneLines, store.sizeOnDisk() >> 20);
				lookups("LuceneLogStore trace-id lookup", store, luceneBatches, lookups);
				visibility("LuceneLogStore append->searchable", store, 50);
			}
		}
		if (esLines > 0) {
			try (ElasticsearchNode node = ElasticsearchNode.start(work.resolve("es"));
					ElasticsearchLogStore store = new ElasticsearchLogStore(ElasticsearchLogSettings.of(node.uri()))) {
				List<List<LogLine>> esBatches = batches.subList(0, esLines / BATCH);
				report("ElasticsearchLogStore.append (2 threads)", esLines, ingest(store, esBatches, 2));
				store.refresh();
				lookups("ElasticsearchLogStore trace-id lookup", store, esBatches, lookups);
				visibility("ElasticsearchLogStore append->searchable", store, 30);
			}
		}
	}

	private static List<List<LogLine>> generate(int lines, Instant start) {
		Random random = new Random(42);
		List<List<LogLine>> batches = new ArrayList<>();
		List<LogLine> batch = new ArrayList<>(BATCH);
		for (int n = 0; n < lines; n++) {
			int service = (n / 7) % SERVICES.length;
			int env = (n / 70) % ENVS.length;
			// about five lines per trace, as a request logs a few lines
			String traceId = traceId(n / 5);
			int roll = random.nextInt(100);
			LogLevel level = (roll < 3) ? LogLevel.ERROR : (roll < 10) ? LogLevel.WARN : (roll < 15) ? LogLevel.DEBUG
					: LogLevel.INFO;
			String message = switch (random.nextInt(5)) {
				case 0 -> "Completed GET /api/orders/" + random.nextInt(100_000) + " 200 OK in " + random.nextInt(900) + " ms";
				case 1 -> "Creating order " + n + " for customer " + random.nextInt(50_000) + " with " + (1 + random.nextInt(9)) + " items";
				case 2 -> "Read timeout on payment gateway, will retry (attempt " + (1 + random.nextInt(3)) + ")";
				case 3 -> "HikariPool-1 - Connection is not available, request timed out after 30000ms.";
				default -> "Cache miss for key product:" + random.nextInt(1_000_000) + ", loading from database";
			};
			if (level == LogLevel.ERROR && n % 10 == 0) {
				message += "\njava.lang.IllegalStateException: stock is empty\n\tat c.e.Stock.take(Stock.java:42)"
						+ "\n\tat c.e.OrderController.create(OrderController.java:17)\n\t... 87 more";
			}
			batch.add(new LogLine(start.plusMillis(50L * n), level, LOGGERS[n % LOGGERS.length], message, traceId,
					SERVICES[service], ENVS[env], SERVICES[service] + "-" + ENVS[env] + "-17",
					SERVICES[service] + "-" + (n % 3)));
			if (batch.size() == BATCH) {
				batches.add(batch);
				batch = new ArrayList<>(BATCH);
			}
		}
		return batches;
	}

	private static String traceId(int trace) {
		long high = trace * 0x9E3779B97F4A7C15L;
		return Long.toHexString(high | 1L << 63) + Long.toHexString((high ^ 0x5DEECE66DL) | 1L << 62);
	}

	private static long plainFile(Path work, List<List<LogLine>> batches) throws IOException {
		Path file = work.resolve("baseline.log");
		long started = System.nanoTime();
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			for (List<LogLine> batch : batches) {
				for (LogLine line : batch) {
					out.write(line.timestamp() + " " + line.level() + " [" + line.service() + "," + line.env() + ","
							+ line.deploymentId() + "," + line.instance() + "] [TID:" + line.traceId() + "] "
							+ line.logger() + " - " + line.message());
					out.newLine();
				}
			}
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
		return System.nanoTime() - started;
	}

	private static long messageOnly(Path work, List<List<LogLine>> batches) throws IOException {
		long started = System.nanoTime();
		IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
		config.setRAMBufferSizeMB(48);
		try (FSDirectory directory = FSDirectory.open(work.resolve("message-only"));
				IndexWriter writer = new IndexWriter(directory, config)) {
			for (List<LogLine> batch : batches) {
				List<Document> documents = new ArrayList<>(batch.size());
				for (LogLine line : batch) {
					Document document = new Document();
					document.add(new TextField("message", line.message(), Field.Store.NO));
					documents.add(document);
				}
				writer.addDocuments(documents);
			}
			writer.commit();
		}
		return System.nanoTime() - started;
	}

	private static long ingest(LogStore store, List<List<LogLine>> batches, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger next = new AtomicInteger();
		long started = System.nanoTime();
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
						store.append(batches.get(i));
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
			store.refresh();
			return System.nanoTime() - started;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void lookups(String name, LogStore store, List<List<LogLine>> batches, int count) {
		Random random = new Random(7);
		int lines = batches.size() * BATCH;
		for (int i = 0; i < 200; i++) {
			store.search(LogQuery.all().withTraceId(traceId(random.nextInt(lines / 5))));
		}
		long[] nanos = new long[count];
		int found = 0;
		for (int i = 0; i < count; i++) {
			LogLine target = batches.get(random.nextInt(batches.size())).get(random.nextInt(BATCH));
			long started = System.nanoTime();
			LogPage page = store.search(LogQuery.all().withTraceId(target.traceId()).withEnv(target.env()));
			nanos[i] = System.nanoTime() - started;
			found += page.lines().isEmpty() ? 0 : 1;
		}
		Arrays.sort(nanos);
		System.out.printf("%-45s %,d lines, %d lookups (%d found): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
				name, lines, count, found, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), nanos[count - 1] / 1e6);
	}

	private static void visibility(String name, LogStore store, int count) throws InterruptedException {
		long[] nanos = new long[count];
		for (int i = 0; i < count; i++) {
			String traceId = "visible-" + System.nanoTime();
			store.append(List.of(new LogLine(Instant.now(), LogLevel.INFO, null, "visibility probe", traceId, "bench",
					"test", "d1", "i1")));
			long started = System.nanoTime();
			while (store.search(LogQuery.all().withTraceId(traceId)).lines().isEmpty()) {
				Thread.sleep(2);
			}
			nanos[i] = System.nanoTime() - started;
			Thread.sleep(37);
		}
		Arrays.sort(nanos);
		System.out.printf("%-45s %d probes: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", name, count, ms(nanos, 0.50),
				ms(nanos, 0.95), nanos[count - 1] / 1e6);
	}

	private static double ms(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
	}

	private static void report(String name, int lines, long nanos) {
		System.out.printf("%-45s %,d lines in %.1f s = %,.0f lines/s%n", name, lines, nanos / 1e9, lines / (nanos / 1e9));
	}

}
