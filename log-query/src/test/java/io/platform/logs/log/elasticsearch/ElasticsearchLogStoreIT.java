package io.platform.logs.log.elasticsearch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.platform.logs.log.LogLevel;
import io.platform.logs.log.LogLine;
import io.platform.logs.log.LogQuery;
import io.platform.logs.log.LogStore;
import io.platform.logs.log.LogStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log store contract against a real Elasticsearch 8.19 node, plus the document format other shippers
 * share with it.
 */
class ElasticsearchLogStoreIT extends LogStoreContractTest {

	@TempDir
	static Path work;

	private ElasticsearchNode node;

	private final HttpClient http = HttpClient.newHttpClient();

	@Override
	protected LogStore createStore() {
		this.node = ElasticsearchNode.startOrSkip(work);
		return new ElasticsearchLogStore(ElasticsearchLogSettings.of(this.node.uri()));
	}

	@AfterAll
	void stopNode() {
		if (this.node != null) {
			this.node.close();
		}
	}

	@Test
	void retentionDeletesWholeDailyIndicesOlderThanTheMaximumAge() throws Exception {
		String prefix = unique("retention");
		Instant now = Instant.parse("2026-11-22T10:00:00Z");
		try (ElasticsearchLogStore aged = new ElasticsearchLogStore(
				ElasticsearchLogSettings.of(this.node.uri()).withIndexPrefix(prefix).withMaxAge(Duration.ofDays(2)))) {
			String service = unique("aged");
			aged.append(List.of(
					new LogLine(Instant.parse("2026-11-19T23:59:00Z"), LogLevel.INFO, null, "three days old", null, service,
							"test", "d1", "i1"),
					new LogLine(Instant.parse("2026-11-20T12:00:00Z"), LogLevel.INFO, null, "partly in the window", null,
							service, "test", "d1", "i1"),
					new LogLine(Instant.parse("2026-11-22T09:00:00Z"), LogLevel.INFO, null, "today", null, service, "test",
							"d1", "i1")));
			aged.refresh();

			assertThat(aged.enforceRetention(now)).containsExactly(prefix + "-2026.11.19");
			aged.refresh();

			assertThat(messages(aged.search(LogQuery.all().withService(service))))
				.containsExactly("today", "partly in the window");
			assertThat(aged.enforceRetention(now)).isEmpty();
		}
	}

	@Test
	void writesEcsDocumentsIntoDailyIndices() throws Exception {
		String service = unique("ecs");
		this.store.append(List.of(new LogLine(T0, LogLevel.WARN, "c.e.Orders", "Slow query", "t-ecs-1", service, "test",
				"d7", "orders-7-1")));
		this.store.refresh();

		String day = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC).format(T0);
		String hits = get("/logs-platform-" + day + "/_search?q=service.name:" + service);

		assertThat(hits).contains("\"@timestamp\":\"" + T0 + "\"")
			.contains("\"log\":{\"level\":\"WARN\",\"logger\":\"c.e.Orders\"}")
			.contains("\"trace\":{\"id\":\"t-ecs-1\"}")
			.contains("\"service\":{\"name\":\"" + service + "\",\"environment\":\"test\",\"node\":{\"name\":\"orders-7-1\"}}")
			.contains("\"labels\":{\"deployment_id\":\"d7\"}");
	}

	@Test
	void findsLinesShippedByFilebeatWithTheSameEcsFields() throws Exception {
		String service = unique("shipped");
		String day = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC).format(T0);
		// What Filebeat's ECS output sends: lower-case level, agent and host fields, no deployment label.
		String document = """
				{"@timestamp":"%s","message":"Payment gateway timeout after 3000 ms","log":{"level":"error","logger":"c.e.pay.Gateway","file":{"path":"/var/log/app.log"},"offset":18342},
				 "trace":{"id":"filebeat-trace-1"},"service":{"name":"%s","environment":"test"},
				 "agent":{"type":"filebeat","version":"8.19.0"},"host":{"name":"app-3"},"ecs":{"version":"8.0.0"},"input":{"type":"filestream"}}
				""".formatted(T0.plusSeconds(30), service);
		HttpResponse<String> indexed = this.http.send(HttpRequest
			.newBuilder(this.node.uri().resolve("/logs-platform-" + day + "/_doc?refresh=true"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(document))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

		LogQuery query = LogQuery.all().withService(service).withEnv("test");

		assertThat(search(query.withTraceId("filebeat-trace-1").withLevel(LogLevel.ERROR)).lines())
			.singleElement()
			.satisfies((line) -> {
				assertThat(line.message()).isEqualTo("Payment gateway timeout after 3000 ms");
				assertThat(line.level()).isEqualTo(LogLevel.ERROR);
				assertThat(line.logger()).isEqualTo("c.e.pay.Gateway");
				assertThat(line.timestamp()).isEqualTo(T0.plusSeconds(30));
				assertThat(line.deploymentId()).isNull();
			});
		assertThat(search(query.withText("gateway AND timeout")).lines()).hasSize(1);
	}

	@Test
	void searchesTheExtraIndicesOtherShippersWriteTo() throws Exception {
		String service = unique("filebeat");
		// Filebeat's own index template maps the ECS fields as keywords, like ours.
		send("PUT", "/filebeat-8.19.0-shipped", """
				{"mappings": {"properties": {"@timestamp": {"type": "date"}, "message": {"type": "text"},
				  "log": {"properties": {"level": {"type": "keyword"}}},
				  "service": {"properties": {"name": {"type": "keyword"}, "environment": {"type": "keyword"}}}}}}
				""");
		send("POST", "/filebeat-8.19.0-shipped/_doc?refresh=true", """
				{"@timestamp":"%s","message":"Order 9 shipped","log":{"level":"info"},"service":{"name":"%s","environment":"prod"}}
				""".formatted(T0, service));
		LogQuery query = LogQuery.all().withService(service);

		try (ElasticsearchLogStore wider = new ElasticsearchLogStore(
				ElasticsearchLogSettings.of(this.node.uri()).withExtraSearchIndices("filebeat-*"))) {
			assertThat(messages(wider.search(query))).containsExactly("Order 9 shipped");
		}
		assertThat(search(query).lines()).isEmpty();
	}

	private void send(String method, String path, String json) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.node.uri().resolve(path))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
	}

	private String get(String path) throws Exception {
		URI uri = this.node.uri().resolve(path);
		return this.http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

}
