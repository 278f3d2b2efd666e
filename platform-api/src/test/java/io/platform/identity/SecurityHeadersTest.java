package io.platform.identity;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentKind;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.deployment.StepName;
import io.platform.support.FreshPlatformHome;
import io.platform.support.web.RawHttp;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform's pages and API answers carry its security headers; the services' answers through the ingress do not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "platform.runtime=process")
@ContextConfiguration(initializers = FreshPlatformHome.class)
class SecurityHeadersTest {

	@LocalServerPort
	int port;

	@Autowired
	DeploymentStore deployments;

	@Test
	void theUiAndTheApiAnswerWithTheContentSecurityPolicyAndTheOtherSecurityHeaders() {
		Caller admin = Caller.session(port, "admin", FreshPlatformHome.ADMIN_PASSWORD);
		List<RawHttp.Answer> answers = List.of(RawHttp.get(port, "localhost", "/"),
				RawHttp.get(port, "localhost", "/apps/some-service"), RawHttp.get(port, "127.0.0.1", "/api/apps"),
				RawHttp.send(port, "POST", "localhost", "/api/session", "{\"username\":\"admin\",\"password\":\"wrong-one\"}"));
		assertThat(answers).extracting(RawHttp.Answer::status).containsExactly(200, 200, 401, 401);
		for (RawHttp.Answer answer : answers) {
			String csp = answer.header("Content-Security-Policy");
			assertThat(csp).as(answer.toString())
				.contains("script-src 'self';", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'",
						"form-action 'self'")
				.doesNotContain("unsafe-eval")
				.doesNotContainPattern("script-src[^;]*unsafe-inline");
			assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
			assertThat(answer.header("Referrer-Policy")).isEqualTo("same-origin");
		}
		assertThat(admin.get("/api/session").response().headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self';", "frame-ancestors 'none'"));
		// The UI's hashed files may be cached; API answers may not.
		assertThat(answers.get(0).header("Cache-Control")).isNull();
		assertThat(answers.get(2).header("Cache-Control")).contains("no-store");
	}

	@Test
	void aServiceAnswersThroughTheIngressWithItsOwnHeadersOnly() throws IOException {
		HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		service.createContext("/", exchange -> {
			byte[] body = "the service's own page".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Security-Policy", "default-src *");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		service.start();
		try {
			running("headers-svc", "dev", "http://127.0.0.1:" + service.getAddress().getPort() + "/");
			RawHttp.Answer answer = RawHttp.get(port, "headers-svc.dev.localhost:" + port, "/");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("the service's own page");
			assertThat(answer.header("Content-Security-Policy")).isEqualTo("default-src *");
			assertThat(answer.headers()).doesNotContainKeys("x-frame-options", "x-content-type-options", "referrer-policy");

			RawHttp.Answer nothing = RawHttp.get(port, "nothing-here.dev.localhost:" + port, "/");
			assertThat(nothing.status()).isEqualTo(503);
			assertThat(nothing.headers()).doesNotContainKeys("content-security-policy", "x-frame-options",
					"x-content-type-options", "referrer-policy");
		}
		finally {
			service.stop(0);
		}
	}

	private void running(String app, String env, String url) {
		Deployment deployment = new Deployment();
		deployment.setApp(app);
		deployment.setEnv(env);
		deployment.setKind(DeploymentKind.DEPLOY);
		deployment.setBranchList(List.of("main"));
		deployment.setStatus(DeploymentStatus.RUNNING);
		deployment.setUrl(url);
		deployments.insert(deployment, List.of(StepName.values()));
	}

}
