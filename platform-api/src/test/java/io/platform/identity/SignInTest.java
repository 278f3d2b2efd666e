package io.platform.identity;

import java.time.Instant;
import java.util.Map;

import io.platform.support.FreshPlatformHome;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in and out, CSRF on session writes, personal access tokens, throttled guessing, the audit trail. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "platform.runtime=process")
@ContextConfiguration(initializers = FreshPlatformHome.class)
class SignInTest {


	private static final String PASSWORD = "correct-horse-battery";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	private Caller admin() {
		return Caller.session(port, "admin", FreshPlatformHome.ADMIN_PASSWORD);
	}

	private void user(String name) {
		assertThat(admin().post("/api/users", Map.of("username", name, "displayName", "Name " + name, "password", PASSWORD))
			.status()).isEqualTo(201);
	}

	@Test
	void firstAdminSignsInWithTheConfiguredPasswordStoredOnlyAsAHash() {
		Caller.Answer me = admin().get("/api/session");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("admin").asBoolean()).isTrue();
		assertThat(me.json().get("source").asString()).isEqualTo("LOCAL");
		String hash = jdbc.queryForObject("SELECT password_hash FROM platform_user WHERE username = 'admin'", String.class);
		assertThat(hash).startsWith("{bcrypt}").doesNotContain(FreshPlatformHome.ADMIN_PASSWORD);
	}

	@Test
	void anonymousCallsGetA401ProblemAndTheHealthCheckAndIngressStayOpen() {
		Caller nobody = Caller.anonymous(port);
		Caller.Answer apps = nobody.get("/api/apps");
		assertThat(apps.status()).isEqualTo(401);
		assertThat(apps.response().headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(apps.detail()).contains("POST /api/session");
		assertThat(nobody.get("/actuator/health").status()).isEqualTo(200);
		assertThat(nobody.get("/api/session/providers").json().get("password").asBoolean()).isTrue();
		// The UI's files are public; it shows the sign-in page itself.
		assertThat(nobody.get("/").status()).isEqualTo(200);
	}

	@Test
	void sessionWritesNeedTheCsrfHeaderThatTheCookieCarries() {
		user("csrf-user");
		Caller browser = Caller.session(port, "csrf-user", PASSWORD);
		assertThat(browser.cookie("XSRF-TOKEN")).isPresent();
		assertThat(browser.cookie("PLATFORM_SESSION")).isPresent();
		Caller.Answer forged = browser.withoutCsrf().post("/api/tokens", Map.of("name", "forged"));
		assertThat(forged.status()).isEqualTo(403);
		assertThat(forged.detail()).contains("X-XSRF-TOKEN");
		assertThat(Caller.session(port, "csrf-user", PASSWORD).post("/api/tokens", Map.of("name", "fine")).status())
			.isEqualTo(201);
	}

	@Test
	void wrongPasswordsAre401AndRepeatedOnesAreThrottledWithRetryAfter() {
		user("guessed");
		Caller attacker = Caller.anonymous(port);
		for (int i = 0; i < LoginThrottle.FREE_USER_FAILURES; i++) {
			Caller.Answer wrong = attacker.signIn("guessed", "not-the-password-" + i);
			assertThat(wrong.status()).isEqualTo(401);
			assertThat(wrong.detail()).isEqualTo("Wrong username or password.");
		}
		Caller.Answer throttled = attacker.signIn("guessed", PASSWORD);
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.response().headers().firstValue("Retry-After")).isPresent();
		assertThat(throttled.detail()).contains("Too many failed sign-ins for 'guessed'");
		// Unknown users answer exactly as wrong passwords do: no way to tell which names exist.
		assertThat(attacker.signIn("nobody-of-that-name", "whatever-password").detail()).isEqualTo("Wrong username or password.");
	}

	@Test
	void tokensAreShownOnceStoredHashedListedWithLastUseAndStopWorkingWhenRevokedOrExpired() throws Exception {
		user("scripter");
		Caller person = Caller.session(port, "scripter", PASSWORD);
		Caller.Answer created = person.post("/api/tokens", Map.of("name", "ci"));
		assertThat(created.status()).isEqualTo(201);
		String token = created.json().get("token").asString();
		long id = created.json().get("id").asLong();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE token_hash = ?", Integer.class,
				ApiTokens.hash(token))).isEqualTo(1);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE token_hash = ?", Integer.class, token)).isZero();

		Caller script = Caller.bearer(port, token);
		assertThat(script.get("/api/session").json().get("username").asString()).isEqualTo("scripter");
		// A bearer call needs no CSRF token and makes no session.
		assertThat(script.post("/api/apps", Map.of("name", "scripted", "repoUrl", "https://git.example.com/s.git")).status())
			.isEqualTo(201);
		assertThat(script.cookie("PLATFORM_SESSION")).isEmpty();
		Caller.Answer listed = person.get("/api/tokens");
		assertThat(listed.body()).doesNotContain(token);
		assertThat(listed.json().get(0).get("lastUsedAt").isNull()).isFalse();

		assertThat(person.delete("/api/tokens/" + id).status()).isEqualTo(204);
		Caller.Answer revoked = script.get("/api/session");
		assertThat(revoked.status()).isEqualTo(401);
		assertThat(revoked.detail()).contains("revoked");

		Caller.Answer shortLived = person.post("/api/tokens", Map.of("name", "short", "expiresAt", Instant.now().plusSeconds(1).toString()));
		Thread.sleep(1500);
		Caller.Answer expired = Caller.bearer(port, shortLived.json().get("token").asString()).get("/api/apps");
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.detail()).contains("expired");
		assertThat(Caller.bearer(port, "plat_made-up").get("/api/apps").detail()).contains("not known");
		// Someone else's token cannot be revoked.
		assertThat(admin().delete("/api/tokens/" + shortLived.json().get("id").asLong()).status()).isEqualTo(404);
	}

	@Test
	void signingOutEndsTheSession() {
		user("leaver");
		Caller browser = Caller.session(port, "leaver", PASSWORD);
		assertThat(browser.delete("/api/session").status()).isEqualTo(204);
		assertThat(browser.get("/api/session").status()).isEqualTo(401);
	}

	@Test
	void aUserChangesTheirPasswordKnowingTheCurrentOne() {
		user("changer");
		Caller browser = Caller.session(port, "changer", PASSWORD);
		Caller.Answer wrong = browser.put("/api/session/password", Map.of("currentPassword", "nope-nope-nope", "newPassword", "x"));
		assertThat(wrong.status()).isEqualTo(400);
		Caller.Answer tooShort = browser.put("/api/session/password", Map.of("currentPassword", PASSWORD, "newPassword", "short"));
		assertThat(tooShort.status()).isEqualTo(400);
		assertThat(tooShort.detail()).contains("12 characters");
		assertThat(browser.put("/api/session/password", Map.of("currentPassword", PASSWORD, "newPassword", "a-brand-new-password"))
			.status()).isEqualTo(204);
		assertThat(Caller.anonymous(port).signIn("changer", PASSWORD).status()).isEqualTo(401);
		assertThat(Caller.anonymous(port).signIn("changer", "a-brand-new-password").status()).isEqualTo(200);
	}

	@Test
	void disabledAccountsLoseTheirOpenSessionsAtOnce() {
		user("disabled-later");
		Caller browser = Caller.session(port, "disabled-later", PASSWORD);
		assertThat(admin().put("/api/users/disabled-later", Map.of("enabled", false)).status()).isEqualTo(200);
		Caller.Answer after = browser.get("/api/apps");
		assertThat(after.status()).isEqualTo(401);
		assertThat(after.detail()).contains("disabled");
		assertThat(Caller.anonymous(port).signIn("disabled-later", PASSWORD).detail()).contains("disabled");
	}

	@Test
	void theAuditTrailRecordsSignInsChangesAndRefusalsWithoutSecrets() {
		user("audited");
		Caller.anonymous(port).signIn("audited", "wrong-password-here");
		Caller person = Caller.session(port, "audited", PASSWORD);
		assertThat(person.post("/api/apps", Map.of("name", "audited-svc", "repoUrl", "https://git.example.com/a.git")).status())
			.isEqualTo(201);
		assertThat(person.put("/api/apps/audited-svc/bindings/test/DB_PASSWORD", Map.of("value", "s3cret-value-xyz", "secret", true))
			.status()).isEqualTo(200);
		assertThat(person.put("/api/environments/test/bindings/X", Map.of("value", "y", "secret", false)).status()).isEqualTo(403);
		Caller.anonymous(port).post("/api/apps", Map.of("name", "anon", "repoUrl", "https://git.example.com/x.git"));

		Caller.Answer trail = admin().get("/api/audit?limit=1000");
		assertThat(trail.status()).isEqualTo(200);
		assertThat(trail.body()).doesNotContain("s3cret-value-xyz").doesNotContain(PASSWORD).doesNotContain("wrong-password-here");
		Caller.Answer mine = admin().get("/api/audit?actor=audited");
		assertThat(mine.body()).contains("\"action\":\"session.signIn\",\"target\":\"POST /api/session\"")
			.contains("\"outcome\":\"DENIED\"")
			.contains("\"action\":\"application.create\"")
			.contains("\"action\":\"binding.override\"");
		assertThat(mine.json().get(0).get("at").asString()).isNotEmpty();
		Caller.Answer refused = admin().get("/api/audit?actor=audited&action=binding.put");
		assertThat(refused.json().get(0).get("outcome").asString()).isEqualTo("DENIED");
		assertThat(refused.json().get(0).get("env").asString()).isEqualTo("test");
		assertThat(refused.json().get(0).get("detail").asString()).contains("platform admins");
		assertThat(admin().get("/api/audit?actor=anonymous&action=application").json().get(0).get("status").asInt()).isEqualTo(401);
		// A service's OWNER reads its part of the trail, not the whole.
		assertThat(person.get("/api/audit?app=audited-svc").status()).isEqualTo(200);
		assertThat(person.get("/api/audit").status()).isEqualTo(403);
		assertThat(admin().get("/api/audit?from=yesterday").status()).isEqualTo(400);
	}

}
