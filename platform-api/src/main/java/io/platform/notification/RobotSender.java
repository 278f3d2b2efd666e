package io.platform.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.platform.notification.NotificationChannels.Target;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts to a chat robot with the JDK's HTTP client, with a connect timeout and a timeout for the answer,
 * and reads the vendor's result code from the body.
 */
final class RobotSender implements Sender {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_ANSWER = 500;

	private final HttpClient http;

	private final Duration readTimeout;

	private final Clock clock;

	RobotSender(Duration connectTimeout, Duration readTimeout, Clock clock) {
		this.http = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			// A robot's webhook answers itself; a redirect elsewhere is not followed with the message.
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.readTimeout = readTimeout;
		this.clock = clock;
	}

	@Override
	public Attempt send(Target target, Message message) {
		Robot robot = Robot.of(target.type());
		Robot.Request request = robot.request(target, message, clock.instant());
		HttpResponse<String> response;
		try {
			response = http.send(HttpRequest.newBuilder(URI.create(request.url()))
				.timeout(readTimeout)
				.header("Content-Type", "application/json; charset=utf-8")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request.body()), StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return Attempt.retry(null, describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Attempt.failed(null, "Interrupted while sending (the platform is stopping).");
		}
		int status = response.statusCode();
		String body = response.body() == null ? "" : response.body();
		if (status == 429 || status >= 500) {
			return Attempt.retry(cut("HTTP " + status + ": " + body), "The robot answered HTTP " + status + ".");
		}
		if (status < 200 || status >= 300) {
			return Attempt.failed(cut("HTTP " + status + ": " + body), "The robot refused the message with HTTP " + status
					+ " (check the channel's url).");
		}
		JsonNode answer;
		try {
			answer = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return Attempt.failed(cut(body), "The robot's answer is not JSON.");
		}
		JsonNode code = answer == null ? null : answer.get(robot.codeField());
		JsonNode text = answer == null ? null : answer.get(robot.messageField());
		if (code == null || !code.isNumber()) {
			return Attempt.failed(cut(body), "The robot's answer has no " + robot.codeField() + ".");
		}
		String said = cut(robot.codeField() + "=" + code.asLong() + " " + robot.messageField() + "="
				+ (text == null ? "" : text.asString()));
		if (code.asLong() == 0) {
			return Attempt.sent(said);
		}
		if (robot.rateLimitCodes().contains(code.asLong())) {
			return Attempt.retry(said, "The robot is rate-limited (" + said + ").");
		}
		return Attempt.failed(said, "The robot refused the message (" + said + ").");
	}

	private static String describe(IOException ex) {
		String kind = ex instanceof java.net.http.HttpTimeoutException ? "No answer in time"
				: ex instanceof java.net.ConnectException ? "Could not connect" : "I/O error";
		return kind + " (" + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ").";
	}

	private static String cut(String text) {
		return text.length() <= MAX_ANSWER ? text : text.substring(0, MAX_ANSWER - 1) + "…";
	}

}
