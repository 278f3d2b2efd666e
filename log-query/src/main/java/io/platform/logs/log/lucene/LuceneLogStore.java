package io.platform.logs.log.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.platform.logs.log.LogCursor;
import io.platform.logs.log.LogLevel;
import io.platform.logs.log.LogLine;
import io.platform.logs.log.LogPage;
import io.platform.logs.log.LogQuery;
import io.platform.logs.log.LogStore;
import io.platform.logs.log.LogStoreException;
import io.platform.logs.log.MessageQueryParser;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded log store: one Lucene index in a directory. Appends go to a shared {@link IndexWriter}. A
 * search never sees a searcher older than 200 ms: a background thread reopens it every 200 ms while searches
 * come in (live tails), and a search after a quiet spell reopens it first. The same thread commits every few
 * seconds and enforces the {@link LogRetention}.
 */
public class LuceneLogStore implements LogStore {

	private static final Logger log = LoggerFactory.getLogger(LuceneLogStore.class);

	static final String TIMESTAMP = "timestamp";

	static final String SEQUENCE = "seq";

	static final String LEVEL = "level";

	static final String LOGGER = "logger";

	static final String MESSAGE = MessageQueryParser.FIELD;

	static final String TRACE_ID = "traceId";

	static final String SERVICE = "service";

	static final String ENV = "env";

	static final String DEPLOYMENT_ID = "deploymentId";

	static final String INSTANCE = "instance";

	private static final long REFRESH_MILLIS = 200;

	private static final long COMMIT_MILLIS = 5_000;

	// Reopening flushes a small segment, and many small segments cost merging: reopen on schedule only
	// while someone searches (a live tail), else let the first search reopen a stale searcher.
	private static final long SEARCHED_RECENTLY_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final Sort NEWEST_FIRST = new Sort(new SortField(TIMESTAMP, SortField.Type.LONG, true),
			new SortField(SEQUENCE, SortField.Type.LONG, true));

	private final Path path;

	private final LogRetention retention;

	private final Clock clock;

	private final Directory directory;

	private final Analyzer analyzer = new StandardAnalyzer();

	private final ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final AtomicLong sequence;

	private final ScheduledExecutorService background;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Object retentionLock = new Object();

