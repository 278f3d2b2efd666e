package io.platform.env.runtime.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The ping against small servers on real unix sockets that answer as an engine would, or not at all. */
class UnixSocketPingTest {

	@TempDir
	Path dir;

	private ServerSocketChannel server;

	private Thread serving;

	@AfterEach
	void stop() throws Exception {
		if (server != null) {
			server.close();
		}
		if (serving != null) {
			serving.join(5000);
		}
	}

	@Test
	void anEngineThatAnswersOkAnswers() throws Exception {
		AtomicReference<String> request = new AtomicReference<>();
		String host = serve("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK", request);

		assertThat(UnixSocketPing.answers(host, Duration.ofSeconds(5))).isTrue();
		assertThat(request.get()).startsWith("GET /_ping HTTP/1.0\r\n");
	}

	@Test
	void anErrorStatusIsNoAnswer() throws Exception {
		String host = serve("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n", new AtomicReference<>());

		assertThat(UnixSocketPing.answers(host, Duration.ofSeconds(5))).isFalse();
	}

	@Test
	void aSocketNobodyListensOnIsNoAnswer() {
		assertThat(UnixSocketPing.answers("unix://" + dir.resolve("missing.sock"), Duration.ofSeconds(5))).isFalse();
	}

	@Test
	void aServerThatNeverAnswersIsGivenUpOnAtTheTimeout() throws Exception {
		String host = serve(null, new AtomicReference<>());
		long start = System.nanoTime();

		assertThat(UnixSocketPing.answers(host, Duration.ofMillis(300))).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	/** Accepts one connection, reads the request and sends {@code response} (none when null). */
	private String serve(String response, AtomicReference<String> request) throws IOException {
		Path socket = dir.resolve("docker.sock");
		server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		server.bind(UnixDomainSocketAddress.of(socket));
		serving = new Thread(() -> {
			try (SocketChannel client = server.accept()) {
				ByteBuffer in = ByteBuffer.allocate(1024);
				while (!new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII).contains("\r\n\r\n")
						&& client.read(in) >= 0) {
					// reading the request head
				}
				request.set(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
				if (response != null) {
					client.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
				}
				else {
					Thread.sleep(1000);
				}
			}
			catch (IOException | InterruptedException ex) {
				// closed by the test
			}
		});
		serving.start();
		return "unix://" + socket;
	}

}
