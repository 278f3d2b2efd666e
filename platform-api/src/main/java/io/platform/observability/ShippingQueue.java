package io.platform.observability;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The output lines of one instance on their way to the log store, bounded both ways: at most
 * {@code maxLines} wait (a line that finds the queue full is dropped and counted, so a service that
 * prints faster than lines can be shipped costs the platform no memory), and a line longer than
 * {@code maxLineBytes} is cut there and marked. Filled by the runtime's reader, drained by the shipper.
 */
final class ShippingQueue {

	private final BlockingQueue<String> lines;

	private final int maxLineBytes;

	private final AtomicLong dropped = new AtomicLong();

	private final Runnable onDrop;

	private final Runnable onCut;

	ShippingQueue(int maxLines, int maxLineBytes, Runnable onDrop, Runnable onCut) {
		this.lines = new ArrayBlockingQueue<>(maxLines);
		this.maxLineBytes = maxLineBytes;
		this.onDrop = onDrop;
		this.onCut = onCut;
	}

	/** Queues a line (cut if too long), or drops and counts it when the queue is full. */
	void offer(String line) {
		if (!lines.offer(cut(line))) {
			dropped.incrementAndGet();
			onDrop.run();
		}
	}

	/** Hands every queued line to {@code consumer}; whether there was any. */
	boolean drain(Consumer<String> consumer) {
		boolean any = false;
		String line;
		while ((line = lines.poll()) != null) {
			any = true;
			consumer.accept(line);
		}
		return any;
	}

	/** The lines dropped since the last call. */
	long takeDropped() {
		return dropped.getAndSet(0);
	}

	private String cut(String line) {
		// A UTF-8 character is at most 4 bytes (3 per UTF-16 unit): a short line needs no encoding to know.
		if ((long) line.length() * 3 <= maxLineBytes) {
			return line;
		}
		byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= maxLineBytes) {
			return line;
		}
		onCut.run();
		return prefix(bytes, maxLineBytes) + " [platform] line cut at " + maxLineBytes + " of its " + bytes.length
				+ " bytes";
	}

	/** The first {@code length} bytes as text, without a character split at the end. */
	private static String prefix(byte[] bytes, int length) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.IGNORE)
			.onUnmappableCharacter(CodingErrorAction.IGNORE);
		CharBuffer out = CharBuffer.allocate(length);
		decoder.decode(ByteBuffer.wrap(bytes, 0, length), out, true);
		out.flip();
		return out.toString();
	}

}
