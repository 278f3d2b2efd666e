package io.platform.logs.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns the output of one running instance into {@link LogLine}s. Understands Spring Boot's console layout,
 * logback/log4j patterns with SkyWalking's {@code [TID:...]} (or {@code [tid:...]}), JSON lines with ECS
 * fields, and plain lines (level UNKNOWN, stamped with the receive time). Stack trace lines are appended to
 * the event before them.
 *
 * <p>
 * An instance is not thread-safe: use one per output stream, call {@link #feed} for each line and
 * {@link #flush} when the stream pauses or ends (an event is held back until the next event starts, in
 * case stack trace lines follow).
 */
public final class LogParser {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");

	private static final Pattern TIMESTAMP = Pattern
		.compile("^\\[?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?)(Z|[+-]\\d{2}:?\\d{2})?\\]?\\s+");

	private static final Pattern LEVEL = Pattern
		.compile("(?<![\\w.])(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)(?![\\w.])");

	private static final Pattern BRACKETS = Pattern.compile("^\\[([^\\]]*)\\]\\s*");

	private static final Pattern LOGGER = Pattern.compile("^([\\w.$:/\\-]+?)\\s*(?:\\s-|\\s:)\\s?(.*)$", Pattern.DOTALL);

	private static final Pattern TID = Pattern.compile("\\[(?:TID|tid):\\s*([^\\]\\s]*)\\]");

	private static final Pattern TRACE_SPAN = Pattern.compile("^([0-9a-fA-F]{16,32})[-,]([0-9a-fA-F]{16})?$");

	private static final Pattern CONTINUATION = Pattern
		.compile("^(?:\\s+at\\s|\\s*Caused by:|\\s*\\.\\.\\.|\\s+Suppressed:|\\s*\\.\\.\\. \\d+ more)");

	// "java.lang.IllegalStateException: boom" right after an event is the first line of its stack trace.
	private static final Pattern EXCEPTION_HEADER = Pattern
		.compile("^(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable)(?::.*)?$");

	/**
	 * The most characters one event (a line and its stack trace) keeps: further continuation lines are
	 * counted, not kept, so an endless trace cannot grow the held-back event without bound.
	 */
	public static final int MAX_EVENT_CHARS = 256 * 1024;

	private final LogOrigin origin;

	private final ZoneId zone;

	private LogLine pending;

	private int cutLines;

	/** A parser for one stream; timestamps without a zone are read in {@code zone}. */
	public LogParser(LogOrigin origin, ZoneId zone) {
		this.origin = origin;
		this.zone = zone;
	}

	/**
	 * Takes the next output line. Returns the previous event when this line starts a new one, else nothing
	 * (this line continued the previous event, or this is the first event).
	 */
	public Optional<LogLine> feed(String raw, Instant receivedAt) {
		String line = stripAnsi(raw);
		if (this.pending != null && continues(line)) {
			if (this.cutLines == 0 && this.pending.message().length() + 1 + line.length() <= MAX_EVENT_CHARS) {
				this.pending = this.pending.withContinuation(line);
			}
			else {
				this.cutLines++;
			}
			return Optional.empty();
		}
		LogLine previous = finish();
		this.pending = parseLine(line, this.origin, receivedAt, this.zone);
		return Optional.ofNullable(previous);
	}

	/** The event held back, if any; call it when the stream pauses or ends. */
	public Optional<LogLine> flush() {
		LogLine previous = finish();
		this.pending = null;
		return Optional.ofNullable(previous);
	}

	/** The held-back event, saying how many of its lines were cut. */
	private LogLine finish() {
		LogLine event = this.pending;
		if (event != null && this.cutLines > 0) {
			event = event.withContinuation("[platform] " + this.cutLines + " more line" + (this.cutLines == 1 ? "" : "s")
					+ " of this event cut (longer than " + MAX_EVENT_CHARS + " characters)");
		}
		this.cutLines = 0;
		return event;
	}

	/** Parses a batch of lines of one stream into events, stack traces joined. */
	public static List<LogLine> parseAll(List<String> lines, LogOrigin origin, Instant receivedAt, ZoneId zone) {
		LogParser parser = new LogParser(origin, zone);
		List<LogLine> events = new ArrayList<>();
		for (String line : lines) {
			parser.feed(line, receivedAt).ifPresent(events::add);
		}
		parser.flush().ifPresent(events::add);
		return events;
	}

	/** Whether {@code line} continues the previous event (a stack trace line). */
	public static boolean continues(String line) {
		return CONTINUATION.matcher(line).find() || EXCEPTION_HEADER.matcher(line).matches();
	}

	/** One line on its own, without joining stack traces. */
	public static LogLine parseLine(String raw, LogOrigin origin, Instant receivedAt, ZoneId zone) {
		String line = stripAnsi(raw);
		String trimmed = line.strip();
		if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
			LogLine json = parseJson(trimmed, origin, receivedAt);
			if (json != null) {
				return json;
			}
		}
		Matcher time = TIMESTAMP.matcher(line);
		if (!time.find()) {
			return plain(line, origin, receivedAt);
		}
		Instant timestamp = timestamp(time.group(1), time.group(2), zone, receivedAt);
		String rest = line.substring(time.end());
		int dashes = rest.indexOf(" --- ");
		if (dashes >= 0) {
			return springBoot(rest, dashes, timestamp, origin);
		}
		return pattern(rest, timestamp, origin);
	}

	// 2026-11-22T10:15:30.123Z  INFO 123 --- [app] [main] [trace-span] o.s.Foo : message
	private static LogLine springBoot(String rest, int dashes, Instant timestamp, LogOrigin origin) {
		Matcher level = LEVEL.matcher(rest.substring(0, dashes));
		LogLevel logLevel = level.find() ? LogLevel.of(level.group(1)) : LogLevel.UNKNOWN;
		Header header = brackets(rest.substring(dashes + 5).stripLeading());
		int colon = header.rest().indexOf(" : ");
		if (colon < 0) {
			return line(timestamp, logLevel, null, header.rest(), header.traceId(), origin);
		}
		String logger = header.rest().substring(0, colon).strip();
		return line(timestamp, logLevel, logger.isEmpty() ? null : logger, header.rest().substring(colon + 3),
				header.traceId(), origin);
	}

	// logback / log4j: 2026-11-22 10:15:30.123 [TID:abc] [main] INFO  c.f.Bar - message, and the like
	private static LogLine pattern(String rest, Instant timestamp, LogOrigin origin) {
		Matcher level = LEVEL.matcher(rest);
		if (!level.find()) {
			Header header = brackets(rest);
			return line(timestamp, LogLevel.UNKNOWN, null, header.rest(), header.traceId(), origin);
		}
		String traceId = traceIdIn(rest.substring(0, level.start()));
		Header header = brackets(rest.substring(level.end()).stripLeading());
		if (traceId == null) {
			traceId = header.traceId();
		}
		Matcher logger = LOGGER.matcher(header.rest());
		if (logger.matches()) {
			return line(timestamp, LogLevel.of(level.group(1)), logger.group(1), logger.group(2), traceId, origin);
		}
		return line(timestamp, LogLevel.of(level.group(1)), null, header.rest(), traceId, origin);
	}

	/** Leading [..] groups: thread names, application names, trace ids. */
	private static Header brackets(String text) {
		String rest = text;
		String traceId = null;
		Matcher group = BRACKETS.matcher(rest);
		while (group.find()) {
			String inside = group.group(1).strip();
			String found = traceIdOf(inside);
			if (found != null) {
				traceId = found;
			}
			rest = rest.substring(group.end());
			group = BRACKETS.matcher(rest);
		}
		return new Header(rest, (traceId != null) ? traceId : traceIdIn(text));
	}

	private static String traceIdIn(String text) {
		Matcher tid = TID.matcher(text);
		return tid.find() ? realTraceId(tid.group(1)) : null;
	}

	private static String traceIdOf(String bracketContent) {
		if (bracketContent.startsWith("TID:") || bracketContent.startsWith("tid:")) {
			return realTraceId(bracketContent.substring(4).strip());
		}
		Matcher traceSpan = TRACE_SPAN.matcher(bracketContent);
		return traceSpan.matches() ? traceSpan.group(1) : null;
	}

	// SkyWalking writes N/A outside a trace, and Ignored_Trace for ignored endpoints.
	private static String realTraceId(String value) {
		if (value.isEmpty() || value.equalsIgnoreCase("N/A") || value.equals("Ignored_Trace")) {
			return null;
		}
		return value;
	}

	private static LogLine parseJson(String text, LogOrigin origin, Instant receivedAt) {
		JsonNode node;
		try {
			node = JSON.readTree(text);
		}
		catch (JsonProcessingException ex) {
			return null;
		}
		if (!node.isObject()) {
			return null;
		}
		String message = field(node, "message", "msg");
		String stackTrace = field(node, "error.stack_trace", "stack_trace");
		if (message == null) {
			message = text;
		}
		if (stackTrace != null) {
			message = message + "\n" + stackTrace;
		}
		String time = field(node, "@timestamp", "timestamp", "time");
		Instant timestamp = receivedAt;
		if (time != null) {
			try {
				timestamp = OffsetDateTime.parse(time).toInstant();
			}
			catch (DateTimeParseException ex) {
				timestamp = receivedAt;
			}
		}
		String traceId = field(node, "trace.id", "traceId", "trace_id", "tid");
		return line(timestamp, LogLevel.of(field(node, "log.level", "level", "severity")),
				field(node, "log.logger", "logger_name", "logger"), message,
				(traceId != null) ? realTraceId(traceId) : null, origin);
	}

	/** The first of the names present, ECS-style dotted names looked up both flat and nested. */
	static String field(JsonNode node, String... names) {
		for (String name : names) {
			JsonNode value = node.get(name);
			if (value == null && name.indexOf('.') > 0) {
				value = node;
				for (String part : name.split("\\.")) {
					value = (value != null) ? value.get(part) : null;
				}
			}
			if (value != null && !value.isNull() && !value.isContainerNode()) {
				return value.asText();
			}
		}
		return null;
	}

	private static Instant timestamp(String local, String offset, ZoneId zone, Instant fallback) {
		String text = local.replace(' ', 'T').replace(',', '.');
		try {
			if (offset != null) {
				String normalized = offset.equals("Z") ? "Z"
						: (offset.length() == 5) ? offset.substring(0, 3) + ":" + offset.substring(3) : offset;
				return OffsetDateTime.parse(text + normalized).toInstant();
			}
			return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			return fallback;
		}
	}

	private static LogLine plain(String line, LogOrigin origin, Instant receivedAt) {
		return line(receivedAt, LogLevel.UNKNOWN, null, line, traceIdIn(line), origin);
	}

	private static LogLine line(Instant timestamp, LogLevel level, String logger, String message, String traceId,
			LogOrigin origin) {
		return new LogLine(timestamp, level, logger, message, traceId, origin.service(), origin.env(),
				origin.deploymentId(), origin.instance());
	}

	private static String stripAnsi(String raw) {
		return (raw.indexOf('\u001B') >= 0) ? ANSI.matcher(raw).replaceAll("") : raw;
	}

	private record Header(String rest, String traceId) {
	}

}