	private volatile long lastSearch = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);

	private volatile long lastRefresh = System.nanoTime();

	public LuceneLogStore(Path path, LogRetention retention) {
		this(path, retention, Clock.systemUTC());
	}

	LuceneLogStore(Path path, LogRetention retention, Clock clock) {
		this.path = path;
		this.retention = retention;
		this.clock = clock;
		try {
			this.directory = FSDirectory.open(path);
			IndexWriterConfig config = new IndexWriterConfig(this.analyzer);
			config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
			config.setRAMBufferSizeMB(48);
			config.setCommitOnClose(true);
			config.setMergeScheduler(this.merges);
			this.writer = new IndexWriter(this.directory, config);
			this.searchers = new SearcherManager(this.writer, null);
			this.sequence = new AtomicLong(highestSequence());
		}
		catch (IOException ex) {
			throw new LogStoreException("Cannot open the log index in " + path, ex);
		}
		this.background = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "log-index");
			thread.setDaemon(true);
			return thread;
		});
		this.background.scheduleWithFixedDelay(this::reopen, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
		this.background.scheduleWithFixedDelay(this::commitChanges, COMMIT_MILLIS, COMMIT_MILLIS,
				TimeUnit.MILLISECONDS);
		if (retention.limitsSomething()) {
			long every = retention.checkEvery().toMillis();
			this.background.scheduleWithFixedDelay(this::enforceRetentionQuietly, every, every, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void append(List<LogLine> lines) {
		if (lines.isEmpty()) {
			return;
		}
		List<Document> documents = new ArrayList<>(lines.size());
		for (LogLine line : lines) {
			documents.add(document(line, this.sequence.incrementAndGet()));
		}
		try {
			this.writer.addDocuments(documents);
		}
		catch (IOException | RuntimeException ex) {
			throw new LogStoreException("Cannot add " + lines.size() + " lines to the log index in " + this.path, ex);
		}
	}

	@Override
	public LogPage search(LogQuery query) {
		Query lucene = toLucene(query);
		LogCursor after = query.after();
		this.lastSearch = System.nanoTime();
		if (System.nanoTime() - this.lastRefresh > TimeUnit.MILLISECONDS.toNanos(REFRESH_MILLIS)) {
			refresh();
		}
		IndexSearcher searcher = acquire();
		try {
			int wanted = query.limit() + 1;
			TopFieldDocs top = (after != null)
					? searcher.searchAfter(
							// (timestamp, sequence) is unique, so the doc id tie-break never decides; it must only be in range
							new FieldDoc(searcher.getIndexReader().maxDoc() - 1, Float.NaN, new Object[] { after.timestamp(), after.sequence() }),
							lucene, wanted, NEWEST_FIRST, false)
					: searcher.search(lucene, wanted, NEWEST_FIRST);
			StoredFields stored = searcher.storedFields();
			List<LogLine> lines = new ArrayList<>();
			int count = Math.min(query.limit(), top.scoreDocs.length);
			for (int i = 0; i < count; i++) {
				lines.add(line(stored.document(top.scoreDocs[i].doc)));
			}
			String next = null;
			if (top.scoreDocs.length > query.limit()) {
				FieldDoc last = (FieldDoc) top.scoreDocs[count - 1];
				next = new LogCursor((Long) last.fields[0], (Long) last.fields[1]).encode();
			}
			return new LogPage(lines, next);
		}
		catch (IOException ex) {
			throw new LogStoreException("Cannot search the log index in " + this.path, ex);
		}
		finally {
			release(searcher);
		}
	}

	@Override
	public void refresh() {
		try {
			this.searchers.maybeRefreshBlocking();
			this.lastRefresh = System.nanoTime();
		}
		catch (IOException ex) {
			throw new LogStoreException("Cannot refresh the log index in " + this.path, ex);
		}
	}

	@Override
	public long deleteDeployment(String deploymentId) {
		return deleteMatching(new TermQuery(new Term(DEPLOYMENT_ID, deploymentId)), "deployment " + deploymentId);
	}

	@Override
	public long deleteService(String service) {
		return deleteMatching(new TermQuery(new Term(SERVICE, service)), "service " + service);
	}

	private long deleteMatching(Query query, String what) {
		try {
			long deleted = count(query);
			this.writer.deleteDocuments(query);
			refresh();
			return deleted;
		}
		catch (IOException ex) {
			throw new LogStoreException("Cannot delete the lines of " + what, ex);
		}
	}

	/**
	 * Deletes lines older than the retention's age, then the oldest lines while the index is larger than its
	 * size limit. Runs on its own every {@link LogRetention#checkEvery()}.
	 * @return how many lines were deleted
	 */
	public long enforceRetention() {
		synchronized (this.retentionLock) {
			try {
				long deleted = 0;
				if (this.retention.maxAge() != null) {
					long cutoff = Instant.now(this.clock).minus(this.retention.maxAge()).toEpochMilli();
					deleted += delete(LongPoint.newRangeQuery(TIMESTAMP, Long.MIN_VALUE, cutoff - 1));
				}
				if (this.retention.maxBytes() > 0) {
					deleted += shrinkToSize(this.retention.maxBytes());
				}
				return deleted;
			}
			catch (IOException ex) {
				throw new LogStoreException("Cannot enforce retention on the log index in " + this.path, ex);
			}
		}
	}

	/**
	 * Bytes the index's last commit takes on disk (what stays after a restart; merges in flight and files
	 * about to be deleted are not counted).
	 */
	public long sizeOnDisk() {
		try {
			long size = 0;
			for (String file : SegmentInfos.readLatestCommit(this.directory).files(true)) {
				try {
					size += this.directory.fileLength(file);
				}
				catch (NoSuchFileException ex) {
					// merged away meanwhile
				}
			}
			return size;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.background.shutdownNow();
		try {
			this.background.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try (this.directory; this.analyzer; this.writer; this.searchers) {
			// closed in reverse order: searchers, writer (commits), analyzer, directory
		}
		catch (IOException ex) {
			throw new LogStoreException("Cannot close the log index in " + this.path, ex);
		}
	}

	private long shrinkToSize(long maxBytes) throws IOException {
		long deleted = 0;
		// Deleted lines free space only once merged away, so shrink in a few rounds, each aiming a little low.
		for (int round = 0; round < 5; round++) {
			this.writer.commit();
			refresh();
			// files of merged-away segments go once no searcher holds them
			this.writer.deleteUnusedFiles();
			long size = sizeOnDisk();
			if (size <= maxBytes) {
				break;
			}
			IndexSearcher searcher = acquire();
			try {
				int live = searcher.getIndexReader().numDocs();
				if (live == 0) {
					break;
				}
				double excess = Math.min(1.0, 1.0 - (double) maxBytes / size + 0.05);
				long toDelete = Math.max(1, (long) Math.ceil(live * excess));
				long cutoff = oldestCutoff(searcher, toDelete);
				deleted += delete(LongPoint.newRangeQuery(TIMESTAMP, Long.MIN_VALUE, cutoff));
			}
			finally {
				release(searcher);
			}
			// Deletes count for merging once a commit applies them; that commit may already start the
			// merge, which forceMergeDeletes then leaves running, so wait for every merge thread.
			this.writer.commit();
			this.writer.forceMergeDeletes(true);
			this.merges.sync();
		}
		return deleted;
	}

	/** The smallest timestamp t such that at least {@code count} lines are at or before t. */
	private static long oldestCutoff(IndexSearcher searcher, long count) throws IOException {
		byte[] min = PointValues.getMinPackedValue(searcher.getIndexReader(), TIMESTAMP);
		byte[] max = PointValues.getMaxPackedValue(searcher.getIndexReader(), TIMESTAMP);
		long low = LongPoint.decodeDimension(min, 0);
		long high = LongPoint.decodeDimension(max, 0);
		while (low < high) {
			long middle = low + (high - low) / 2;
			if (searcher.count(LongPoint.newRangeQuery(TIMESTAMP, Long.MIN_VALUE, middle)) >= count) {
				high = middle;
			}
			else {
				low = middle + 1;
			}
		}
		return low;
	}

	private long delete(Query query) throws IOException {
		long count = count(query);
		if (count > 0) {
			this.writer.deleteDocuments(query);
			refresh();
			log.info("Deleted {} log lines from {} by retention", count, this.path);
		}
		return count;
	}

	private long count(Query query) throws IOException {
		refresh();
		IndexSearcher searcher = acquire();
		try {
			return searcher.count(query);
		}
		finally {
			release(searcher);
		}
	}

	private Query toLucene(LogQuery query) {
		BooleanQuery.Builder bool = new BooleanQuery.Builder();
		boolean any = false;
		any |= term(bool, SERVICE, query.service());
		any |= term(bool, ENV, query.env());
		any |= term(bool, DEPLOYMENT_ID, query.deploymentId());
		any |= term(bool, TRACE_ID, query.traceId());
		if (query.level() != null) {
			BooleanQuery.Builder levels = new BooleanQuery.Builder();
			for (LogLevel level : query.level().andAbove()) {
				levels.add(new TermQuery(new Term(LEVEL, level.name())), Occur.SHOULD);
			}
			bool.add(levels.build(), Occur.FILTER);
			any = true;
		}
		if (query.from() != null || query.to() != null) {
			long from = (query.from() != null) ? query.from().toEpochMilli() : Long.MIN_VALUE;
			long to = (query.to() != null) ? query.to().toEpochMilli() - 1 : Long.MAX_VALUE;
			bool.add(LongPoint.newRangeQuery(TIMESTAMP, from, to), Occur.FILTER);
			any = true;
		}
		if (query.q() != null) {
			bool.add(MessageQueryParser.parse(query.q(), MESSAGE, this.analyzer), Occur.MUST);
			any = true;
		}
		return any ? bool.build() : new MatchAllDocsQuery();
	}

	private static boolean term(BooleanQuery.Builder bool, String field, String value) {
		if (value == null) {
			return false;
		}
		bool.add(new TermQuery(new Term(field, value)), Occur.FILTER);
		return true;
	}

	private static Document document(LogLine line, long sequence) {
		Document document = new Document();
		long millis = line.timestamp().toEpochMilli();
		document.add(new LongPoint(TIMESTAMP, millis));
		document.add(new NumericDocValuesField(TIMESTAMP, millis));
		document.add(new StoredField(TIMESTAMP, millis));
		document.add(new NumericDocValuesField(SEQUENCE, sequence));
		document.add(new StringField(LEVEL, line.level().name(), Field.Store.YES));
		document.add(new TextField(MESSAGE, line.message(), Field.Store.YES));
		if (line.logger() != null) {
			document.add(new StoredField(LOGGER, line.logger()));
		}
		keyword(document, TRACE_ID, line.traceId());
		keyword(document, SERVICE, line.service());
		keyword(document, ENV, line.env());
		keyword(document, DEPLOYMENT_ID, line.deploymentId());
		keyword(document, INSTANCE, line.instance());
		return document;
	}

	private static void keyword(Document document, String field, String value) {
		if (value != null) {
			document.add(new StringField(field, value, Field.Store.YES));
		}
	}

	private static LogLine line(Document document) {
		return new LogLine(Instant.ofEpochMilli(document.getField(TIMESTAMP).numericValue().longValue()),
				LogLevel.valueOf(document.get(LEVEL)), document.get(LOGGER), document.get(MESSAGE),
				document.get(TRACE_ID), document.get(SERVICE), document.get(ENV), document.get(DEPLOYMENT_ID),
				document.get(INSTANCE));
	}

	private long highestSequence() throws IOException {
		IndexSearcher searcher = acquire();
		try {
			TopFieldDocs top = searcher.search(new MatchAllDocsQuery(), 1,
					new Sort(new SortField(SEQUENCE, SortField.Type.LONG, true)));
			if (top.scoreDocs.length == 0) {
				return 0;
			}
			ScoreDoc first = top.scoreDocs[0];
			return (Long) ((FieldDoc) first).fields[0];
		}
		finally {
			release(searcher);
		}
	}

	private IndexSearcher acquire() {
		try {
			return this.searchers.acquire();
		}
		catch (IOException ex) {
			throw new LogStoreException("Cannot open a searcher on the log index in " + this.path, ex);
		}
	}

	private void release(IndexSearcher searcher) {
		try {
			this.searchers.release(searcher);
		}
		catch (IOException ex) {
			log.warn("Cannot release a searcher on {}", this.path, ex);
		}
	}

	private void reopen() {
		if (System.nanoTime() - this.lastSearch > SEARCHED_RECENTLY_NANOS) {
			return;
		}
		try {
			if (this.searchers.maybeRefresh()) {
				this.lastRefresh = System.nanoTime();
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Cannot reopen the log index in {}", this.path, ex);
		}
	}

	private void commitChanges() {
		try {
			if (this.writer.hasUncommittedChanges()) {
				this.writer.commit();
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Cannot commit the log index in {}", this.path, ex);
		}
	}

	private void enforceRetentionQuietly() {
		try {
			enforceRetention();
		}
		catch (RuntimeException ex) {
			log.warn("Retention of the log index in {} failed", this.path, ex);
		}
	}

}
