package io.platform.logs.log.elasticsearch;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where the Elasticsearch log store writes and reads.
 *
 * @param uris the cluster's HTTP addresses ({@code platform.logs.elasticsearch.uris})
 * @param username basic authentication user, or {@code null}
 * @param password basic authentication password, or {@code null}
 * @param indexPrefix daily indices are {@code <prefix>-yyyy.MM.dd}; {@code logs-platform} by default
 * @param extraSearchIndices more index patterns to search, where others ship logs with the same ECS fields
 * (for example {@code filebeat-*})
 * @param maxAge daily indices older than this are deleted; {@code null} keeps them
 * @param timeout how long a node has to answer a request, at most 5 s of it to accept the connection;
 * {@code null}: 30 s
 */
public record ElasticsearchLogSettings(List<URI> uris, String username, String password, String indexPrefix,
		List<String> extraSearchIndices, Duration maxAge, Duration timeout) {

	public static final String DEFAULT_PREFIX = "logs-platform";

	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	public ElasticsearchLogSettings {
		timeout = (timeout == null || timeout.isNegative() || timeout.isZero()) ? DEFAULT_TIMEOUT : timeout;
		if (uris == null || uris.isEmpty()) {
			throw new IllegalArgumentException("At least one Elasticsearch URI is needed");
		}
		uris = List.copyOf(uris);
		indexPrefix = (indexPrefix == null || indexPrefix.isBlank()) ? DEFAULT_PREFIX : indexPrefix;
		extraSearchIndices = (extraSearchIndices != null) ? List.copyOf(extraSearchIndices) : List.of();
	}

	public static ElasticsearchLogSettings of(URI... uris) {
		return new ElasticsearchLogSettings(List.of(uris), null, null, null, null, null, null);
	}

	public ElasticsearchLogSettings withExtraSearchIndices(String... patterns) {
		return new ElasticsearchLogSettings(this.uris, this.username, this.password, this.indexPrefix,
				List.of(patterns), this.maxAge, this.timeout);
	}

	public ElasticsearchLogSettings withIndexPrefix(String prefix) {
		return new ElasticsearchLogSettings(this.uris, this.username, this.password, prefix, this.extraSearchIndices,
				this.maxAge, this.timeout);
	}

	public ElasticsearchLogSettings withMaxAge(Duration age) {
		return new ElasticsearchLogSettings(this.uris, this.username, this.password, this.indexPrefix,
				this.extraSearchIndices, age, this.timeout);
	}

	public ElasticsearchLogSettings withTimeout(Duration timeout) {
		return new ElasticsearchLogSettings(this.uris, this.username, this.password, this.indexPrefix,
				this.extraSearchIndices, this.maxAge, timeout);
	}

}
