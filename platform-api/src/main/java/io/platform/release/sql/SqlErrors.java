package io.platform.release.sql;

import java.util.regex.Pattern;

/** Failure texts fit for the ledger: no password, whatever the statement or the database said. */
final class SqlErrors {

	/** A password written in a statement: IDENTIFIED [WITH plugin] BY '...', SET PASSWORD [FOR u] = '...', PASSWORD('...'). */
	private static final Pattern PASSWORD_LITERAL = Pattern.compile(
			"(?i)(identified\\s+(?:with\\s+\\S+\\s+)?(?:by|as)\\s+(?:password\\s*)?"
					+ "|set\\s+password(?:\\s+for\\s+\\S+)?\\s*=\\s*(?:password\\s*\\(\\s*)?|password\\s*\\(\\s*|password\\s*=\\s*)"
					+ "('(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.|\"\")*\")");

	static final String MASK = "******";

	static final int EXCERPT = 200;

	static final int MAX = 2000;

	private SqlErrors() {
	}

	/** Masks passwords written in SQL and the given secret values (when long enough to be one). */
	static String mask(String text, String... secrets) {
		if (text == null) {
			return null;
		}
		String masked = PASSWORD_LITERAL.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + "'" + MASK + "'"));
		for (String secret : secrets) {
			if (secret != null && secret.length() >= 3) {
				masked = masked.replace(secret, MASK);
			}
		}
		return masked;
	}

	static String excerpt(String statement) {
		String flat = statement.strip();
		return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "...";
	}

	static String cut(String text) {
		return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
	}

}
