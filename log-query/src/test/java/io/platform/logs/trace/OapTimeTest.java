package io.platform.logs.trace;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.platform.logs.trace.OapGraphQl.OapDuration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OapTimeTest {

	private static final Instant FROM = Instant.parse("2026-11-22T13:09:59Z");

	@Test
	void writesWholeMinutesInOapsZone() {
		assertThat(OapTime.minutes(FROM, FROM.plusSeconds(3600), ZoneOffset.UTC))
			.isEqualTo(new OapDuration("2026-11-22 1309", "2026-11-22 1409", "MINUTE"));
		assertThat(OapTime.minutes(FROM, FROM.plusSeconds(60), ZoneOffset.ofHoursMinutes(5, 30)))
			.isEqualTo(new OapDuration("2026-11-22 1839", "2026-11-22 1840", "MINUTE"));
		assertThat(OapTime.minutes(FROM, FROM.plusSeconds(60), ZoneOffset.ofHours(-14)))
			.isEqualTo(new OapDuration("2026-11-21 2309", "2026-11-21 2310", "MINUTE"));
	}

	@Test
	void rangesLongerThanOapKeepsDataAreCutToTheNewestDays() {
		Instant to = FROM.plus(Duration.ofDays(400));

		assertThat(OapTime.minutes(FROM, to, ZoneOffset.UTC))
			.isEqualTo(new OapDuration("2027-12-20 1309", "2027-12-27 1309", "MINUTE"));
		assertThat(OapTime.minutes(to.minus(OapTime.MAX_RANGE), to, ZoneOffset.UTC).start()).isEqualTo("2027-12-20 1309");
	}

	@Test
	void readsTheOffsetsOapWrites() {
		assertThat(OapTime.offset("+0000")).isEqualTo(ZoneOffset.UTC);
		assertThat(OapTime.offset("+0800")).isEqualTo(ZoneOffset.ofHours(8));
		assertThat(OapTime.offset("-0330")).isEqualTo(ZoneOffset.ofHoursMinutes(-3, -30));
		assertThat(OapTime.offset("+05:30")).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
	}

	@Test
	void aMissingOrForeignZoneIsRefused() {
		assertThatThrownBy(() -> OapTime.offset(null)).isInstanceOf(DateTimeException.class);
		assertThatThrownBy(() -> OapTime.offset("Asia/Shanghai")).isInstanceOf(DateTimeException.class);
	}

}
