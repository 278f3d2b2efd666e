package io.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentStore;
import io.platform.deployment.RunningDeployments;
import io.platform.support.HttpCaller;
import io.platform.support.LimitedPlatformTest;
import io.platform.support.SilentServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A SkyWalking OAP that accepts connections and never answers (platform.skywalking.query-timeout is 2 s here). */
@LimitedPlatformTest
class SlowOapTest {

	@LocalServerPort
	int port;

	@Autowired
	DeploymentStore store;

	private static HttpRequest.BodyPublisher json(String body) {
		return HttpRequest.BodyPublishers.ofString(body);
	}

	@Test
	void anOapThatNeverAnswersIsA502NamingItWithinTheTimeout() throws Exception {
		HttpCaller admin = HttpCaller.admin(port);
		try (SilentServer oap = SilentServer.start()) {
			String url = "http://127.0.0.1:" + oap.port();
			assertThat(admin.post("/api/environments", "{\"name\":\"silent-oap\"}").statusCode()).isEqualTo(201);
			for (String binding : new String[] { "SW_AGENT_COLLECTOR_BACKEND_SERVICES:127.0.0.1:11800",
					"SKYWALKING_OAP_URL:" + url }) {
				String key = binding.substring(0, binding.indexOf(':'));
				String value = binding.substring(binding.indexOf(':') + 1);
				HttpResponse<String> put = admin.send(admin.request("/api/environments/silent-oap/bindings/" + key)
					.header("Content-Type", "application/json")
					.PUT(json("{\"value\":\"" + value + "\",\"secret\":false}")));
				assertThat(put.statusCode()).as(put.body()).isLessThan(300);
			}
			assertThat(admin.post("/api/apps", "{\"name\":\"traced-slowly\",\"repoUrl\":\"https://git.example.com/x.git\"}")
				.statusCode()).isEqualTo(201);
			Deployment running = RunningDeployments.insert(store, "traced-slowly", "silent-oap", "http://127.0.0.1:9/",
					"w-traced", "traced-slowly:silent-oap-1");

			long start = System.nanoTime();
			HttpResponse<String> traces = admin.get("/api/deployments/" + running.getId() + "/traces");
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(traces.statusCode()).isEqualTo(502);
			assertThat(HttpCaller.json(traces).get("detail").asString()).contains(url).contains("no answer within 2000 ms");
			assertThat(took).isLessThan(Duration.ofSeconds(15));
		}
	}

}
