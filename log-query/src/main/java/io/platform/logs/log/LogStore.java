package io.platform.logs.log;

import java.io.Closeable;
import java.util.List;

/**
 * Where deployments' log lines are kept and searched. Implementations: an embedded Lucene index (the
 * default) and Elasticsearch. All methods are safe to call from several threads at once.
 */
public interface LogStore extends Closeable {

	/**
	 * Stores a batch of lines. Send lines in batches (hundreds at a time): one call per line is much slower.
	 * A line appended is found by {@link #search} within 1 second, without calling {@link #refresh()}.
	 * @throws LogStoreException when the store cannot take the lines
	 */
	void append(List<LogLine> lines);

	/**
	 * Lines matching {@code query}, newest first, at most {@link LogQuery#limit()} of them, and a cursor to
	 * the next (older) page.
	 * @throws LogQuerySyntaxException when {@link LogQuery#q()} is not valid query syntax
	 * @throws IllegalArgumentException when the cursor was not made by this store
	 * @throws LogStoreException when the store cannot be searched
	 */
	LogPage search(LogQuery query);

	/** Makes every line appended so far searchable now, instead of within the usual second. */
	void refresh();

	/**
	 * Deletes every line of a deployment.
	 * @return how many lines were deleted, or -1 when the store cannot tell
	 */
	long deleteDeployment(String deploymentId);

	/**
	 * Deletes every line this platform shipped for a service, in every environment (a service that is
	 * removed). Lines that other shippers wrote under the same name are left alone.
	 * @return how many lines were deleted, or -1 when the store cannot tell
	 */
	long deleteService(String service);

	/** Flushes what is pending and releases files, threads and connections. */
	@Override
	void close();

}
