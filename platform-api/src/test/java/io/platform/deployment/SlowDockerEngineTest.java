package io.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.platform.support.HttpCaller;
import io.platform.support.LimitedPlatformTest;
import io.platform.support.SilentServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A Docker engine that stops answering (platform.docker.timeout is 2 s here) holds up no API call. */
@LimitedPlatformTest
class SlowDockerEngineTest {

	@LocalServerPort
	int port;

	@Autowired
	DeploymentStore store;

	@Test
	void aDockerEngineThatNeverAnswersIsA502NamingItWithinTheTimeout() throws Exception {
		HttpCaller admin = HttpCaller.admin(port);
		// Answers its ping (so it can be an environment's runtime), then hangs on every other call.
		try (SilentServer engine = SilentServer.answering(line -> line.contains("/_ping"))) {
			String host = "tcp://127.0.0.1:" + engine.port();
			HttpResponse<String> env = admin.post("/api/environments",
					"{\"name\":\"hung-engine\",\"runtime\":\"" + host + "\"}");
			assertThat(env.statusCode()).as(env.body()).isEqualTo(201);
			assertThat(admin.post("/api/apps", "{\"name\":\"on-hung-engine\",\"repoUrl\":\"https://git.example.com/x.git\"}")
				.statusCode()).isEqualTo(201);
			Deployment running = RunningDeployments.insert(store, "on-hung-engine", "hung-engine",
					"http://127.0.0.1:9/", "container-1", "on-hung-engine:hung-engine-1");

			long start = System.nanoTime();
			HttpResponse<String> view = admin.get("/api/deployments/" + running.getId());
			HttpResponse<String> rollback = admin.post("/api/deployments/" + running.getId() + "/rollback", "");
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			// The view leaves the workload's health out rather than wait for it.
			assertThat(view.statusCode()).isEqualTo(200);
			assertThat(HttpCaller.json(view).get("status").asString()).isEqualTo("RUNNING");
			assertThat(rollback.statusCode()).isEqualTo(502);
			assertThat(HttpCaller.json(rollback).get("detail").asString())
				.contains("Docker engine at " + host + " could not inspect image on-hung-engine:hung-engine-1");
			assertThat(took).isLessThan(Duration.ofSeconds(15));
			assertThat(HttpCaller.json(admin.get("/api/apps/on-hung-engine/deployments"))).hasSize(1);
		}
	}

}
