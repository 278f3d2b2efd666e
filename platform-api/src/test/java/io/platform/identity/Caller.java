package io.platform.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.platform.support.SignedIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the platform over real HTTP as a browser does (session cookie, CSRF header from the XSRF-TOKEN
 * cookie) or as a script does (a bearer token), or as nobody.
 */
public final class Caller {

	static final JsonMapper JSON = JsonMapper.builder().build();

	public record Answer(int status, String body, HttpResponse<String> response) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		public String detail() {
			JsonNode detail = body.isEmpty() ? null : json().get("detail");
			return detail == null ? "" : detail.asString();
		}

	}

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	private String bearer;

	private boolean sendCsrf = true;

	private Caller(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
	}

	public static Caller anonymous(int port) {
		return new Caller("http://127.0.0.1:" + port);
	}

	/** Signs in through POST /api/session; the answer must be 200. */
	public static Caller session(int port, String username, String password) {
		Caller caller = anonymous(port);
		Answer answer = caller.signIn(username, password);
		if (answer.status() != 200) {
			throw new AssertionError("sign-in of " + username + ": " + answer.status() + " " + answer.body());
		}
		return caller;
	}

	/** A script: a fresh personal access token of that user, and no cookies. */
	public static Caller token(int port, String username, String password) {
		return bearer(port, SignedIn.token("http://127.0.0.1:" + port, username, password));
	}

	public static Caller bearer(int port, String token) {
		Caller caller = anonymous(port);
		caller.bearer = token;
		return caller;
	}

	Caller withoutCsrf() {
		sendCsrf = false;
		return this;
	}

	Answer signIn(String username, String password) {
		return post("/api/session", Map.of("username", username, "password", password));
	}

	Optional<String> cookie(String name) {
		return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
	}

	public Answer get(String path) {
		return send("GET", path, null);
	}

	public Answer post(String path, Object body) {
		return send("POST", path, body);
	}

	public Answer put(String path, Object body) {
		return send("PUT", path, body);
	}

	public Answer delete(String path) {
		return send("DELETE", path, null);
	}

	public Answer send(String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (sendCsrf && !method.equals("GET")) {
			cookie("XSRF-TOKEN").ifPresent(token -> request.header("X-XSRF-TOKEN", token));
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), response);
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
