package io.platform.application;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command template into argv the way a user types it (spaces separate, single or double quotes
 * group, backslash escapes inside double quotes). The result goes to a process builder, never to a shell,
 * so quotes are the only syntax there is: {@code ;}, {@code |} or {@code $(..)} are plain characters.
 */
public final class CommandLine {

	private CommandLine() {
	}

	public static List<String> split(String line) {
		List<String> args = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean inToken = false;
		char quote = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
				else if (c == '\\' && quote == '"' && i + 1 < line.length()
						&& (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
					current.append(line.charAt(++i));
				}
				else {
					current.append(c);
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
				inToken = true;
			}
			else if (Character.isWhitespace(c)) {
				if (inToken) {
					args.add(current.toString());
					current.setLength(0);
					inToken = false;
				}
			}
			else {
				current.append(c);
				inToken = true;
			}
		}
		if (quote != 0) {
			throw new IllegalArgumentException("has an unclosed " + (quote == '"' ? "double" : "single") + " quote");
		}
		if (inToken) {
			args.add(current.toString());
		}
		return args;
	}

}
