package io.platform.release.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** An SQL script of a release item: a name that identifies it for good, and its text. */
public record SqlScript(String name, String script) {

	/**
	 * The text as it is compared and run: line endings as {@code \n} and trailing whitespace of the whole
	 * text trimmed, so a checkout on Windows or an editor's final newline is not an edit.
	 */
	public static String normalise(String script) {
		return script.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
	}

	/** SHA-256 (lower-case hex) of the normalised text. */
	public static String checksum(String script) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(normalise(script).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	public String checksum() {
		return checksum(script);
	}

}
