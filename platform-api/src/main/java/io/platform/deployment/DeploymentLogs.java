package io.platform.deployment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.platform.PlatformProperties;

import org.springframework.stereotype.Component;

/**
 * The build and deploy log of each deployment: a file under platform.home (so it outlives a restart)
 * plus in-memory listeners for live streaming. A log stops growing at its cap so a runaway build cannot
 * fill the disk; the cut is said in the log itself.
 */
@Component
public class DeploymentLogs {

	private final Path root;

	private final long capBytes;

	private final Map<Long, Channel> open = new ConcurrentHashMap<>();

	DeploymentLogs(PlatformProperties properties) {
		this.root = properties.home().resolve("deployments");
		this.capBytes = properties.deploy().logLimit().toBytes();
	}

	/** Appends one line (secrets are masked by the caller) and hands it to the live listeners. */
	public void append(long deploymentId, String line) {
		channel(deploymentId).append(line);
	}

	/** A consumer for step output, bound to one deployment. */
	public Consumer<String> writer(long deploymentId) {
		Channel channel = channel(deploymentId);
		return channel::append;
	}

	/** The whole log as written so far. */
	public String read(long deploymentId) {
		Path file = file(deploymentId);
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Gives {@code listener} the log so far, then every new line until the returned handle is closed.
	 * Both happen under the channel's lock so no line is lost or repeated between the two.
	 */
	public AutoCloseable subscribe(long deploymentId, Consumer<String> listener) {
		Channel channel = channel(deploymentId);
		synchronized (channel) {
			read(deploymentId).lines().forEach(listener);
			channel.listeners.add(listener);
		}
		return () -> channel.listeners.remove(listener);
	}

	/** Closes the file of a deployment that has ended; reads keep working. */
	public void close(long deploymentId) {
		Channel channel = open.remove(deploymentId);
		if (channel != null) {
			channel.closeWriter();
		}
	}

	public void delete(List<Long> deploymentIds) {
		for (Long id : deploymentIds) {
			close(id);
			try {
				Files.deleteIfExists(file(id));
				Files.deleteIfExists(file(id).getParent());
			}
			catch (IOException ex) {
				// a log left behind is harmless; the next cleanup takes it
			}
		}
	}

	private Path file(long deploymentId) {
		return root.resolve(Long.toString(deploymentId)).resolve("deploy.log");
	}

	private Channel channel(long deploymentId) {
		return open.computeIfAbsent(deploymentId, id -> new Channel(file(id)));
	}

	/** The log file could not be written (most often: the disk of platform.home is full). */
	public static final class Unwritable extends UncheckedIOException {

		Unwritable(Path file, IOException cause) {
			super("The deployment's log could not be written to " + file + " (" + describe(cause)
					+ "). Free space on the disk that holds platform.home (or fix its permissions), then deploy again.",
					cause);
		}

		private static String describe(IOException cause) {
			String reason = cause.getMessage();
			// The JDK names the file before the reason ("/x/deploy.log: No space left on device"); once is enough.
			int colon = reason == null ? -1 : reason.lastIndexOf(": ");
			return reason == null ? cause.getClass().getSimpleName() : colon < 0 ? reason : reason.substring(colon + 2);
		}

	}

	private final class Channel {

		private final Path file;

		private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

		private BufferedWriter writer;

		private long written;

		private boolean truncated;

		Channel(Path file) {
			this.file = file;
		}

		synchronized void append(String line) {
			if (truncated) {
				return;
			}
			String text = line;
			long size = text.getBytes(StandardCharsets.UTF_8).length + 1L;
			if (written + size > capBytes) {
				truncated = true;
				text = "[platform] log truncated: it reached its limit of " + capBytes / 1024 + " KB";
			}
			try {
				if (writer == null) {
					Files.createDirectories(file.getParent());
					written = Files.exists(file) ? Files.size(file) : 0;
					writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
							StandardOpenOption.APPEND);
				}
				writer.write(text);
				writer.write('\n');
				writer.flush();
				written += size;
			}
			catch (IOException ex) {
				throw new Unwritable(file, ex);
			}
			for (Consumer<String> listener : listeners) {
				listener.accept(text);
			}
		}

		synchronized void closeWriter() {
			if (writer != null) {
				try {
					writer.close();
				}
				catch (IOException ex) {
					// nothing more will be written
				}
				writer = null;
			}
		}

	}

}
