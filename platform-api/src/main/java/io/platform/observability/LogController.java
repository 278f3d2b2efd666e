package io.platform.observability;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentStore;
import io.platform.logs.log.LogLevel;
import io.platform.logs.log.LogLine;
import io.platform.logs.log.LogMatcher;
import io.platform.logs.log.LogPage;
import io.platform.logs.log.LogQuery;
import io.platform.logs.log.LogQuerySyntaxException;
import io.platform.logs.log.LogStore;
import io.platform.identity.Access;
import io.platform.support.web.EventStreams;
import io.platform.support.web.InvalidInputException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The services' own log lines: of one deployment, or of one trace across services. Newest first; the
 * next page's cursor, if any, is in the {@code X-Next-Cursor} header.
 */
@RestController
class LogController {

	static final String NEXT_CURSOR = "X-Next-Cursor";

	private final LogStore store;

	private final DeploymentStore deployments;

	private final LogTail tail;

	private final Access access;

	private final EventStreams streams;

	LogController(LogStore store, DeploymentStore deployments, LogTail tail, Access access, EventStreams streams) {
		this.access = access;
		this.streams = streams;
		this.store = store;
		this.deployments = deployments;
		this.tail = tail;
	}

	record LogLineView(Instant timestamp, String level, String logger, String message, String traceId,
			String service, String env, String deploymentId, String instance) {

		static LogLineView of(LogLine line) {
			return new LogLineView(line.timestamp(), line.level().name(), line.logger(), line.message(), line.traceId(),
					line.service(), line.env(), line.deploymentId(), line.instance());
		}

	}

	@GetMapping("/api/deployments/{id}/logs")
	ResponseEntity<List<LogLineView>> deploymentLogs(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(required = false) String level, @RequestParam(required = false) String traceId,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String cursor) {
		Deployment deployment = readable(id);
		Instant since = instant("from", from);
		Instant until = instant("to", to);
		if (since != null && until != null && !since.isBefore(until)) {
			throw new InvalidInputException("from", "'from' (" + since + ") must be before 'to' (" + until + ").");
		}
		return search(new LogQuery(deployment.getApp(), deployment.getEnv(), Long.toString(id), traceId, level(level),
				since, until, q, limit, cursor));
	}

	/**
	 * The deployment's lines as they are shipped, as server-sent events named {@code line}; open while the
	 * client listens. The same filters as the stored lines (text query, minimum level, trace id), matched the
	 * same way.
	 */
	@GetMapping(path = "/api/deployments/{id}/logs", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter tail(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(required = false) String level, @RequestParam(required = false) String traceId,
			Principal principal) {
		Deployment deployment = readable(id);
		LogMatcher filter;
		try {
			filter = LogMatcher.of(new LogQuery(null, null, null, traceId, level(level), null, null, q, 0, null));
		}
		catch (LogQuerySyntaxException ex) {
			throw syntaxError(ex);
		}
		SseEmitter emitter = streams.open(principal == null ? "anonymous" : principal.getName());
		AtomicReference<AutoCloseable> subscription = new AtomicReference<>();
		Runnable unsubscribe = () -> {
			AutoCloseable closeable = subscription.getAndSet(null);
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// already gone
				}
			}
		};
		emitter.onCompletion(unsubscribe);
		emitter.onTimeout(unsubscribe);
		emitter.onError(ex -> unsubscribe.run());
		subscription.set(tail.subscribe(Long.toString(deployment.getId()), filter, line -> {
			try {
				synchronized (emitter) {
					emitter.send(SseEmitter.event().name("line").data(LogLineView.of(line), MediaType.APPLICATION_JSON));
				}
			}
			catch (IOException | IllegalStateException ex) {
				unsubscribe.run();
			}
		}));
		try {
			// Tells the client the stream is open, so it can tell "no lines yet" from "not connected".
			emitter.send(SseEmitter.event().name("open").data(Long.toString(deployment.getId())));
		}
		catch (IOException ex) {
			unsubscribe.run();
		}
		return emitter;
	}

	/** A trace's log lines across every service (and environment) that wrote them. */
	@GetMapping("/api/traces/{traceId}/logs")
	ResponseEntity<List<LogLineView>> traceLogs(@PathVariable String traceId,
			@RequestParam(required = false) String env, @RequestParam(defaultValue = "100") int limit) {
		ResponseEntity<List<LogLineView>> lines = search(new LogQuery(null, env, null, traceId, null, null, null, null, limit, null));
		// A trace crosses services: only the lines of those the caller may read.
		return ResponseEntity.status(lines.getStatusCode())
			.headers(lines.getHeaders())
			.body(access.readable(lines.getBody(), LogLineView::service));
	}

	private ResponseEntity<List<LogLineView>> search(LogQuery query) {
		LogPage page;
		try {
			page = store.search(query);
		}
		catch (LogQuerySyntaxException ex) {
			throw syntaxError(ex);
		}
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
		if (page.hasMore()) {
			answer.header(NEXT_CURSOR, page.nextCursor());
		}
		return answer.body(page.lines().stream().map(LogLineView::of).toList());
	}

	private static InvalidInputException syntaxError(LogQuerySyntaxException ex) {
		return new InvalidInputException("q", "The query has a syntax error at position " + ex.position() + ": "
				+ ex.getMessage());
	}

	private static LogLevel level(String level) {
		if (level == null || level.isBlank()) {
			return null;
		}
		try {
			return LogLevel.valueOf(level.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("level", "Level '" + level + "' is not one of TRACE, DEBUG, INFO, WARN, ERROR.");
		}
	}

	private static Instant instant(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "'" + field + "' must be an ISO-8601 instant such as 2026-11-22T10:15:30Z.");
		}
	}

	private Deployment readable(long id) {
		Deployment deployment = deployments.get(id);
		access.requireRead(deployment.getApp(), deployment.getEnv());
		return deployment;
	}

}
