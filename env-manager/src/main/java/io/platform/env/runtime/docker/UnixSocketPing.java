package io.platform.env.runtime.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the engine behind a {@code unix://} socket for {@code GET /_ping} with the JDK alone: the answer to
 * "is there an engine?" then costs a few milliseconds instead of a Docker client (and its HTTP and JSON
 * stacks) built only to be thrown away.
 */
final class UnixSocketPing {

	static final String SCHEME = "unix://";

	private static final Logger logger = LoggerFactory.getLogger(UnixSocketPing.class);

	private static final byte[] REQUEST = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private UnixSocketPing() {
	}

	static boolean answers(String host, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(URI.create(host).getPath()));
			channel.configureBlocking(false);
			ByteBuffer request = ByteBuffer.wrap(REQUEST);
			ByteBuffer response = ByteBuffer.allocate(256);
			try (Selector selector = Selector.open()) {
				SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
				while (true) {
					long left = (deadline - System.nanoTime()) / 1_000_000;
					if (left <= 0) {
						logger.debug("No Docker engine answered at {} within {}", host, timeout);
						return false;
					}
					if (selector.select(left) == 0) {
						continue;
					}
					if (key.isWritable()) {
						channel.write(request);
						if (!request.hasRemaining()) {
							key.interestOps(SelectionKey.OP_READ);
						}
					}
					if (key.isReadable() && (channel.read(response) < 0 || statusLineRead(response))) {
						return isOk(response);
					}
					selector.selectedKeys().clear();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("No Docker engine answers at {}: {}", host, ex.toString());
			return false;
		}
	}

	private static boolean statusLineRead(ByteBuffer response) {
		for (int i = 0; i < response.position(); i++) {
			if (response.get(i) == '\n') {
				return true;
			}
		}
		return !response.hasRemaining();
	}

	/** An HTTP status line with 200: {@code HTTP/1.x 200 OK}. */
	private static boolean isOk(ByteBuffer response) {
		String head = new String(response.array(), 0, response.position(), StandardCharsets.US_ASCII);
		int end = head.indexOf('\n');
		String[] status = (end < 0 ? head : head.substring(0, end)).trim().split(" ");
		return status.length >= 2 && status[0].startsWith("HTTP/1.") && status[1].equals("200");
	}

}
