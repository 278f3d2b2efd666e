package io.platform.logs.trace;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The part of SkyWalking OAP's GraphQL query API (10.x, {@code query-protocol}) this package uses: the
 * documents sent, the variables they take and the answers they give.
 */
final class OapGraphQl {

	static final String TIME_INFO = """
			query TimeInfo {
			  getTimeInfo { timezone currentTimestamp }
			}""";

	static final String TRACES = """
			query Traces($condition: TraceQueryCondition) {
			  queryBasicTraces(condition: $condition) {
			    traces { segmentId endpointNames duration start isError traceIds }
			  }
			}""";

	static final String TRACE = """
			query Trace($traceId: ID!) {
			  queryTrace(traceId: $traceId) {
			    spans {
			      traceId segmentId spanId parentSpanId
			      refs { traceId parentSegmentId parentSpanId type }
			      serviceCode serviceInstanceName startTime endTime endpointName type peer component isError layer
			      tags { key value }
			      logs { time data { key value } }
			    }
			  }
			}""";

	static final String INSTANCES = """
			query Instances($duration: Duration!, $serviceId: ID!) {
			  listInstances(duration: $duration, serviceId: $serviceId) { id name }
			}""";

	private OapGraphQl() {
	}

	record OapDuration(String start, String end, String step) {
	}

	record Paging(int pageNum, int pageSize) {
	}

	/** OAP's TraceQueryCondition; a missing instance means all instances. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TraceCondition(String serviceId, String serviceInstanceId, OapDuration queryDuration, String traceState,
			String queryOrder, Paging paging) {
	}

	record TimeInfo(String timezone, Long currentTimestamp) {
	}

	record Instance(String id, String name) {
	}

	record BasicTrace(String segmentId, List<String> endpointNames, long duration, String start, Boolean isError,
			List<String> traceIds) {

		TraceSummary toSummary() {
			return new TraceSummary(first(this.traceIds), this.segmentId, first(this.endpointNames), this.duration,
					Instant.ofEpochMilli(Long.parseLong(this.start)), Boolean.TRUE.equals(this.isError));
		}

	}

	record KeyValue(String key, String value) {

		Tag toTag() {
			return new Tag(this.key, this.value);
		}

	}

	record Ref(String traceId, String parentSegmentId, int parentSpanId, String type) {

		SpanRef toSpanRef() {
			return new SpanRef(this.parentSegmentId, this.parentSpanId, this.type);
		}

	}

	record LogEntity(long time, List<KeyValue> data) {

		SpanLog toSpanLog() {
			return new SpanLog(Instant.ofEpochMilli(this.time), toTags(this.data));
		}

	}

	record OapSpan(String traceId, String segmentId, int spanId, int parentSpanId, List<Ref> refs,
			String serviceCode, String serviceInstanceName, long startTime, long endTime, String endpointName,
			String type, String peer, String component, Boolean isError, String layer, List<KeyValue> tags,
			List<LogEntity> logs) {

		Span toSpan() {
			return new Span(this.segmentId, this.spanId, this.parentSpanId,
					orEmpty(this.refs).stream().map(Ref::toSpanRef).toList(), this.serviceCode,
					this.serviceInstanceName, Instant.ofEpochMilli(this.startTime), Instant.ofEpochMilli(this.endTime),
					blankToNull(this.endpointName), this.type, blankToNull(this.peer), blankToNull(this.component),
					Boolean.TRUE.equals(this.isError), blankToNull(this.layer), toTags(this.tags),
					orEmpty(this.logs).stream().map(LogEntity::toSpanLog).toList());
		}

	}

	private static List<Tag> toTags(List<KeyValue> pairs) {
		return orEmpty(pairs).stream().map(KeyValue::toTag).toList();
	}

	private static <T> List<T> orEmpty(List<T> list) {
		return (list != null) ? list : List.of();
	}

	private static String first(List<String> values) {
		return (values == null || values.isEmpty()) ? null : blankToNull(values.get(0));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
