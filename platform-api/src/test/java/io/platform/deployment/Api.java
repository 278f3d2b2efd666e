package io.platform.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON client for the platform's REST API in end-to-end tests. */
final class Api {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private String token;

	Api(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** Calls are the admin's, through a personal access token made by a real sign-in on first use. */
	private HttpRequest.Builder signed(HttpRequest.Builder request) {
		if (token == null) {
			token = io.platform.support.SignedIn.adminToken(base);
		}
		return request.header("Authorization", "Bearer " + token);
	}

	record Answer(int status, JsonNode body, String text) {
	}

	Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	Answer post(String path, Object body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body))));
	}

	Answer put(String path, Object body) {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
	}

	String text(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/plain").GET()).text();
	}

	/** Polls a deployment until {@code done} holds for it, or fails after {@code timeout}. */
	JsonNode await(long id, Predicate<JsonNode> done, Duration timeout) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		JsonNode last = null;
		while (System.nanoTime() < end) {
			last = get("/api/deployments/" + id).body();
			if (done.test(last)) {
				return last;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Deployment " + id + " did not reach the expected state in " + timeout + "; last: "
				+ last + "\nlog:\n" + text("/api/deployments/" + id + "/log"));
	}

	JsonNode awaitEnd(long id) throws InterruptedException {
		// RUNNING with a step means it serves but is still switching: not over yet.
		return await(id, d -> !d.get("status").asString().matches("QUEUED|BUILDING|STARTING") && d.get("step").isNull(),
				Duration.ofMinutes(3));
	}

	/** An answer through the environment ingress: status, headers (lower-case names) and body. */
	record Raw(int status, java.util.Map<String, String> headers, String body) {
	}

	/**
	 * GET {@code path} on the platform's port with the given Host header (as a browser resolving
	 * {@code *.localhost} sends it), over a plain socket because HTTP clients refuse to set Host.
	 */
	Raw viaIngress(String host, String path, String... headerLines) {
		java.net.URI uri = URI.create(base);
		try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + uri.getPort()
					+ "\r\nConnection: close\r\n");
			for (String line : headerLines) {
				request.append(line).append("\r\n");
			}
			socket.getOutputStream().write(request.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			int end = response.indexOf("\r\n\r\n");
			String[] head = response.substring(0, end).split("\r\n");
			java.util.Map<String, String> headers = new java.util.HashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.put(head[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), head[i].substring(colon + 1).trim());
			}
			String body = response.substring(end + 4);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = unchunk(body);
			}
			return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers, body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String unchunk(String body) {
		StringBuilder out = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = body.indexOf("\r\n", at);
			int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				return out.toString();
			}
			out.append(body, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

	/** Reads a server-sent event stream until the server closes it; its lines, in order. */
	List<String> stream(String path, Duration timeout) throws Exception {
		HttpResponse<java.util.stream.Stream<String>> response = http.send(
				signed(HttpRequest.newBuilder(URI.create(base + path))).header("Accept", "text/event-stream").timeout(timeout).GET().build(),
				HttpResponse.BodyHandlers.ofLines());
		java.util.concurrent.CompletableFuture<List<String>> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			try (java.util.stream.Stream<String> lines = response.body()) {
				return lines.filter(line -> !line.isEmpty()).toList();
			}
		});
		// Bounded: a stream that never ends fails the test instead of hanging it.
		return read.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
	}

	/**
	 * Opens a stream of server-sent events, runs {@code whileOpen} once the server sent its first event, and
	 * returns the lines read until one matches {@code until} (the stream itself stays open on the server).
	 */
	List<String> streamUntil(String path, Predicate<String> until, Duration timeout, Callable<?> whileOpen)
			throws Exception {
		HttpResponse<java.util.stream.Stream<String>> response = http.send(
				signed(HttpRequest.newBuilder(URI.create(base + path))).header("Accept", "text/event-stream").timeout(timeout).GET().build(),
				HttpResponse.BodyHandlers.ofLines());
		List<String> read = new java.util.concurrent.CopyOnWriteArrayList<>();
		java.util.concurrent.CompletableFuture<Void> reading = java.util.concurrent.CompletableFuture.runAsync(() -> {
			try (java.util.stream.Stream<String> lines = response.body()) {
				java.util.Iterator<String> it = lines.iterator();
				boolean acted = false;
				while (it.hasNext()) {
					String line = it.next();
					if (line.isEmpty()) {
						if (!acted) {
							acted = true;
							whileOpen.call();
						}
						continue;
					}
					read.add(line);
					if (until.test(line)) {
						return;
					}
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		try {
			reading.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new AssertionError("No matching line within " + timeout + "; read: " + read, ex);
		}
		return List.copyOf(read);
	}

	/** GET on an app's own URL with a trace id header, as a traced caller would send it. */
	void fetchTraced(String url, String traceId) throws IOException, InterruptedException {
		http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Trace-Id", traceId).timeout(Duration.ofSeconds(5)).GET().build(),
				HttpResponse.BodyHandlers.discarding());
	}

	/** Polls a JSON GET until {@code done} holds for its body, or fails after {@code timeout}. */
	JsonNode awaitJson(String path, Predicate<JsonNode> done, Duration timeout) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		JsonNode last = null;
		while (System.nanoTime() < end) {
			last = get(path).body();
			if (last != null && done.test(last)) {
				return last;
			}
			Thread.sleep(200);
		}
		throw new AssertionError(path + " did not reach the expected answer in " + timeout + "; last: " + last);
	}

	/** GET on an app's own URL; the body, or null when nothing answers. */
	String fetch(String url) {
		try {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 ? response.body() : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(signed(request).timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			String text = response.body();
			JsonNode body = null;
			String type = response.headers().firstValue("Content-Type").orElse("");
			if (type.contains("json") && !text.isEmpty()) {
				body = JSON.readTree(text);
			}
			return new Answer(response.statusCode(), body, text);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
