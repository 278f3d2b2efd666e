package io.platform.env.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one output line as they arrive, bounded: past {@link #MAX_LINE_BYTES} the rest of the line
 * is counted, not kept, so a workload that prints without newlines cannot fill the platform's memory. A line
 * cut so ends with a note saying how long it was. Not thread-safe.
 */
public final class LineBuffer {

	/** The most kept of one line; the log shipper usually cuts lines much shorter. */
	public static final int MAX_LINE_BYTES = 1024 * 1024;

	private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

	private final int max;

	private long skipped;

	public LineBuffer() {
		this(MAX_LINE_BYTES);
	}

	LineBuffer(int max) {
		this.max = max;
	}

	public void write(byte b) {
		if (pending.size() < max) {
			pending.write(b);
		}
		else {
			skipped++;
		}
	}

	public boolean isEmpty() {
		return pending.size() == 0 && skipped == 0;
	}

	/** The line so far, without a trailing carriage return; the buffer starts a new line. */
	public String take() {
		String line = pending.toString(StandardCharsets.UTF_8);
		if (skipped > 0) {
			line += " [line cut at " + max + " of its " + (max + skipped) + " bytes]";
		}
		else if (line.endsWith("\r")) {
			line = line.substring(0, line.length() - 1);
		}
		pending.reset();
		skipped = 0;
		return line;
	}

}
