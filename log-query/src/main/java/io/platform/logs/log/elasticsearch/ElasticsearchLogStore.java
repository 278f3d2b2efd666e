package io.platform.logs.log.elasticsearch;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.platform.logs.log.LogCursor;
import io.platform.logs.log.LogLevel;
import io.platform.logs.log.LogLine;
import io.platform.logs.log.LogPage;
import io.platform.logs.log.LogQuery;
import io.platform.logs.log.LogQuerySyntaxException;
import io.platform.logs.log.LogStore;
import io.platform.logs.log.LogStoreException;
import io.platform.logs.log.MessageQueryParser;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log store in Elasticsearch: ECS-style documents ({@code @timestamp}, {@code log.level}, {@code log.logger},
 * {@code message}, {@code trace.id}, {@code service.name}, {@code service.environment},
 * {@code service.node.name}, {@code labels.deployment_id}) in daily indices {@code <prefix>-yyyy.MM.dd},
 * so Kibana and logs shipped by Filebeat with the same fields work alongside. Plain indices and an index
 * template, no ILM or data streams, so it also runs on clusters without X-Pack.
 */
public class ElasticsearchLogStore implements LogStore {

	static final String TIMESTAMP = "@timestamp";

	static final String LEVEL = "log.level";

	static final String LOGGER = "log.logger";

	static final String MESSAGE = "message";

	static final String TRACE_ID = "trace.id";

	static final String SERVICE = "service.name";

	static final String ENV = "service.environment";

	static final String INSTANCE = "service.node.name";

	static final String DEPLOYMENT_ID = "labels.deployment_id";

	static final String SEQUENCE = "event.sequence";

	private static final Logger logger = LoggerFactory.getLogger(ElasticsearchLogStore.class);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

	private static final Pattern COLUMN = Pattern.compile("line \\d+, column (\\d+)");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final ElasticsearchLogSettings settings;

	private final RestClientTransport transport;

	private final ElasticsearchClient client;

	private final List<String> searchIndices;

	private final ScheduledExecutorService retention;

	// Orders lines of the same millisecond; starts from the clock so a restarted platform keeps counting up.
	private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

