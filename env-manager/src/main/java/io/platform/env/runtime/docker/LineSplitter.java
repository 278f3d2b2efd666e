package io.platform.env.runtime.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns the byte chunks of one output stream into lines: Docker frames follow the app's writes, so a frame
 * may hold several lines or half of one.
 */
final class LineSplitter {

	private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

	private final Consumer<String> lines;

	LineSplitter(Consumer<String> lines) {
		this.lines = lines;
	}

	synchronized void accept(byte[] chunk) {
		for (byte b : chunk) {
			if (b == '\n') {
				emit();
			}
			else {
				pending.write(b);
			}
		}
	}

	/** Emits what is left after the stream ended without a final newline. */
	synchronized void flush() {
		if (pending.size() > 0) {
			emit();
		}
	}

	private void emit() {
		String line = pending.toString(StandardCharsets.UTF_8);
		pending.reset();
		lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
	}

}
