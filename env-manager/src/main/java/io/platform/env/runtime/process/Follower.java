package io.platform.env.runtime.process;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.platform.env.runtime.LineBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls a growing output file and hands out complete lines, until closed or the process has ended. */
final class Follower implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(Follower.class);

	private static final long POLL_MILLIS = 100;

	private final Path file;

	private final Consumer<String> lines;

	private final BooleanSupplier alive;

	private final LineBuffer pending = new LineBuffer();

	private long position;

	private volatile ScheduledFuture<?> task;

	private volatile boolean closed;

	Follower(Path file, Consumer<String> lines, BooleanSupplier alive) {
		this.file = file;
		this.lines = lines;
		this.alive = alive;
	}

	void schedule(ScheduledExecutorService executor) {
		task = executor.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
	}

	private synchronized void poll() {
		if (closed) {
			// Closed before the task was known: cancel now.
			close();
			return;
		}
		try {
			// Ask before reading: output written before the process ended is then read in this same pass.
			boolean running = alive.getAsBoolean();
			read();
			if (!running) {
				if (!pending.isEmpty()) {
					emit();
				}
				close();
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Stopped following {}: {}", file, ex.toString());
			close();
		}
	}

	private void read() throws IOException {
		if (!Files.isRegularFile(file)) {
			return;
		}
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			long length = in.length();
			if (length < position) {
				position = 0;
			}
			in.seek(position);
			byte[] buffer = new byte[8192];
			while (position < length) {
				int read = in.read(buffer, 0, (int) Math.min(buffer.length, length - position));
				if (read < 0) {
					break;
				}
				position += read;
				for (int i = 0; i < read && !closed; i++) {
					if (buffer[i] == '\n') {
						emit();
					}
					else {
						pending.write(buffer[i]);
					}
				}
			}
		}
	}

	private void emit() {
		lines.accept(pending.take());
	}

	@Override
	public void close() {
		closed = true;
		ScheduledFuture<?> scheduled = task;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

}
