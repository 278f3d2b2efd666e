package io.platform.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.platform.support.HttpCaller;
import io.platform.support.LimitedPlatformTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** JSON bodies above platform.api.max-body-size are refused with a 413 before anything reads them. */
@LimitedPlatformTest
class RequestBodyLimitTest {

	@LocalServerPort
	int port;

	private static String app(String name, int padding) {
		return "{\"name\":\"" + name + "\",\"repoUrl\":\"https://git.example.com/" + name
				+ ".git\",\"jvmOptions\":\"-Dpad=" + "x".repeat(padding) + "\"}";
	}

	@Test
	void aBodyOverTheLimitIsA413ProblemAndNothingIsCreated() {
		HttpCaller admin = HttpCaller.admin(port);

		HttpResponse<String> tooLarge = admin.post("/api/apps", app("body-too-large", 70 * 1024));

		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(tooLarge.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(HttpCaller.json(tooLarge).get("detail").asString()).contains("larger than 64 KB")
			.contains("platform.api.max-body-size");
		assertThat(admin.get("/api/apps/body-too-large").statusCode()).isEqualTo(404);
		assertThat(admin.post("/api/apps", app("body-small-enough", 100)).statusCode()).isEqualTo(201);
	}

	@Test
	void aChunkedBodyIsCutOffOnceItPassesTheLimit() {
		HttpCaller admin = HttpCaller.admin(port);
		byte[] body = app("body-chunked", 70 * 1024).getBytes(StandardCharsets.UTF_8);

		// No Content-Length: the body arrives chunked and only reading it shows how large it is.
		HttpResponse<String> tooLarge = admin.send(admin.request("/api/apps")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(HttpCaller.json(tooLarge).get("detail").asString()).contains("larger than 64 KB");
		assertThat(admin.get("/api/apps/body-chunked").statusCode()).isEqualTo(404);
	}

	@Test
	void theGitLabWebhookIsLimitedToo() {
		HttpCaller admin = HttpCaller.admin(port);
		String push = "{\"object_kind\":\"push\",\"ref\":\"refs/heads/" + "x".repeat(70 * 1024) + "\"}";

		HttpResponse<String> tooLarge = admin.send(HttpRequest.newBuilder(URI.create(admin.base() + "/api/hooks/gitlab"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Gitlab-Token", "whatever")
			.POST(HttpRequest.BodyPublishers.ofString(push)));

		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(HttpCaller.json(tooLarge).get("title").asString()).isEqualTo("Request body too large");
	}

}
