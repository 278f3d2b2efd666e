package io.platform.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.platform.support.HttpCaller;
import io.platform.support.LimitedPlatformTest;
import io.platform.support.SilentServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** A GitLab that accepts connections and never answers (platform.gitlab.timeout is 2 s here). */
@LimitedPlatformTest
class SlowGitLabTest {

	@LocalServerPort
	int port;

	@Test
	void aGitLabThatNeverAnswersIsA502NamingItWithinTheTimeout() throws Exception {
		HttpCaller admin = HttpCaller.admin(port);
		try (SilentServer gitlab = SilentServer.start()) {
			String url = "http://127.0.0.1:" + gitlab.port();

			long start = System.nanoTime();
			HttpResponse<String> connect = admin.post("/api/gitlab/connections",
					"{\"name\":\"silent-gitlab\",\"baseUrl\":\"" + url + "\",\"token\":\"glpat-some-token\"}");
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(connect.statusCode()).isEqualTo(502);
			assertThat(HttpCaller.json(connect).get("detail").asString())
				.contains("Could not reach GitLab at " + url)
				.contains("no answer in time (platform.gitlab.timeout)")
				.doesNotContain("glpat-some-token");
			assertThat(took).isLessThan(Duration.ofSeconds(15));
			assertThat(admin.get("/api/gitlab/connections").body()).doesNotContain("silent-gitlab");
		}
	}

}
