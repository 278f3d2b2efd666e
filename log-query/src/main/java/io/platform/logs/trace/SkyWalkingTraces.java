package io.platform.logs.trace;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import io.platform.logs.trace.OapGraphQl.BasicTrace;
import io.platform.logs.trace.OapGraphQl.Instance;
import io.platform.logs.trace.OapGraphQl.OapSpan;
import io.platform.logs.trace.OapGraphQl.Paging;
import io.platform.logs.trace.OapGraphQl.TimeInfo;
import io.platform.logs.trace.OapGraphQl.TraceCondition;

import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.GraphQlClientException;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A SkyWalking OAP (10.x) read through its GraphQL query API, the one SkyWalking's own UI uses.
 */
public final class SkyWalkingTraces implements TraceSource {

	/** OAP reports its zone as an offset, which daylight saving time moves twice a year. */
	private static final Duration ZONE_TTL = Duration.ofHours(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI graphQlUrl;

	private final Duration timeout;

	private final HttpSyncGraphQlClient client;

	private volatile KnownZone zone;

	/**
	 * @param queryUrl OAP's query address, e.g. {@code http://oap:12800} (its GraphQL endpoint {@code /graphql}
	 * is added unless the URL already ends with it)
	 * @param timeout how long to wait for a connection, and then for each answer
	 */
	public SkyWalkingTraces(URI queryUrl, Duration timeout) {
		Objects.requireNonNull(queryUrl, "queryUrl");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
		}
		this.graphQlUrl = graphQlUrl(queryUrl);
		this.timeout = timeout;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(timeout).build());
		requests.setReadTimeout(timeout);
		this.client = HttpSyncGraphQlClient
			.create(RestClient.builder().baseUrl(this.graphQlUrl.toString()).requestFactory(requests).build());
	}

	@Override
	public List<TraceSummary> traces(TraceQuery query) {
		String serviceId = OapIds.serviceId(query.service());
		String instanceId = (query.instance() != null) ? OapIds.instanceId(serviceId, query.instance()) : null;
		TraceCondition condition = new TraceCondition(serviceId, instanceId,
				OapTime.minutes(query.from(), query.to(), zone()), query.errorsOnly() ? "ERROR" : "ALL", "BY_START_TIME",
				new Paging(1, query.limit()));
		return execute(OapGraphQl.TRACES, Map.of("condition", condition)).field("queryBasicTraces.traces")
			.toEntityList(BasicTrace.class)
			.stream()
			.map(BasicTrace::toSummary)
			.toList();
	}

	@Override
	public Optional<Trace> trace(String traceId) {
		Objects.requireNonNull(traceId, "traceId");
		if (traceId.isBlank()) {
			return Optional.empty();
		}
		List<Span> spans = execute(OapGraphQl.TRACE, Map.of("traceId", traceId)).field("queryTrace.spans")
			.toEntityList(OapSpan.class)
			.stream()
			.map(OapSpan::toSpan)
			.toList();
		return spans.isEmpty() ? Optional.empty() : Optional.of(new Trace(traceId, spans));
	}

	@Override
	public List<String> instances(String service, Instant from, Instant to) {
		Objects.requireNonNull(service, "service");
		if (from.isAfter(to)) {
			throw new IllegalArgumentException("'from' (" + from + ") must not be after 'to' (" + to + ")");
		}
		return execute(OapGraphQl.INSTANCES,
				Map.of("duration", OapTime.minutes(from, to, zone()), "serviceId", OapIds.serviceId(service)))
			.field("listInstances")
			.toEntityList(Instance.class)
			.stream()
			.map(Instance::name)
			.distinct()
			.toList();
	}

	@Override
	public String toString() {
		return "SkyWalking OAP at " + this.graphQlUrl;
	}

	/** OAP writes and reads its time ranges in its own zone, which need not be ours. */
	ZoneOffset zone() {
		KnownZone known = this.zone;
		if (known != null && System.nanoTime() - known.askedAt() < ZONE_TTL.toNanos()) {
			return known.offset();
		}
		TimeInfo info = execute(OapGraphQl.TIME_INFO, Map.of()).field("getTimeInfo").toEntity(TimeInfo.class);
		try {
			ZoneOffset offset = OapTime.offset((info != null) ? info.timezone() : null);
			this.zone = new KnownZone(offset, System.nanoTime());
			return offset;
		}
		catch (DateTimeException ex) {
			throw new TraceSourceException(this + " gave a time zone that is not an offset like +0800 ("
					+ ((info != null) ? info.timezone() : null) + "): " + ex.getMessage(), ex);
		}
	}

	ClientGraphQlResponse execute(String document, Map<String, Object> variables) {
		ClientGraphQlResponse response;
		try {
			response = this.client.document(document).variables(variables).executeSync();
		}
		catch (GraphQlClientException | RestClientException ex) {
			String refusal = refusal(ex);
			throw new TraceSourceException(
					this + ((refusal != null) ? " refused the query: " + refusal : " could not be queried: " + reason(ex)),
					ex);
		}
		if (!response.getErrors().isEmpty()) {
			throw new TraceSourceException(this + " refused the query: "
					+ response.getErrors().stream().map(ResponseError::getMessage).collect(Collectors.joining("; ")));
		}
		return response;
	}

	/** OAP answers invalid queries with HTTP 400 and GraphQL errors in a plain JSON body. */
	private static String refusal(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RestClientResponseException answer && answer.getStatusCode().value() == 400) {
				try {
					List<String> messages = JSON.readTree(answer.getResponseBodyAsString())
						.path("errors")
						.valueStream()
						.map((error) -> error.path("message").asString(""))
						.filter((message) -> !message.isBlank())
						.toList();
					return messages.isEmpty() ? null : String.join("; ", messages);
				}
				catch (JacksonException ex) {
					return null;
				}
			}
		}
		return null;
	}

	/** The most telling cause of a failed request, in words that say what to check. */
	private String reason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RestClientResponseException answer) {
				return "it answered HTTP " + answer.getStatusCode().value() + " " + answer.getStatusText()
						+ abbreviate(answer.getResponseBodyAsString())
						+ ((answer.getStatusCode().value() == 404) ? " (is this OAP's query port, 12800 by default?)" : "");
			}
			if (cause instanceof ConnectException) {
				return "nothing accepts connections there (connection refused); check that OAP runs and that the host "
						+ "and its query port (12800 by default) are right";
			}
			if (cause instanceof HttpTimeoutException) {
				return "no answer within " + this.timeout.toMillis() + " ms; OAP may be overloaded or starting, or the "
						+ "address may lead nowhere";
			}
			if (cause instanceof UnknownHostException) {
				return "the host name " + this.graphQlUrl.getHost() + " is unknown here";
			}
		}
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	private static String abbreviate(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String text = body.strip().replaceAll("\\s+", " ");
		return ": " + ((text.length() > 300) ? text.substring(0, 300) + "..." : text);
	}

	private static URI graphQlUrl(URI queryUrl) {
		String url = queryUrl.toString();
		if (url.endsWith("/graphql")) {
			return queryUrl;
		}
		return URI.create(url.endsWith("/") ? url + "graphql" : url + "/graphql");
	}

	private record KnownZone(ZoneOffset offset, long askedAt) {
	}

}
