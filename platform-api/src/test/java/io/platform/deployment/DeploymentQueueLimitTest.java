package io.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.platform.git.OriginRepository;
import io.platform.support.HttpCaller;
import io.platform.support.LimitedPlatformTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/** A lane (a service in an environment) holds at most platform.deploy.max-queued waiting deployments. */
@LimitedPlatformTest
class DeploymentQueueLimitTest {

	@LocalServerPort
	int port;

	@Test
	void aDeploymentBeyondTheLanesQueueIsRefusedWith429AndNothingIsQueued() throws Exception {
		HttpCaller admin = HttpCaller.admin(port);
		Path dir = Files.createTempDirectory("queue-origin-");
		List<Long> started = new ArrayList<>();
		try (OriginRepository origin = OriginRepository.create(dir.resolve("origin.git"))) {
			origin.commit("main", "first", Map.of("README.md", "queue"));
			// A build that takes its time: the first deployment holds the lane while the others wait.
			String app = HttpCaller.JSON.writeValueAsString(Map.of("name", "queue-limit", "repoUrl", origin.url(),
					"buildCommand", "sleep 120"));
			assertThat(admin.post("/api/apps", app).statusCode()).isEqualTo(201);
			String deploy = "{\"env\":\"dev\",\"branches\":[\"main\"]}";
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> accepted = admin.post("/api/apps/queue-limit/deployments", deploy);
				assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
				started.add(HttpCaller.json(accepted).get("id").asLong());
			}

			HttpResponse<String> refused = admin.post("/api/apps/queue-limit/deployments", deploy);

			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(HttpCaller.json(refused).get("detail").asString())
				.contains("2 deployments of queue-limit already wait in dev")
				.contains("platform.deploy.max-queued");
			assertThat(HttpCaller.json(admin.get("/api/apps/queue-limit/deployments?env=dev"))).hasSize(3);
			// Another environment is another lane.
			HttpResponse<String> otherLane = admin.post("/api/apps/queue-limit/deployments",
					"{\"env\":\"test\",\"branches\":[\"main\"]}");
			assertThat(otherLane.statusCode()).as(otherLane.body()).isEqualTo(202);
			started.add(HttpCaller.json(otherLane).get("id").asLong());
		}
		finally {
			for (long id : started) {
				admin.post("/api/deployments/" + id + "/cancel", "");
			}
		}
	}

}
