package io.platform.logs.trace;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One tracing backend (a SkyWalking OAP) to ask for the traces of services and their instances. Services are
 * named as their agents report them ({@code dev::orders}); instances likewise ({@code 42}). Every method
 * may be called from several threads at once.
 */
public interface TraceSource {

	/**
	 * Summaries of the traces that passed through {@link TraceQuery#service()} (and {@link TraceQuery#instance()}
	 * when given) in the query's time range, newest first, at most {@link TraceQuery#limit()}. A service or an
	 * instance the backend has never heard of gives an empty list. The backend counts time in minutes, so the
	 * range is widened to whole minutes.
	 * @throws TraceSourceException when the backend cannot be reached or refuses the query
	 */
	List<TraceSummary> traces(TraceQuery query);

	/**
	 * Every span of a trace, across all services it went through, as the backend orders them (segment by
	 * segment); empty when the backend knows no such trace.
	 * @throws TraceSourceException when the backend cannot be reached or refuses the query
	 */
	Optional<Trace> trace(String traceId);

	/**
	 * Names of the instances of {@code service} the backend saw alive between {@code from} and {@code to}; empty
	 * for a service it has never heard of.
	 * @throws TraceSourceException when the backend cannot be reached or refuses the query
	 */
	List<String> instances(String service, Instant from, Instant to);

}
