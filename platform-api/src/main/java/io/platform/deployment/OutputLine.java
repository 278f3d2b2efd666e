package io.platform.deployment;

import java.util.regex.Pattern;

/**
 * Makes a line printed by code from a branch (a build command, a service's output) safe to show in a
 * deployment's log: terminal control sequences are shown as text instead of acting on the reader's
 * terminal, and a line cannot pass for one of the platform's own ({@code [platform] RUNNING ...}).
 */
public final class OutputLine {

	/** What marks a line the build or the service printed that looks like one of the platform's own. */
	public static final String MARK = "[output] ";

	// The tags the platform itself writes at the start of its lines.
	private static final Pattern OWN_TAG = Pattern
		.compile("^\\s*\\[(platform|checkout|merge|build|image|start|health|switch)\\]", Pattern.CASE_INSENSITIVE);

	private OutputLine() {
	}

	/**
	 * The line with every control character but tab made visible (ESC as {@code ^[}, other C0 characters
	 * and DEL in caret notation, C1 characters as {@code \u009b}), and marked when it starts like a
	 * line of the platform.
	 */
	public static String neutralise(String line) {
		StringBuilder out = null;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			String replacement = null;
			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				replacement = "^" + (char) (c ^ 0x40);
			}
			else if (c >= 0x80 && c <= 0x9f) {
				replacement = String.format("\\u%04x", (int) c);
			}
			if (replacement != null && out == null) {
				out = new StringBuilder(line.length() + 8).append(line, 0, i);
			}
			if (out != null) {
				if (replacement != null) {
					out.append(replacement);
				}
				else {
					out.append(c);
				}
			}
		}
		String safe = out == null ? line : out.toString();
		return OWN_TAG.matcher(safe).find() ? MARK + safe : safe;
	}

}
