package io.platform.env.runtime.docker;

import java.util.function.Consumer;

import io.platform.env.runtime.LineBuffer;

/**
 * Turns the byte chunks of one output stream into lines: Docker frames follow the app's writes, so a frame
 * may hold several lines or half of one.
 */
final class LineSplitter {

	private final LineBuffer pending = new LineBuffer();

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
		if (!pending.isEmpty()) {
			emit();
		}
	}

	private void emit() {
		lines.accept(pending.take());
	}

}
