package io.platform.logs.log;

import java.time.Instant;
import java.util.Objects;

/**
 * One log event of a deployment: a line of its output, with the stack trace lines that followed it.
 *
 * @param timestamp when the application wrote it (the receive time when the line carries none)
 * @param level its severity, {@link LogLevel#UNKNOWN} for plain lines
 * @param logger the logger name, or {@code null}
 * @param message the message, continuation lines joined with {@code \n}
 * @param traceId the trace id the line was written under, or {@code null}
 * @param service the application name
 * @param env the environment name
 * @param deploymentId the deployment whose output it is, or {@code null} for lines shipped by others
 * @param instance the instance (container) that wrote it, or {@code null}
 */
public record LogLine(Instant timestamp, LogLevel level, String logger, String message, String traceId,
		String service, String env, String deploymentId, String instance) {

	public LogLine {
		Objects.requireNonNull(timestamp, "timestamp");
		level = (level != null) ? level : LogLevel.UNKNOWN;
		message = (message != null) ? message : "";
	}

	/** The same event with more text after its message (a stack trace line). */
	public LogLine withContinuation(String text) {
		return new LogLine(this.timestamp, this.level, this.logger, this.message + "\n" + text, this.traceId,
				this.service, this.env, this.deploymentId, this.instance);
	}

}
