package io.platform.logs.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LogParserTest {

	private static final LogOrigin ORIGIN = new LogOrigin("orders", "test", "42", "orders-42-1");

	private static final Instant RECEIVED = Instant.parse("2026-11-22T10:20:00Z");

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static Stream<Arguments> lines() {
		return Stream.of(
				arguments("Spring Boot 3 console",
						"2026-11-22T10:15:30.123Z  INFO 123 --- [orders] [           main] o.s.b.w.e.tomcat.TomcatWebServer         : Tomcat started on port 8080 (http) with context path '/'",
						"2026-11-22T10:15:30.123Z", LogLevel.INFO, "o.s.b.w.e.tomcat.TomcatWebServer",
						"Tomcat started on port 8080 (http) with context path '/'", null),
				arguments("Spring Boot 3 with an offset and a Micrometer trace",
						"2026-11-22T18:15:30.456+08:00 ERROR 7 --- [orders] [nio-8080-exec-1] [6f1c3e0a9b2d4c5e8f7a6b5c4d3e2f1a-8f7a6b5c4d3e2f1a] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() failed",
						"2026-11-22T10:15:30.456Z", LogLevel.ERROR, "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
						"Servlet.service() failed", "6f1c3e0a9b2d4c5e8f7a6b5c4d3e2f1a"),
				arguments("Spring Boot 2 console, local time",
						"2026-11-22 18:15:30.789  WARN 1 --- [           main] o.h.e.j.e.i.JdbcEnvironmentInitiator     : HHH000342: Could not obtain connection to query metadata",
						"2026-11-22T10:15:30.789Z", LogLevel.WARN, "o.h.e.j.e.i.JdbcEnvironmentInitiator",
						"HHH000342: Could not obtain connection to query metadata", null),
				arguments("SkyWalking logback layout",
						"2026-11-22 18:15:31.001 [TID:2a4f0c1e8b7d4f6a9c3e5b7d9f1a3c5e.61.17639031310010001] [http-nio-8080-exec-3] INFO  c.e.orders.OrderController -Creating order 7",
						"2026-11-22T10:15:31.001Z", LogLevel.INFO, "c.e.orders.OrderController", "Creating order 7",
						"2a4f0c1e8b7d4f6a9c3e5b7d9f1a3c5e.61.17639031310010001"),
				arguments("SkyWalking layout outside a trace",
						"2026-11-22 18:15:31.002 [TID:N/A] [main] DEBUG com.zaxxer.hikari.HikariConfig - HikariPool-1 - configuration:",
						"2026-11-22T10:15:31.002Z", LogLevel.DEBUG, "com.zaxxer.hikari.HikariConfig",
						"HikariPool-1 - configuration:", null),
				arguments("lower-case tid after the level",
						"2026-11-22 18:15:32,500 ERROR [tid:abc123] [pool-2-thread-1] com.example.Billing - charge failed",
						"2026-11-22T10:15:32.500Z", LogLevel.ERROR, "com.example.Billing", "charge failed", "abc123"),
				arguments("log4j with line number",
						"2026-11-22 18:15:33.000 WARN  RetryTemplate:87 - Retrying (2/3)",
						"2026-11-22T10:15:33Z", LogLevel.WARN, "RetryTemplate:87", "Retrying (2/3)", null),
				arguments("ECS JSON with dotted names",
						"{\"@timestamp\":\"2026-11-22T10:15:34.250Z\",\"log.level\":\"WARN\",\"message\":\"Slow query: 1200 ms\",\"ecs.version\":\"8.11\",\"service.name\":\"orders\",\"log.logger\":\"org.hibernate.SQL\",\"trace.id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}",
						"2026-11-22T10:15:34.250Z", LogLevel.WARN, "org.hibernate.SQL", "Slow query: 1200 ms",
						"4bf92f3577b34da6a3ce929d0e0e4736"),
				arguments("ECS JSON with nested objects and a stack trace",
						"{\"@timestamp\":\"2026-11-22T10:15:35Z\",\"log\":{\"level\":\"error\",\"logger\":\"c.e.Pay\"},\"message\":\"Payment failed\",\"error\":{\"stack_trace\":\"java.lang.IllegalStateException: no card\\n\\tat c.e.Pay.run(Pay.java:3)\"}}",
						"2026-11-22T10:15:35Z", LogLevel.ERROR, "c.e.Pay",
						"Payment failed\njava.lang.IllegalStateException: no card\n\tat c.e.Pay.run(Pay.java:3)", null),
				arguments("logstash encoder JSON",
						"{\"@timestamp\":\"2026-11-22T18:15:36.000+08:00\",\"@version\":\"1\",\"message\":\"Started\",\"logger_name\":\"c.e.App\",\"thread_name\":\"main\",\"level\":\"INFO\",\"traceId\":\"t-1\"}",
						"2026-11-22T10:15:36Z", LogLevel.INFO, "c.e.App", "Started", "t-1"),
				arguments("plain line", "Listening for transport dt_socket at address: 5005", "2026-11-22T10:20:00Z",
						LogLevel.UNKNOWN, null, "Listening for transport dt_socket at address: 5005", null),
				arguments("Spring banner line", "  .   ____          _            __ _ _", "2026-11-22T10:20:00Z",
						LogLevel.UNKNOWN, null, "  .   ____          _            __ _ _", null),
				arguments("broken JSON is a plain line", "{\"message\": ", "2026-11-22T10:20:00Z", LogLevel.UNKNOWN,
						null, "{\"message\": ", null),
				arguments("ANSI colours are dropped",
						"\u001B[2m2026-11-22T10:15:37.000Z\u001B[0;39m \u001B[32m INFO\u001B[0;39m \u001B[35m1\u001B[0;39m \u001B[2m---\u001B[0;39m \u001B[2m[orders] [main]\u001B[0;39m \u001B[36mc.e.App\u001B[0;39m \u001B[2m:\u001B[0;39m Started App",
						"2026-11-22T10:15:37Z", LogLevel.INFO, "c.e.App", "Started App", null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void parsesCommonLayouts(String layout, String raw, String timestamp, LogLevel level, String logger,
			String message, String traceId) {
		LogLine line = LogParser.parseLine(raw, ORIGIN, RECEIVED, SHANGHAI);

		assertThat(line).isEqualTo(new LogLine(Instant.parse(timestamp), level, logger, message, traceId, "orders",
				"test", "42", "orders-42-1"));
	}

	@Test
	void stackTraceLinesJoinThePreviousEvent() {
		List<String> output = List.of(
				"2026-11-22T10:15:30.000Z ERROR 1 --- [orders] [exec-1] c.e.OrderController : Order failed",
				"java.lang.IllegalStateException: stock is empty",
				"\tat com.example.Stock.take(Stock.java:42)",
				"\tat com.example.OrderController.create(OrderController.java:17)",
				"Caused by: java.sql.SQLException: timeout",
				"\t... 12 more",
				"2026-11-22T10:15:31.000Z  INFO 1 --- [orders] [exec-2] c.e.OrderController : Order 8 created");

		List<LogLine> events = LogParser.parseAll(output, ORIGIN, RECEIVED, ZoneOffset.UTC);

		assertThat(events).hasSize(2);
		assertThat(events.get(0).level()).isEqualTo(LogLevel.ERROR);
		assertThat(events.get(0).message()).isEqualTo("""
				Order failed
				java.lang.IllegalStateException: stock is empty
				\tat com.example.Stock.take(Stock.java:42)
				\tat com.example.OrderController.create(OrderController.java:17)
				Caused by: java.sql.SQLException: timeout
				\t... 12 more""");
		assertThat(events.get(1).message()).isEqualTo("Order 8 created");
	}

	@Test
	void anEventIsHeldBackUntilTheNextStartsOrAFlush() {
		LogParser parser = new LogParser(ORIGIN, ZoneOffset.UTC);

		assertThat(parser.feed("2026-11-22 10:00:00.000 [TID:N/A] [main] ERROR c.e.A - boom", RECEIVED)).isEmpty();
		assertThat(parser.feed("    at c.e.A.run(A.java:1)", RECEIVED)).isEmpty();
		assertThat(parser.flush()).get()
			.extracting(LogLine::message)
			.isEqualTo("boom\n    at c.e.A.run(A.java:1)");
		assertThat(parser.flush()).isEmpty();
	}

	@Test
	void aContinuationWithNothingBeforeItIsAPlainLine() {
		List<LogLine> events = LogParser.parseAll(List.of("\tat c.e.A.run(A.java:1)"), ORIGIN, RECEIVED,
				ZoneOffset.UTC);

		assertThat(events).singleElement().satisfies((line) -> {
			assertThat(line.level()).isEqualTo(LogLevel.UNKNOWN);
			assertThat(line.timestamp()).isEqualTo(RECEIVED);
		});
	}

	@Test
	void anEndlessStackTraceIsCutAtTheEventLimitAndSaysHowManyLinesWent() {
		List<String> lines = new ArrayList<>();
		lines.add("2026-11-22 18:15:30.123 ERROR 1 --- [main] o.s.Boot : boom");
		String frame = "\tat com.example.Deep.call(Deep.java:" + "1".repeat(100) + ")";
		int frames = LogParser.MAX_EVENT_CHARS / frame.length() + 50;
		for (int i = 0; i < frames; i++) {
			lines.add(frame);
		}
		lines.add("2026-11-22 18:15:31.000 INFO 1 --- [main] o.s.Boot : next");

		List<LogLine> events = LogParser.parseAll(lines, ORIGIN, RECEIVED, SHANGHAI);

		assertThat(events).hasSize(2);
		String trace = events.get(0).message();
		assertThat(trace.length()).isLessThanOrEqualTo(LogParser.MAX_EVENT_CHARS + 100);
		int kept = (int) trace.lines().filter(line -> line.equals(frame)).count();
		assertThat(trace).endsWith("[platform] " + (frames - kept) + " more lines of this event cut (longer than "
				+ LogParser.MAX_EVENT_CHARS + " characters)");
		assertThat(events.get(1).message()).isEqualTo("next");
	}

}
