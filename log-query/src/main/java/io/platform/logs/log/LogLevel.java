package io.platform.logs.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Severity of a log line, in increasing order. {@link #UNKNOWN} is for lines that carry no level (plain
 * output); a minimum-level filter never matches it.
 */
public enum LogLevel {

	UNKNOWN, TRACE, DEBUG, INFO, WARN("WARNING"), ERROR("FATAL", "CRITICAL", "SEVERE");

	private final List<String> aliases;

	LogLevel(String... aliases) {
		this.aliases = List.of(aliases);
	}

	/**
	 * The level named by {@code text} (any case, common aliases such as WARNING or FATAL), or
	 * {@link #UNKNOWN}.
	 */
	public static LogLevel of(String text) {
		if (text == null) {
			return UNKNOWN;
		}
		String name = text.trim().toUpperCase(Locale.ROOT);
		for (LogLevel level : values()) {
			if (level.name().equals(name) || level.aliases.contains(name)) {
				return level;
			}
		}
		return UNKNOWN;
	}

	/** This level and every more severe one: WARN gives WARN and ERROR. Empty for UNKNOWN. */
	public List<LogLevel> andAbove() {
		if (this == UNKNOWN) {
			return List.of();
		}
		return Arrays.stream(values()).filter((level) -> level.ordinal() >= ordinal()).toList();
	}

	/**
	 * Every spelling under which other shippers store this level (name and aliases, upper and lower case), so
	 * documents not written by this module match too.
	 */
	public List<String> spellings() {
		List<String> spellings = new ArrayList<>();
		spellings.add(name());
		spellings.addAll(this.aliases);
		List<String> lower = spellings.stream().map((s) -> s.toLowerCase(Locale.ROOT)).toList();
		spellings.addAll(lower);
		return spellings;
	}

}
