package io.platform.logs.log;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogQueryTest {

	@Test
	void limitDefaultsTo100AndIsCappedAt1000() {
		assertThat(LogQuery.all().limit()).isEqualTo(100);
		assertThat(LogQuery.all().withLimit(0).limit()).isEqualTo(100);
		assertThat(LogQuery.all().withLimit(-5).limit()).isEqualTo(100);
		assertThat(LogQuery.all().withLimit(250).limit()).isEqualTo(250);
		assertThat(LogQuery.all().withLimit(5000).limit()).isEqualTo(1000);
	}

	@Test
	void blankCriteriaMeanAny() {
		LogQuery query = LogQuery.all().withService(" ").withTraceId("").withText("  ").withLevel(LogLevel.UNKNOWN);

		assertThat(query).isEqualTo(LogQuery.all());
	}

	@Test
	void fromMustBeBeforeTo() {
		Instant now = Instant.parse("2026-11-22T10:00:00Z");

		assertThatThrownBy(() -> LogQuery.all().withRange(now, now)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'from'");
	}

	@Test
	void minimumLevelIncludesTheMoreSevereOnes() {
		assertThat(LogLevel.ERROR.andAbove()).containsExactly(LogLevel.ERROR);
		assertThat(LogLevel.WARN.andAbove()).containsExactly(LogLevel.WARN, LogLevel.ERROR);
		assertThat(LogLevel.TRACE.andAbove()).containsExactly(LogLevel.TRACE, LogLevel.DEBUG, LogLevel.INFO,
				LogLevel.WARN, LogLevel.ERROR);
		assertThat(LogLevel.of("warning")).isEqualTo(LogLevel.WARN);
		assertThat(LogLevel.of("FATAL")).isEqualTo(LogLevel.ERROR);
		assertThat(LogLevel.of("verbose")).isEqualTo(LogLevel.UNKNOWN);
		assertThat(LogLevel.WARN.spellings()).contains("WARN", "warn", "WARNING", "warning");
	}

	@Test
	void cursorsRoundTripAndForeignOnesAreRejected() {
		LogCursor cursor = new LogCursor(1_763_800_000_000L, 42);

		assertThat(LogQuery.all().withCursor(cursor.encode()).after()).isEqualTo(cursor);
		assertThatThrownBy(() -> LogQuery.all().withCursor("not-a-cursor").after())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("nextCursor");
	}

}