	public ElasticsearchLogStore(ElasticsearchLogSettings settings) {
		this.settings = settings;
		HttpHost[] hosts = settings.uris()
			.stream()
			.map((uri) -> new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme()))
			.toArray(HttpHost[]::new);
		RestClientBuilder builder = RestClient.builder(hosts);
		long timeout = settings.timeout().toMillis();
		builder.setRequestConfigCallback((config) -> config.setConnectTimeout((int) Math.min(timeout, 5_000))
			.setSocketTimeout((int) Math.min(timeout, Integer.MAX_VALUE)));
		if (settings.username() != null) {
			BasicCredentialsProvider credentials = new BasicCredentialsProvider();
			credentials.setCredentials(AuthScope.ANY,
					new UsernamePasswordCredentials(settings.username(), settings.password()));
			builder.setHttpClientConfigCallback((http) -> http.setDefaultCredentialsProvider(credentials));
		}
		this.transport = new RestClientTransport(builder.build(), new JacksonJsonpMapper(JSON));
		this.client = new ElasticsearchClient(this.transport);
		List<String> indices = new ArrayList<>();
		indices.add(settings.indexPrefix() + "-*");
		indices.addAll(settings.extraSearchIndices());
		this.searchIndices = List.copyOf(indices);
		putIndexTemplate();
		if (settings.maxAge() != null) {
			this.retention = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "log-retention");
				thread.setDaemon(true);
				return thread;
			});
			this.retention.scheduleWithFixedDelay(this::enforceRetentionQuietly, 1, 60, TimeUnit.MINUTES);
		}
		else {
			this.retention = null;
		}
	}

	@Override
	public void append(List<LogLine> lines) {
		if (lines.isEmpty()) {
			return;
		}
		BulkRequest.Builder bulk = new BulkRequest.Builder();
		for (LogLine line : lines) {
			ObjectNode document = document(line, this.sequence.incrementAndGet());
			String index = indexFor(line.timestamp());
			bulk.operations((op) -> op.index((index1) -> index1.index(index).document(document)));
		}
		try {
			BulkResponse response = this.client.bulk(bulk.build());
			if (response.errors()) {
				String reason = response.items()
					.stream()
					.map(BulkResponseItem::error)
					.filter((error) -> error != null)
					.map(ErrorCause::reason)
					.findFirst()
					.orElse("unknown");
				throw new LogStoreException("Elasticsearch rejected some of " + lines.size() + " lines: " + reason,
						null);
			}
		}
		catch (IOException | ElasticsearchException ex) {
			throw new LogStoreException("Cannot send " + lines.size() + " lines to Elasticsearch", ex);
		}
	}

	@Override
	public LogPage search(LogQuery query) {
		if (query.q() != null) {
			// Same parser family as query_string: reject bad syntax here, with the position.
			MessageQueryParser.validate(query.q());
		}
		LogCursor after = query.after();
		SearchRequest.Builder request = new SearchRequest.Builder().index(this.searchIndices)
			.ignoreUnavailable(true)
			.allowNoIndices(true)
			.query(toElasticsearch(query))
			.sort((sort) -> sort.field((field) -> field.field(TIMESTAMP).order(SortOrder.Desc)))
			.sort((sort) -> sort.field((field) -> field.field(SEQUENCE)
				.order(SortOrder.Desc)
				.missing("_last")
				.unmappedType(FieldType.Long)))
			.size(query.limit() + 1)
			.trackTotalHits((track) -> track.enabled(false));
		if (after != null) {
			request.searchAfter(FieldValue.of(after.timestamp()), FieldValue.of(after.sequence()));
		}
		try {
			SearchResponse<ObjectNode> response = this.client.search(request.build(), ObjectNode.class);
			List<Hit<ObjectNode>> hits = response.hits().hits();
			List<LogLine> lines = new ArrayList<>();
			int count = Math.min(query.limit(), hits.size());
			for (int i = 0; i < count; i++) {
				lines.add(line(hits.get(i).source()));
			}
			String next = null;
			if (hits.size() > query.limit()) {
				List<FieldValue> sort = hits.get(count - 1).sort();
				next = new LogCursor(sort.get(0).longValue(), sort.get(1).longValue()).encode();
			}
			return new LogPage(lines, next);
		}
		catch (ElasticsearchException ex) {
			throw translate(query, ex);
		}
		catch (IOException ex) {
			throw new LogStoreException("Cannot search Elasticsearch", ex);
		}
	}

	@Override
	public void refresh() {
		try {
			this.client.indices()
				.refresh((refresh) -> refresh.index(this.searchIndices).ignoreUnavailable(true).allowNoIndices(true));
		}
		catch (IOException | ElasticsearchException ex) {
			throw new LogStoreException("Cannot refresh the Elasticsearch log indices", ex);
		}
	}

	/**
	 * Deletes the deployment's lines page by page with bulk deletes: delete-by-query lives in the reindex
	 * module, which not every cluster has.
	 */
	@Override
	public long deleteDeployment(String deploymentId) {
		return deleteMatching(Query.of((q) -> q.term((term) -> term.field(DEPLOYMENT_ID).value(deploymentId))),
				"deployment " + deploymentId);
	}

	@Override
	public long deleteService(String service) {
		// Only what this platform shipped (it labels every line with its deployment), not others' lines.
		return deleteMatching(Query.of((q) -> q.bool((bool) -> bool
			.filter((f) -> f.term((term) -> term.field(SERVICE).value(service)))
			.filter((f) -> f.exists((exists) -> exists.field(DEPLOYMENT_ID))))), "service " + service);
	}

	/**
	 * Search and bulk delete, page by page: _delete_by_query lives in the reindex module, which a minimal
	 * node does not have.
	 */
	private long deleteMatching(Query query, String what) {
		long deleted = 0;
		try {
			refresh();
			while (true) {
				SearchResponse<Void> page = this.client.search((search) -> search
					.index(this.settings.indexPrefix() + "-*")
					.ignoreUnavailable(true)
					.allowNoIndices(true)
					.query(query)
					.source((source) -> source.fetch(false))
					.size(1000), Void.class);
				List<Hit<Void>> hits = page.hits().hits();
				if (hits.isEmpty()) {
					return deleted;
				}
				BulkRequest.Builder bulk = new BulkRequest.Builder();
				for (Hit<Void> hit : hits) {
					bulk.operations((op) -> op.delete((delete) -> delete.index(hit.index()).id(hit.id())));
				}
				this.client.bulk(bulk.refresh(Refresh.True).build());
				deleted += hits.size();
			}
		}
		catch (IOException | ElasticsearchException ex) {
			throw new LogStoreException("Cannot delete the lines of " + what, ex);
		}
	}

	/**
	 * Deletes the daily indices whose every line is older than the settings' maximum age (whole indices:
	 * far cheaper than deleting documents).
	 * @return the names of the deleted indices
	 */
	public List<String> enforceRetention(Instant now) {
		if (this.settings.maxAge() == null) {
			return List.of();
		}
		Instant cutoff = now.minus(this.settings.maxAge());
		String prefix = this.settings.indexPrefix() + "-";
		try {
			List<String> expired = new ArrayList<>();
			for (String index : this.client.indices()
				.get((get) -> get.index(prefix + "*").ignoreUnavailable(true).allowNoIndices(true))
				.result()
				.keySet()) {
				Instant dayEnd;
				try {
					dayEnd = LocalDate.parse(index.substring(prefix.length()), DAY).plusDays(1)
						.atStartOfDay(ZoneOffset.UTC).toInstant();
				}
				catch (DateTimeParseException ex) {
					continue; // not one of the daily indices
				}
				if (!dayEnd.isAfter(cutoff)) {
					expired.add(index);
				}
			}
			if (!expired.isEmpty()) {
				this.client.indices().delete((delete) -> delete.index(expired));
			}
			return expired;
		}
		catch (IOException | ElasticsearchException ex) {
			throw new LogStoreException("Cannot enforce retention on the indices " + prefix + "*", ex);
		}
	}

	private void enforceRetentionQuietly() {
		try {
			enforceRetention(Instant.now());
		}
		catch (RuntimeException ex) {
			logger.warn("Log retention failed: {}", ex.getMessage());
		}
	}

	@Override
	public void close() {
		if (this.retention != null) {
			this.retention.shutdownNow();
		}
		try {
			this.transport.close();
		}
		catch (IOException ex) {
			throw new LogStoreException("Cannot close the Elasticsearch client", ex);
		}
	}

	private void putIndexTemplate() {
		String prefix = this.settings.indexPrefix();
		// Priority above the built-in "logs" template (logs-*-*, 100) of clusters with X-Pack, which would
		// turn these indices into data streams.
		String body = """
				{
				  "index_patterns": ["%s-*"],
				  "priority": 200,
				  "template": {
				    "settings": {"index.refresh_interval": "500ms"},
				    "mappings": {
				      "dynamic_templates": [
				        {"strings": {"match_mapping_type": "string", "mapping": {"type": "keyword", "ignore_above": 1024}}}
				      ],
				      "properties": {
				        "@timestamp": {"type": "date"},
				        "message": {"type": "text"},
				        "log": {"properties": {"level": {"type": "keyword"}, "logger": {"type": "keyword"}}},
				        "trace": {"properties": {"id": {"type": "keyword"}}},
				        "service": {"properties": {
				          "name": {"type": "keyword"}, "environment": {"type": "keyword"},
				          "node": {"properties": {"name": {"type": "keyword"}}}}},
				        "labels": {"properties": {"deployment_id": {"type": "keyword"}}},
				        "event": {"properties": {"sequence": {"type": "long"}}}
				      }
				    }
				  }
				}
				""".formatted(prefix);
		try {
			this.client.indices()
				.putIndexTemplate(PutIndexTemplateRequest.of((template) -> template.name(prefix)
					.withJson(new StringReader(body))));
		}
		catch (IOException | ElasticsearchException ex) {
			throw new LogStoreException("Cannot install the index template '" + prefix + "' in Elasticsearch", ex);
		}
	}

	private static Query toElasticsearch(LogQuery query) {
		BoolQuery.Builder bool = new BoolQuery.Builder();
		term(bool, SERVICE, query.service());
		term(bool, ENV, query.env());
		term(bool, DEPLOYMENT_ID, query.deploymentId());
		term(bool, TRACE_ID, query.traceId());
		if (query.level() != null) {
			List<FieldValue> spellings = query.level()
				.andAbove()
				.stream()
				.flatMap((level) -> level.spellings().stream())
				.map(FieldValue::of)
				.toList();
			bool.filter((f) -> f.terms((terms) -> terms.field(LEVEL).terms((values) -> values.value(spellings))));
		}
		if (query.from() != null || query.to() != null) {
			bool.filter((f) -> f.range((range) -> range.untyped((untyped) -> {
				untyped.field(TIMESTAMP).format("epoch_millis");
				if (query.from() != null) {
					untyped.gte(JsonData.of(query.from().toEpochMilli()));
				}
				if (query.to() != null) {
					untyped.lt(JsonData.of(query.to().toEpochMilli()));
				}
				return untyped;
			})));
		}
		if (query.q() != null) {
			bool.must((m) -> m.queryString((text) -> text.query(query.q())
				.defaultField(MESSAGE)
				.defaultOperator(Operator.And)
				.allowLeadingWildcard(false)));
		}
		return bool.build()._toQuery();
	}

	private static void term(BoolQuery.Builder bool, String field, String value) {
		if (value != null) {
			bool.filter((f) -> f.term((term) -> term.field(field).value(value)));
		}
	}

	private RuntimeException translate(LogQuery query, ElasticsearchException ex) {
		String reasons = reasons(ex.error());
		if (ex.status() == 400 && query.q() != null && reasons.contains("parse")) {
			Matcher column = COLUMN.matcher(reasons);
			int position = column.find() ? Math.min(query.q().length(), Integer.parseInt(column.group(1))) : 0;
			return new LogQuerySyntaxException(query.q(), position, "Elasticsearch cannot parse it: " + reasons);
		}
		return new LogStoreException("Elasticsearch refused the search: " + reasons, ex);
	}

	private static String reasons(ErrorCause error) {
		StringBuilder text = new StringBuilder();
		for (ErrorCause cause = error; cause != null; cause = cause.causedBy()) {
			text.append(cause.type()).append(": ").append(cause.reason()).append("; ");
			for (ErrorCause root : cause.rootCause()) {
				text.append(root.type()).append(": ").append(root.reason()).append("; ");
			}
		}
		return text.toString();
	}

	private String indexFor(Instant timestamp) {
		return this.settings.indexPrefix() + "-" + DAY.format(timestamp);
	}

	private static ObjectNode document(LogLine line, long sequence) {
		ObjectNode document = JSON.createObjectNode();
		document.put(TIMESTAMP, line.timestamp().truncatedTo(ChronoUnit.MILLIS).toString());
		ObjectNode log = document.putObject("log");
		log.put("level", line.level().name());
		if (line.logger() != null) {
			log.put("logger", line.logger());
		}
		document.put(MESSAGE, line.message());
		if (line.traceId() != null) {
			document.putObject("trace").put("id", line.traceId());
		}
		ObjectNode service = document.putObject("service");
		putIfPresent(service, "name", line.service());
		putIfPresent(service, "environment", line.env());
		if (line.instance() != null) {
			service.putObject("node").put("name", line.instance());
		}
		if (line.deploymentId() != null) {
			document.putObject("labels").put("deployment_id", line.deploymentId());
		}
		document.putObject("event").put("sequence", sequence);
		return document;
	}

	private static void putIfPresent(ObjectNode node, String field, String value) {
		if (value != null) {
			node.put(field, value);
		}
	}

	private static LogLine line(ObjectNode source) {
		return new LogLine(timestamp(field(source, TIMESTAMP)), LogLevel.of(field(source, LEVEL)),
				field(source, LOGGER), field(source, MESSAGE), field(source, TRACE_ID), field(source, SERVICE),
				field(source, ENV), field(source, DEPLOYMENT_ID), field(source, INSTANCE));
	}

	private static Instant timestamp(String text) {
		if (text == null) {
			return Instant.EPOCH;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return Instant.ofEpochMilli(Long.parseLong(text));
			}
			catch (NumberFormatException notMillis) {
				return Instant.EPOCH;
			}
		}
	}

	/** An ECS field, whether the shipper wrote it nested ({"log":{"level":..}}) or dotted ("log.level"). */
	private static String field(JsonNode source, String name) {
		JsonNode value = source.get(name);
		if (value == null) {
			value = source;
			for (String part : name.split("\\.")) {
				value = (value != null) ? value.get(part) : null;
			}
		}
		return (value != null && !value.isNull() && !value.isContainerNode()) ? value.asText() : null;
	}

}
