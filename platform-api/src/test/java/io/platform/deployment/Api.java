package io.platform.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON client for the platform's REST API in end-to-end tests. */
final class Api {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	Api(int port) {
		this.base = "http://127.0.0.1:" + port;
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

	/** Reads a server-sent event stream until the server closes it; its lines, in order. */
	List<String> stream(String path, Duration timeout) throws Exception {
		HttpResponse<java.util.stream.Stream<String>> response = http.send(
				HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream").timeout(timeout).GET().build(),
				HttpResponse.BodyHandlers.ofLines());
		java.util.concurrent.CompletableFuture<List<String>> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			try (java.util.stream.Stream<String> lines = response.body()) {
				return lines.filter(line -> !line.isEmpty()).toList();
			}
		});
		// Bounded: a stream that never ends fails the test instead of hanging it.
		return read.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
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
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
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
