package io.platform.notification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.platform.notification.NotificationChannels.Target;

/**
 * A chat vendor's custom robot: the request it takes and how its answer reads. These robots answer HTTP
 * 200 also when they refuse a message; the outcome is the code in the body.
 */
sealed interface Robot permits Robot.DingTalk, Robot.WeCom, Robot.Feishu {

	/** The URL to post to and the JSON body, signed when the channel has a secret. */
	Request request(Target target, Message message, Instant now);

	/** The body's field with the result code (0: taken) and the one with its message. */
	String codeField();

	String messageField();

	/** Codes that mean "too many messages now": tried again after a pause. */
	Set<Long> rateLimitCodes();

	record Request(String url, Object body) {
	}

	/**
	 * DingTalk custom robot: {@code {"msgtype":"markdown","markdown":{"title","text"}}}; signed robots get
	 * {@code timestamp} (ms) and {@code sign} = url-encoded base64 HmacSHA256(key: secret, data: timestamp
	 * + "\n" + secret) as query parameters. 130101: sending too fast.
	 */
	record DingTalk() implements Robot {

		@Override
		public Request request(Target target, Message message, Instant now) {
			String url = target.url();
			if (target.secret() != null) {
				String timestamp = Long.toString(now.toEpochMilli());
				String sign = hmacBase64(target.secret(), timestamp + "\n" + target.secret());
				url += (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
						+ URLEncoder.encode(sign, StandardCharsets.UTF_8);
			}
			return new Request(url, Map.of("msgtype", "markdown", "markdown",
					Map.of("title", message.heading(), "text", message.markdown())));
		}

		@Override
		public String codeField() {
			return "errcode";
		}

		@Override
		public String messageField() {
			return "errmsg";
		}

		@Override
		public Set<Long> rateLimitCodes() {
			return Set.of(130101L);
		}

	}

	/**
	 * WeCom group robot: {@code {"msgtype":"markdown","markdown":{"content"}}} to the URL with its
	 * {@code key}; no signature (the key is the credential). 45009: API frequency limit.
	 */
	record WeCom() implements Robot {

		/** WeCom takes at most 4096 bytes of markdown. */
		private static final int MAX_BYTES = 4096;

		@Override
		public Request request(Target target, Message message, Instant now) {
			return new Request(target.url(), Map.of("msgtype", "markdown", "markdown",
					Map.of("content", cut(message.markdown(), MAX_BYTES))));
		}

		@Override
		public String codeField() {
			return "errcode";
		}

		@Override
		public String messageField() {
			return "errmsg";
		}

		@Override
		public Set<Long> rateLimitCodes() {
			return Set.of(45009L);
		}

		private static String cut(String text, int maxBytes) {
			if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
				return text;
			}
			StringBuilder result = new StringBuilder();
			int bytes = 0;
			for (int i = 0; i < text.length();) {
				int codePoint = text.codePointAt(i);
				int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
				if (bytes + size > maxBytes - 3) {
					break;
				}
				result.appendCodePoint(codePoint);
				bytes += size;
				i += Character.charCount(codePoint);
			}
			return result.append('…').toString();
		}

	}

	/**
	 * Feishu custom bot: an interactive card (header: the heading; one markdown element: the body) rather
	 * than {@code text}, because only cards render the markdown (bold, links) the other robots show. Signed
	 * bots get {@code timestamp} (seconds) and {@code sign} = base64 HmacSHA256(key: timestamp + "\n" +
	 * secret, data: nothing) in the body. 9499: too many requests.
	 */
	record Feishu() implements Robot {

		@Override
		public Request request(Target target, Message message, Instant now) {
			Map<String, Object> body = new LinkedHashMap<>();
			if (target.secret() != null) {
				String timestamp = Long.toString(now.getEpochSecond());
				body.put("timestamp", timestamp);
				body.put("sign", hmacBase64(timestamp + "\n" + target.secret(), ""));
			}
			body.put("msg_type", "interactive");
			body.put("card", Map.of(
					"header", Map.of("title", Map.of("tag", "plain_text", "content", message.heading())),
					"elements", List.of(Map.of("tag", "markdown", "content", message.body()))));
			return new Request(target.url(), body);
		}

		@Override
		public String codeField() {
			return "code";
		}

		@Override
		public String messageField() {
			return "msg";
		}

		@Override
		public Set<Long> rateLimitCodes() {
			return Set.of(9499L);
		}

	}

	static String hmacBase64(String key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	static Robot of(ChannelType type) {
		return switch (type) {
			case DINGTALK -> new DingTalk();
			case WECOM -> new WeCom();
			case FEISHU -> new Feishu();
			case EMAIL -> throw new IllegalArgumentException("EMAIL is not a robot");
		};
	}

}
