package io.platform.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A back-end that accepts connections and then never answers (an overloaded or hung server), except the
 * requests whose first line {@code answers} says it answers with 200 (a Docker engine's ping, say); or one
 * that sends the head of its answer and the start of the body, then nothing more.
 */
public final class SilentServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Predicate<String> answers;

	private final boolean stallsBody;

	private final List<Socket> held = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	private SilentServer(Predicate<String> answers, boolean stallsBody) throws IOException {
		this.socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
		this.answers = answers;
		this.stallsBody = stallsBody;
		this.acceptor = new Thread(this::accept, "silent-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/** Answers nothing at all. */
	public static SilentServer start() throws IOException {
		return new SilentServer(line -> false, false);
	}

	/** Answers 200 to the requests whose first line matches, nothing to the others. */
	public static SilentServer answering(Predicate<String> requestLine) throws IOException {
		return new SilentServer(requestLine, false);
	}

	/** Sends a 200 head and a few bytes of a longer body to every request, then nothing. */
	public static SilentServer stallingBody() throws IOException {
		return new SilentServer(line -> false, true);
	}

	public int port() {
		return socket.getLocalPort();
	}

	private void accept() {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				held.add(client);
				Thread reader = new Thread(() -> serve(client), "silent-server-connection");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			while (true) {
				String head = readHead(in);
				if (head == null) {
					return;
				}
				String firstLine = head.lines().findFirst().orElse("");
				if (stallsBody) {
					out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nthe start"
						.getBytes(StandardCharsets.US_ASCII));
					out.flush();
					return;
				}
				if (!answers.test(firstLine)) {
					// Hold the connection, read nothing more, answer nothing.
					return;
				}
				out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK"
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
		}
		catch (IOException ex) {
			// The caller gave up.
		}
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		int b;
		while ((b = in.read()) >= 0) {
			head.append((char) b);
			if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
				return head.toString();
			}
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		socket.close();
		for (Socket client : held) {
			client.close();
		}
	}

}
