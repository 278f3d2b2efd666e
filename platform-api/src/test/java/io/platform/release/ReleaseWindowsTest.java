package io.platform.release;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import io.platform.release.ReleaseWindows.Evaluation;
import io.platform.release.ReleaseWindows.Freeze;
import io.platform.release.ReleaseWindows.Weekly;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseWindowsTest {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static Weekly window(ZoneId zone, String from, String to, DayOfWeek... days) {
		return new Weekly(EnumSet.of(days[0], days), LocalTime.parse(from), LocalTime.parse(to), zone);
	}

	private static Evaluation at(String instant, List<Weekly> windows, List<Freeze> freezes) {
		return ReleaseWindows.evaluate(windows, freezes, Instant.parse(instant));
	}

	@Test
	void noWindowsMeansAlwaysOpen() {
		assertThat(at("2026-12-04T03:00:00Z", List.of(), List.of()).check().open()).isTrue();
	}

	@Test
	void noWindowsButFrozenIsClosedWithTheFreezesReasonUntilItsEnd() {
		Freeze freeze = new Freeze(Instant.parse("2026-12-20T00:00:00Z"), Instant.parse("2027-01-03T00:00:00Z"),
				"year-end freeze");
		Evaluation e = at("2026-12-24T10:00:00Z", List.of(), List.of(freeze));
		assertThat(e.check()).isEqualTo(new ReleaseWindows.WindowCheck(false, "year-end freeze",
				Instant.parse("2027-01-03T00:00:00Z")));
		assertThat(at("2027-01-03T00:00:00Z", List.of(), List.of(freeze)).check().open()).isTrue();
	}

	@Test
	void openInsideTheWindowInItsOwnZoneAndClosedJustOutside() {
		List<Weekly> tueThu = List.of(window(SHANGHAI, "17:00", "19:00", DayOfWeek.TUESDAY, DayOfWeek.THURSDAY));
		// Tuesday 2026-12-08 17:00 in Shanghai is 09:00 UTC.
		assertThat(at("2026-12-08T09:00:00Z", tueThu, List.of()).check().open()).isTrue();
		assertThat(at("2026-12-08T10:59:59Z", tueThu, List.of()).check().open()).isTrue();
		Evaluation after = at("2026-12-08T11:00:00Z", tueThu, List.of());
		assertThat(after.check().open()).isFalse();
		assertThat(after.check().reason()).isEqualTo("outside every release window");
		// Next: Thursday 17:00 Shanghai.
		assertThat(after.check().nextOpening()).isEqualTo(Instant.parse("2026-12-10T09:00:00Z"));
		assertThat(after.describeNext()).startsWith("Thursday 2026-12-10 17:00 Asia/Shanghai");
	}

	@Test
	void aWindowCrossingMidnightIsOpenOnTheNextMorning() {
		List<Weekly> friNight = List.of(window(BERLIN, "22:00", "02:00", DayOfWeek.FRIDAY));
		// Saturday 2026-12-05 01:00 Berlin (UTC+1) = 00:00 UTC: still Friday's window.
		assertThat(at("2026-12-05T00:00:00Z", friNight, List.of()).check().open()).isTrue();
		// Saturday 23:00 Berlin: closed, the next one opens Friday 22:00.
		Evaluation sat = at("2026-12-05T22:00:00Z", friNight, List.of());
		assertThat(sat.check().open()).isFalse();
		assertThat(sat.check().nextOpening()).isEqualTo(Instant.parse("2026-12-11T21:00:00Z"));
	}

	@Test
	void theWindowFollowsItsZoneAcrossTheBerlinSpringForward() {
		// Berlin moves from UTC+1 to UTC+2 on Sunday 2026-03-29.
		List<Weekly> daily = List.of(window(BERLIN, "09:00", "10:00", DayOfWeek.values()));
		assertThat(at("2026-03-28T08:00:00Z", daily, List.of()).check().open()).isTrue();
		assertThat(at("2026-03-29T08:00:00Z", daily, List.of()).check().open()).isFalse();
		assertThat(at("2026-03-29T07:00:00Z", daily, List.of()).check().open()).isTrue();
		// Closed on Saturday 10:30 Berlin: the next opens Sunday 09:00 CEST = 07:00 UTC, not 08:00.
		assertThat(at("2026-03-28T09:30:00Z", daily, List.of()).check().nextOpening())
			.isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
	}

	@Test
	void theWindowFollowsItsZoneAcrossTheNewYorkFallBack() {
		// New York moves from UTC-4 to UTC-5 on Sunday 2026-11-01.
		List<Weekly> sunday = List.of(window(NEW_YORK, "01:30", "03:00", DayOfWeek.SUNDAY, DayOfWeek.MONDAY));
		Evaluation saturday = at("2026-10-31T12:00:00Z", sunday, List.of());
		// 01:30 happens twice that night; the window opens at the first (EDT, UTC-4).
		assertThat(saturday.check().nextOpening()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
		// 02:30 EST (UTC-5) = 07:30 UTC is inside; 03:00 EST = 08:00 UTC closes it.
		assertThat(at("2026-11-01T07:30:00Z", sunday, List.of()).check().open()).isTrue();
		assertThat(at("2026-11-01T08:00:00Z", sunday, List.of()).check().open()).isFalse();
		// Monday's window is in EST: 01:30 EST = 06:30 UTC.
		assertThat(at("2026-11-01T08:00:00Z", sunday, List.of()).check().nextOpening())
			.isEqualTo(Instant.parse("2026-11-02T06:30:00Z"));
	}

	@Test
	void windowsInTwoZonesOpenAtTheEarlierOfThem() {
		List<Weekly> both = List.of(window(NEW_YORK, "09:00", "10:00", DayOfWeek.MONDAY),
				window(BERLIN, "09:00", "10:00", DayOfWeek.MONDAY));
		Evaluation sunday = at("2026-12-06T12:00:00Z", both, List.of());
		assertThat(sunday.check().nextOpening()).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
		assertThat(sunday.describeNext()).contains("Europe/Berlin");
	}

	@Test
	void insideAFreezeTheWindowIsClosedAndTheNextOpeningSkipsFrozenWindows() {
		List<Weekly> tue = List.of(window(SHANGHAI, "17:00", "19:00", DayOfWeek.TUESDAY));
		Freeze freeze = new Freeze(Instant.parse("2026-12-07T00:00:00Z"), Instant.parse("2026-12-16T00:00:00Z"),
				"Double 12 sales");
		Evaluation e = at("2026-12-08T09:30:00Z", tue, List.of(freeze));
		assertThat(e.check().open()).isFalse();
		assertThat(e.check().reason()).isEqualTo("Double 12 sales");
		// Tuesday 2026-12-15 is frozen too: the next is Tuesday 2026-12-22.
		assertThat(e.check().nextOpening()).isEqualTo(Instant.parse("2026-12-22T09:00:00Z"));
	}

	@Test
	void aFreezeEndingInsideAWindowOpensItThen() {
		List<Weekly> tue = List.of(window(SHANGHAI, "17:00", "19:00", DayOfWeek.TUESDAY));
		Freeze freeze = new Freeze(Instant.parse("2026-12-07T00:00:00Z"), Instant.parse("2026-12-08T10:00:00Z"),
				"maintenance");
		assertThat(at("2026-12-08T09:30:00Z", tue, List.of(freeze)).check().nextOpening())
			.isEqualTo(Instant.parse("2026-12-08T10:00:00Z"));
	}

}
