package io.platform.identity;

import java.util.List;
import java.util.Map;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every state-changing call of a signed-in browser needs the CSRF token in the X-XSRF-TOKEN header, the
 * calls without a body too (a cross-site form can send those). The token is taken from that header only:
 * a {@code _csrf} parameter, which a form can carry, together with an XSRF-TOKEN cookie that a sibling
 * host of the same site can set (cookie tossing), must not do instead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "platform.runtime=process")
@ContextConfiguration(initializers = FreshPlatformHome.class)
class CsrfTest {

	@LocalServerPort
	int port;

	@Autowired
	DeploymentStore deployments;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void bodylessPostsAndDeletesWithoutTheCsrfHeaderAre403AndChangeNothing() {
		Caller admin = Caller.session(port, "admin", FreshPlatformHome.ADMIN_PASSWORD);
		assertThat(admin.post("/api/apps", Map.of("name", "csrf-app", "repoUrl", "https://git.example.com/csrf.git"))
			.status()).isEqualTo(201);
		assertThat(admin.post("/api/environments", Map.of("name", "csrfenv")).status()).isEqualTo(201);
		assertThat(admin.put("/api/environments/csrfenv/bindings/ENV_KEY", Map.of("value", "v", "secret", false)).status())
			.isEqualTo(200);
		assertThat(admin.put("/api/apps/csrf-app/bindings/dev/APP_KEY", Map.of("value", "v", "secret", false)).status())
			.isEqualTo(200);
		assertThat(admin.post("/api/users", Map.of("username", "csrf-member", "displayName", "M", "password",
				"a-long-enough-password")).status()).isEqualTo(201);
		assertThat(admin.put("/api/apps/csrf-app/members/csrf-member", Map.of("role", "VIEWER")).status()).isEqualTo(200);
		long token = admin.post("/api/tokens", Map.of("name", "csrf-token")).json().get("id").asLong();
		long deployment = running("csrf-app", "dev").getId();

		List<String> calls = List.of("POST /api/deployments/" + deployment + "/redeploy",
				"POST /api/deployments/" + deployment + "/rollback", "POST /api/deployments/" + deployment + "/cancel",
				"POST /api/gitlab/connections/1/check", "POST /api/gitlab/services/csrf-app/hook",
				"DELETE /api/apps/csrf-app/members/csrf-member", "DELETE /api/tokens/" + token,
				"DELETE /api/environments/csrfenv/bindings/ENV_KEY", "DELETE /api/apps/csrf-app/bindings/dev/APP_KEY",
				"DELETE /api/environments/csrfenv", "DELETE /api/gitlab/connections/1", "DELETE /api/apps/csrf-app",
				"DELETE /api/session");

		Caller browser = Caller.session(port, "admin", FreshPlatformHome.ADMIN_PASSWORD);
		String session = browser.cookie("PLATFORM_SESSION").orElseThrow();
		String csrf = browser.cookie("XSRF-TOKEN").orElseThrow();
		browser.withoutCsrf();
		for (String call : calls) {
			String method = call.substring(0, call.indexOf(' '));
			String path = call.substring(call.indexOf(' ') + 1);
			Caller.Answer bare = browser.send(method, path, null);
			assertThat(bare.status()).as(call + " without the header: " + bare.body()).isEqualTo(403);
			assertThat(bare.detail()).as(call).contains("X-XSRF-TOKEN");

			Caller.Answer parameter = browser.send(method, path + "?_csrf=" + csrf, null);
			assertThat(parameter.status()).as(call + " with the token as a parameter: " + parameter.body()).isEqualTo(403);

			// What a page on a sibling host can make a browser send: a tossed cookie and a form with its value.
			RawHttp.Answer tossed = RawHttp.sendBody(port, method, "localhost", path, "application/x-www-form-urlencoded",
					"_csrf=tossed-value", "Cookie: PLATFORM_SESSION=" + session + "; XSRF-TOKEN=tossed-value");
			assertThat(tossed.status()).as(call + " with a tossed cookie and a form field: " + tossed.body()).isEqualTo(403);
		}

		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deployment WHERE app = 'csrf-app'", Integer.class)).isEqualTo(1);
		assertThat(admin.get("/api/deployments/" + deployment).json().get("status").asString()).isEqualTo("RUNNING");
		assertThat(admin.get("/api/apps/csrf-app").status()).isEqualTo(200);
		assertThat(admin.get("/api/apps/csrf-app/members").body()).contains("csrf-member");
		assertThat(admin.get("/api/tokens").body()).contains("csrf-token");
		assertThat(admin.get("/api/environments/csrfenv/bindings").body()).contains("ENV_KEY");
		assertThat(admin.get("/api/apps/csrf-app/bindings/dev").body()).contains("APP_KEY");
		assertThat(admin.get("/api/environments/csrfenv").status()).isEqualTo(200);
		assertThat(browser.get("/api/session").status()).as("the forged sign-out left the session").isEqualTo(200);
		// With the header, the same calls go through.
		Caller withHeader = Caller.session(port, "admin", FreshPlatformHome.ADMIN_PASSWORD);
		assertThat(withHeader.post("/api/deployments/" + deployment + "/cancel", null).status()).isNotEqualTo(403);
		assertThat(withHeader.delete("/api/apps/csrf-app/members/csrf-member").status()).isEqualTo(204);
	}

	@Test
	void aCrossSiteFormCannotSignABrowserIn() {
		// The sign-in needs no CSRF token; what keeps a form on another site from signing a browser into the
		// attacker's account is that it takes JSON only, which a form cannot send.
		String json = "{\"username\":\"admin\",\"password\":\"" + FreshPlatformHome.ADMIN_PASSWORD + "\"}";
		for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
			RawHttp.Answer answer = RawHttp.sendBody(port, "POST", "localhost", "/api/session", type, json);
			assertThat(answer.status()).as(type).isEqualTo(415);
			assertThat(String.valueOf(answer.header("Set-Cookie"))).as(type).doesNotContain("PLATFORM_SESSION");
		}
	}

	private Deployment running(String app, String env) {
		Deployment deployment = new Deployment();
		deployment.setApp(app);
		deployment.setEnv(env);
		deployment.setKind(DeploymentKind.DEPLOY);
		deployment.setBranchList(List.of("main"));
		deployment.setStatus(DeploymentStatus.RUNNING);
		deployment.setUrl("http://127.0.0.1:9/");
		return deployments.insert(deployment, List.of(StepName.values()));
	}

}
