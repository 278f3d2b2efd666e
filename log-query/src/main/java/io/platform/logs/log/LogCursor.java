package io.platform.logs.log;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page ended: the timestamp (epoch millis) and the store's sequence number of its last line. Sent to
 * clients as an opaque string; stores use it to continue after that line, so lines appended meanwhile neither
 * repeat nor shift the following pages.
 */
public record LogCursor(long timestamp, long sequence) {

	public String encode() {
		String text = this.timestamp + ":" + this.sequence;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
	}

	/** @throws IllegalArgumentException when {@code cursor} was not made by {@link #encode()} */
	public static LogCursor decode(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
			int colon = text.indexOf(':');
			return new LogCursor(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Invalid cursor '" + cursor + "': pass the nextCursor of a previous page");
		}
	}

}
