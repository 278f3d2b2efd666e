package io.platform.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat vendor's robot webhook on this machine, checking requests as the vendor documents them: the
 * credential in the URL, the message shape, and the signature computed from the shared secret the
 * vendor's way, refused with the vendor's error codes (HTTP 200) when wrong. Once a request passes, it
 * answers the scripted answers in turn (the last one again when they run out), the vendor's "ok" by default.
 */
final class FakeRobot implements AutoCloseable {

	enum Vendor {

		DINGTALK, WECOM, FEISHU

	}

	record Received(URI uri, String body, JsonNode json) {

		Map<String, String> query() {
			Map<String, String> query = new LinkedHashMap<>();
			if (uri.getRawQuery() != null) {
				for (String pair : uri.getRawQuery().split("&")) {
					int eq = pair.indexOf('=');
					query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
			return query;
		}

	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Vendor vendor;

	private final String token;

	private final String secret;

	private final HttpServer server;

	private final Deque<String[]> script = new ArrayDeque<>();

	private String[] last;

	final List<Received> received = new CopyOnWriteArrayList<>();

	/** Requests that passed the vendor's checks. */
	final List<Received> accepted = new CopyOnWriteArrayList<>();

	FakeRobot(Vendor vendor, String token, String secret) throws IOException {
		this.vendor = vendor;
		this.token = token;
		this.secret = secret;
		this.last = vendor == Vendor.FEISHU ? answer(200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}")
				: answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** The robot's webhook URL, as the vendor's settings page shows it. */
	String url() {
		String base = "http://127.0.0.1:" + server.getAddress().getPort();
		return switch (vendor) {
			case DINGTALK -> base + "/robot/send?access_token=" + token;
			case WECOM -> base + "/cgi-bin/webhook/send?key=" + token;
			case FEISHU -> base + "/open-apis/bot/v2/hook/" + token;
		};
	}

	/** The next answer (HTTP status and body) after the checks pass. */
	synchronized FakeRobot then(int status, String body) {
		script.add(answer(status, body));
		return this;
	}

	private static String[] answer(int status, String body) {
		return new String[] { Integer.toString(status), body };
	}

	private synchronized String[] next() {
		if (!script.isEmpty()) {
			last = script.poll();
		}
		return last;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			JsonNode json = null;
			try {
				json = JSON.readTree(body);
			}
			catch (RuntimeException ex) {
				// answered below
			}
			Received request = new Received(exchange.getRequestURI(), body, json);
			received.add(request);
			String refusal = !"POST".equals(exchange.getRequestMethod()) ? "{\"errcode\":43002,\"errmsg\":\"require POST\"}"
					: !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")
							? "{\"errcode\":40035,\"errmsg\":\"content type must be json\"}"
							: json == null ? "{\"errcode\":40035,\"errmsg\":\"not json\"}" : check(request);
			String[] answer = refusal != null ? answer(200, refusal) : next();
			if (refusal == null) {
				accepted.add(request);
			}
			byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
			exchange.getResponseBody().write(bytes);
		}
	}

	/** The vendor's checks; null when the request passes, else the vendor's error answer. */
	private String check(Received request) {
		Map<String, String> query = request.query();
		JsonNode json = request.json();
		switch (vendor) {
			case DINGTALK -> {
				if (!token.equals(query.get("access_token"))) {
					return "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}";
				}
				if (secret != null) {
					String timestamp = query.get("timestamp");
					String sign = query.get("sign");
					// Documented as url-encoded: raw base64 ('+' read as a space, '/', '=') would not match.
					String raw = request.uri().getRawQuery().replaceAll(".*[?&]?sign=([^&]*).*", "$1");
					if (timestamp == null || sign == null || raw.matches(".*[+/=].*") || !withinAnHour(Long.parseLong(timestamp))
							|| !same(sign, hmac(secret, timestamp + "\n" + secret))) {
						return "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
					}
				}
				if (!"markdown".equals(text(json, "msgtype")) || text(json.get("markdown"), "title").isEmpty()
						|| text(json.get("markdown"), "text").isEmpty()) {
					return "{\"errcode\":40035,\"errmsg\":\"missing markdown title or text\"}";
				}
			}
			case WECOM -> {
				if (!token.equals(query.get("key"))) {
					return "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}";
				}
				if (!"markdown".equals(text(json, "msgtype")) || text(json.get("markdown"), "content").isEmpty()) {
					return "{\"errcode\":40008,\"errmsg\":\"invalid message type\"}";
				}
				if (text(json.get("markdown"), "content").getBytes(StandardCharsets.UTF_8).length > 4096) {
					return "{\"errcode\":40058,\"errmsg\":\"markdown.content exceed max length 4096\"}";
				}
			}
			case FEISHU -> {
				if (!request.uri().getPath().equals("/open-apis/bot/v2/hook/" + token)) {
					return "{\"code\":19001,\"msg\":\"param invalid: incoming webhook access token invalid\"}";
				}
				if (secret != null) {
					String timestamp = text(json, "timestamp");
					String sign = text(json, "sign");
					if (timestamp.isEmpty() || !withinAnHour(Long.parseLong(timestamp) * 1000)
							|| !same(sign, hmac(timestamp + "\n" + secret, ""))) {
						return "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}";
					}
				}
				JsonNode card = json.get("card");
				if (!"interactive".equals(text(json, "msg_type")) || card == null || card.get("elements") == null
						|| !"markdown".equals(text(card.get("elements").get(0), "tag"))
						|| text(card.get("elements").get(0), "content").isEmpty()) {
					return "{\"code\":19002,\"msg\":\"params error, msg_type need\"}";
				}
			}
		}
		return null;
	}

	private static boolean withinAnHour(long millis) {
		return Math.abs(System.currentTimeMillis() - millis) < 3_600_000;
	}

	private static boolean same(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

	static String text(JsonNode node, String field) {
		return node == null || node.get(field) == null ? "" : node.get(field).asString();
	}

	/** HmacSHA256, base64: computed here independently of the code under test. */
	static String hmac(String key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
