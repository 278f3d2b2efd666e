package io.platform.logs.trace;

import java.time.Instant;
import java.util.List;

import io.platform.logs.trace.OapGraphQl.BasicTrace;
import io.platform.logs.trace.OapGraphQl.OapSpan;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers as OAP 10.1.0 gave them, read into this package's types. */
class OapGraphQlTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aBasicTraceBecomesASummary() {
		BasicTrace trace = this.json.readValue("""
				{"segmentId": "seg-1a", "endpointNames": ["GET:/orders/{id}"], "duration": 200, "start": "1795353218983",
				 "isError": true, "traceIds": ["trace-1"]}
				""", BasicTrace.class);

		assertThat(trace.toSummary()).isEqualTo(new TraceSummary("trace-1", "seg-1a", "GET:/orders/{id}", 200,
				Instant.ofEpochMilli(1795353218983L), true));
	}

	@Test
	void aSummaryWithoutEndpointOrErrorFlagHasNullAndFalse() {
		BasicTrace trace = this.json.readValue("""
				{"segmentId": "seg-1a", "endpointNames": [], "duration": 3, "start": "1795353218983", "isError": null,
				 "traceIds": ["trace-1"]}
				""", BasicTrace.class);

		assertThat(trace.toSummary().endpoint()).isNull();
		assertThat(trace.toSummary().error()).isFalse();
	}

	@Test
	void aSpanKeepsRefsTagsAndLogsAndDropsEmptyPeers() {
		OapSpan span = this.json.readValue("""
				{"traceId": "trace-1", "segmentId": "seg-1b", "spanId": 0, "parentSpanId": -1,
				 "refs": [{"traceId": "trace-1", "parentSegmentId": "seg-1a", "parentSpanId": 1, "type": "CROSS_PROCESS"}],
				 "serviceCode": "dev::stock", "serviceInstanceName": "9", "startTime": 1795353219043,
				 "endTime": 1795353219123, "endpointName": "GET:/stock", "type": "Entry", "peer": "",
				 "component": "SpringMVC", "isError": false, "layer": "Http",
				 "tags": [{"key": "http.method", "value": "GET"}, {"key": "empty", "value": null}],
				 "logs": [{"time": 1795353219133, "data": [{"key": "event", "value": "error"}]}]}
				""", OapSpan.class);

		assertThat(span.toSpan()).isEqualTo(new Span("seg-1b", 0, -1, List.of(new SpanRef("seg-1a", 1, "CROSS_PROCESS")),
				"dev::stock", "9", Instant.ofEpochMilli(1795353219043L), Instant.ofEpochMilli(1795353219123L),
				"GET:/stock", "Entry", null, "SpringMVC", false, "Http",
				List.of(new Tag("http.method", "GET"), new Tag("empty", null)),
				List.of(new SpanLog(Instant.ofEpochMilli(1795353219133L), List.of(new Tag("event", "error"))))));
	}

}
