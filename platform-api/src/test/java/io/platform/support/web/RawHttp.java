package io.platform.support.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request over a plain socket, with whatever Host header a test wants (Java's HttpClient
 * will not send a forged one): what a browser led by a rebound DNS name, or a container, would send.
 */
public final class RawHttp {

	/** The answer: status, headers by lower-case name (repeated ones one per line), body. */
	public record Answer(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	private RawHttp() {
	}

	public static Answer get(int port, String host, String path, String... headerLines) {
		return send(port, "GET", host, path, null, headerLines);
	}

	/** Sends to 127.0.0.1:{port} with {@code Host: host} (no port added), and an optional JSON body. */
	public static Answer send(int port, String method, String host, String path, String json, String... headerLines) {
		return sendBody(port, method, host, path, "application/json", json, headerLines);
	}

	/** Sends a body of that type (none when {@code text} is null). */
	public static Answer sendBody(int port, String method, String host, String path, String contentType, String text,
			String... headerLines) {
		return sendTo("127.0.0.1", port, method, host, path, contentType, text, headerLines);
	}

	/** Connects to {@code address} (one of this machine's) rather than the loopback address. */
	public static Answer sendTo(String address, int port, String method, String host, String path, String contentType,
			String text, String... headerLines) {
		try (Socket socket = new Socket(address, port)) {
			socket.setSoTimeout(30_000);
			byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
					+ "\r\nConnection: close\r\n");
			if (text != null) {
				request.append("Content-Type: ").append(contentType).append("\r\n");
			}
			if (text != null || !method.equals("GET")) {
				request.append("Content-Length: ").append(body.length).append("\r\n");
			}
			for (String line : headerLines) {
				request.append(line).append("\r\n");
			}
			socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().write(body);
			// Bytes as chars, so that chunk sizes count right; the body is decoded as UTF-8 at the end.
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			int end = response.indexOf("\r\n\r\n");
			String[] head = response.substring(0, end).split("\r\n");
			Map<String, String> headers = new HashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.merge(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim(),
						(first, next) -> first + "\n" + next);
			}
			String raw = response.substring(end + 4);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				raw = unchunk(raw);
			}
			return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers,
					new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String unchunk(String body) {
		StringBuilder out = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = body.indexOf("\r\n", at);
			if (lineEnd < 0) {
				return out.toString();
			}
			int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				return out.toString();
			}
			out.append(body, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

}
