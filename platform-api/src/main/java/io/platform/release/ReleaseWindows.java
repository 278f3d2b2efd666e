package io.platform.release;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import io.platform.support.web.InvalidInputException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether a release may start in an environment at an instant: inside a freeze never; otherwise inside one
 * of its weekly windows (each in its own time zone, a window may cross midnight), or always when it has
 * none. Emergencies bypass this check (see the stage start).
 */
@Component
public class ReleaseWindows {

	/**
	 * The answer: {@code reason} says why it is closed (the freeze's reason inside a freeze), null when
	 * open; {@code nextOpening} is the next instant a window opens outside every freeze (null when open, or
	 * when none opens within a year).
	 */
	public record WindowCheck(boolean open, String reason, Instant nextOpening) {
	}

	/** A weekly window: on {@code days}, from {@code from} to {@code to} (the next day when earlier) in {@code zone}. */
	record Weekly(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

		/** Whether the window is open at that instant. */
		boolean contains(Instant at) {
			ZonedDateTime local = at.atZone(zone);
			for (LocalDate start : List.of(local.toLocalDate(), local.toLocalDate().minusDays(1))) {
				if (days.contains(start.getDayOfWeek())) {
					ZonedDateTime opens = start.atTime(from).atZone(zone);
					ZonedDateTime closes = (to.isAfter(from) ? start : start.plusDays(1)).atTime(to).atZone(zone);
					if (!at.isBefore(opens.toInstant()) && at.isBefore(closes.toInstant())) {
						return true;
					}
				}
			}
			return false;
		}

		String describe(Instant opening) {
			ZonedDateTime local = opening.atZone(zone);
			return local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
					+ local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " " + zone.getId() + " (window "
					+ days.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(",")) + " " + from + "-" + to
					+ ")";
		}

	}

	record Freeze(Instant from, Instant to, String reason) {

		boolean contains(Instant at) {
			return !at.isBefore(from) && at.isBefore(to);
		}

	}

	/** A check with the window that opens next, to name it in its own zone. */
	record Evaluation(WindowCheck check, Weekly nextWindow) {

		/** "Tuesday 2026-12-08 17:00 Asia/Shanghai (window ...)" or the instant when no window is configured. */
		String describeNext() {
			if (check.nextOpening() == null) {
				return "no window opens within a year";
			}
			return nextWindow != null ? nextWindow.describe(check.nextOpening()) : check.nextOpening().toString();
		}

	}

	/** A window as the API shows it: {@code {days: [TUESDAY], from: "17:00", to: "19:00", zone: "Asia/Shanghai"}}. */
	record WindowView(List<String> days, String from, String to, String zone) {
	}

	record FreezeView(Instant from, Instant to, String reason) {
	}

	private static final int HORIZON_DAYS = 370;

	private final ReleaseMappers.WindowMapper windows;

	private final ReleaseMappers.FreezeMapper freezes;

	ReleaseWindows(ReleaseMappers.WindowMapper windows, ReleaseMappers.FreezeMapper freezes) {
		this.windows = windows;
		this.freezes = freezes;
	}

	public WindowCheck check(String env, Instant at) {
		return evaluate(env, at).check();
	}

	Evaluation evaluate(String env, Instant at) {
		List<Weekly> weekly = windows.selectList(new QueryWrapper<ReleaseWindow>().eq("env", env).orderByAsc("seq"))
			.stream()
			.map(ReleaseWindows::weekly)
			.toList();
		List<Freeze> frozen = freezes.selectList(new QueryWrapper<ReleaseFreeze>().eq("env", env))
			.stream()
			.map(f -> new Freeze(f.fromAt, f.toAt, f.reason))
			.toList();
		return evaluate(weekly, frozen, at);
	}

	/** The windows of an environment, as the API shows them. */
	List<WindowView> windows(String env) {
		return windows.selectList(new QueryWrapper<ReleaseWindow>().eq("env", env).orderByAsc("seq"))
			.stream()
			.map(w -> new WindowView(Arrays.stream(w.days.split(",")).toList(), w.fromTime, w.toTime, w.zone))
			.toList();
	}

	@Transactional
	List<WindowView> replaceWindows(String env, List<WindowView> requested) {
		List<ReleaseWindow> rows = new ArrayList<>();
		for (int i = 0; i < requested.size(); i++) {
			rows.add(checked(env, i, requested.get(i)));
		}
		windows.delete(new QueryWrapper<ReleaseWindow>().eq("env", env));
		rows.forEach(windows::insert);
		return windows(env);
	}

	List<FreezeView> freezes(String env) {
		return freezes.selectList(new QueryWrapper<ReleaseFreeze>().eq("env", env).orderByAsc("from_at"))
			.stream()
			.map(f -> new FreezeView(f.fromAt, f.toAt, f.reason))
			.toList();
	}

	@Transactional
	List<FreezeView> replaceFreezes(String env, List<FreezeView> requested) {
		List<ReleaseFreeze> rows = new ArrayList<>();
		for (int i = 0; i < requested.size(); i++) {
			FreezeView f = requested.get(i);
			String field = "[" + i + "]";
			if (f == null || f.from() == null || f.to() == null) {
				throw new InvalidInputException(field, "A freeze needs \"from\" and \"to\" (ISO-8601 instants such as "
						+ "2026-12-20T00:00:00Z).");
			}
			if (!f.to().isAfter(f.from())) {
				throw new InvalidInputException(field + ".to", "The freeze must end after it starts (" + f.from() + ").");
			}
			if (f.reason() == null || f.reason().isBlank() || f.reason().length() > 1000) {
				throw new InvalidInputException(field + ".reason", "Say why releases are frozen (at most 1000 characters).");
			}
			ReleaseFreeze row = new ReleaseFreeze();
			row.env = env;
			row.fromAt = f.from();
			row.toAt = f.to();
			row.reason = f.reason().strip();
			rows.add(row);
		}
		freezes.delete(new QueryWrapper<ReleaseFreeze>().eq("env", env));
		rows.forEach(freezes::insert);
		return freezes(env);
	}

	private static ReleaseWindow checked(String env, int index, WindowView w) {
		String field = "[" + index + "]";
		if (w == null || w.days() == null || w.days().isEmpty()) {
			throw new InvalidInputException(field + ".days", "List the days of the window, such as [\"TUESDAY\", \"THURSDAY\"].");
		}
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		for (String day : w.days()) {
			try {
				days.add(DayOfWeek.valueOf(day == null ? "" : day.strip().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(field + ".days", "'" + day + "' is not a day; use MONDAY to SUNDAY.");
			}
		}
		LocalTime from = time(field + ".from", w.from());
		LocalTime to = time(field + ".to", w.to());
		if (from.equals(to)) {
			throw new InvalidInputException(field + ".to", "The window must not start and end at the same time (" + from
					+ ").");
		}
		ZoneId zone;
		try {
			zone = ZoneId.of(w.zone() == null ? "" : w.zone().strip());
		}
		catch (java.time.DateTimeException ex) {
			throw new InvalidInputException(field + ".zone", "'" + w.zone()
					+ "' is not a time zone; use a region such as Asia/Shanghai or Europe/Berlin.");
		}
		ReleaseWindow row = new ReleaseWindow();
		row.env = env;
		row.seq = index;
		row.days = days.stream().map(DayOfWeek::name).collect(Collectors.joining(","));
		row.fromTime = from.toString();
		row.toTime = to.toString();
		row.zone = zone.getId();
		return row;
	}

	private static LocalTime time(String field, String text) {
		try {
			return LocalTime.parse(text == null ? "" : text.strip(), DateTimeFormatter.ofPattern("HH:mm"));
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new InvalidInputException(field, "'" + text + "' is not a time of day; use HH:mm such as 17:00.");
		}
	}

	static Weekly weekly(ReleaseWindow row) {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		Arrays.stream(row.days.split(",")).map(String::strip).map(DayOfWeek::valueOf).forEach(days::add);
		return new Weekly(days, LocalTime.parse(row.fromTime), LocalTime.parse(row.toTime), ZoneId.of(row.zone));
	}

	static Evaluation evaluate(List<Weekly> weekly, List<Freeze> frozen, Instant at) {
		Freeze freeze = frozen.stream().filter(f -> f.contains(at)).findFirst().orElse(null);
		boolean inWindow = weekly.isEmpty() || weekly.stream().anyMatch(w -> w.contains(at));
		if (freeze == null && inWindow) {
			return new Evaluation(new WindowCheck(true, null, null), null);
		}
		Instant best = null;
		Weekly bestWindow = null;
		if (weekly.isEmpty()) {
			best = afterFreezes(at, frozen);
		}
		for (Weekly w : weekly) {
			LocalDate first = at.atZone(w.zone()).toLocalDate().minusDays(1);
			for (int day = 0; day < HORIZON_DAYS; day++) {
				LocalDate start = first.plusDays(day);
				if (!w.days().contains(start.getDayOfWeek())) {
					continue;
				}
				Instant opens = start.atTime(w.from()).atZone(w.zone()).toInstant();
				Instant closes = (w.to().isAfter(w.from()) ? start : start.plusDays(1)).atTime(w.to())
					.atZone(w.zone())
					.toInstant();
				if (best != null && opens.isAfter(best)) {
					break;
				}
				if (!closes.isAfter(at)) {
					continue;
				}
				// The window opens (or is open) at the first instant after every freeze that covers it.
				Instant candidate = afterFreezes(opens.isAfter(at) ? opens : at, frozen);
				if (candidate.isBefore(closes) && (best == null || candidate.isBefore(best))) {
					best = candidate;
					bestWindow = w;
					break;
				}
			}
		}
		String reason = freeze != null ? freeze.reason() : "outside every release window";
		return new Evaluation(new WindowCheck(false, reason, best), bestWindow);
	}

	/** The first instant at or after {@code at} that no freeze covers. */
	private static Instant afterFreezes(Instant at, List<Freeze> frozen) {
		Instant t = at;
		boolean moved = true;
		while (moved) {
			moved = false;
			for (Freeze f : frozen) {
				if (f.contains(t)) {
					t = f.to();
					moved = true;
				}
			}
		}
		return t;
	}

}
