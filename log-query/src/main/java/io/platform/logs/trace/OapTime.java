package io.platform.logs.trace;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.platform.logs.trace.OapGraphQl.OapDuration;

/** OAP's way of writing time ranges: wall-clock minutes in OAP's own time zone. */
final class OapTime {

	/**
	 * The widest range asked of OAP. OAP keeps traces for its record TTL (3 days by default) and instances for
	 * its metrics TTL (7 days), so a wider range finds nothing more, while OAP's storage partitions its data by
	 * day and each day asked for is one more partition to search.
	 */
	static final Duration MAX_RANGE = Duration.ofDays(7);

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmm");

	private OapTime() {
	}

	/** A minute-step duration covering {@code from} to {@code to}, at most {@link #MAX_RANGE} back from {@code to}. */
	static OapDuration minutes(Instant from, Instant to, ZoneOffset zone) {
		Instant start = from.isBefore(to.minus(MAX_RANGE)) ? to.minus(MAX_RANGE) : from;
		// OAP takes both ends as whole minutes, the end minute included.
		return new OapDuration(MINUTE.format(start.atOffset(zone)), MINUTE.format(to.atOffset(zone)), "MINUTE");
	}

	/** OAP's {@code getTimeInfo.timezone}: an offset written {@code +0800}, {@code -0530} or {@code +0000}. */
	static ZoneOffset offset(String timezone) {
		if (timezone == null || timezone.isBlank()) {
			throw new DateTimeException("no time zone given");
		}
		return ZoneOffset.of(timezone.trim());
	}

}
