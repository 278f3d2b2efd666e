package io.platform.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.platform.git.OriginRepository;
import io.platform.support.FreshPlatformHome;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of API call against every kind of caller, over real HTTP: who gets 401, who gets 403 (with a
 * detail naming what is missing), and who gets through. One row per call; a new endpoint adds its row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "platform.runtime=process")
@ContextConfiguration(initializers = FreshPlatformHome.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {

	/** The kinds of caller, from nobody to a platform admin; service roles in between, on service "matrix". */
	enum Who {

		ANONYMOUS, OUTSIDER, VIEWER, TESTER, DEVELOPER, OWNER, ADMIN, NOBODY

	}

	private static final String PASSWORD = "a-long-password-1";

	@LocalServerPort
	int port;

	private Path dir;

	private final Map<Who, Caller> callers = new EnumMap<>(Who.class);

	private long deployment;

	private long gatedDeployment;

	private String repoUrl;

	private long release;

	/**
	 * One call: {@code minimum} is the least caller that gets through (NOBODY: no one does, with
	 * {@code deniedDetail} in the 403); callers below it get 403, anonymous callers 401.
	 */
	record Call(String method, Function<Who, String> path, Function<Who, Object> body, Who minimum,
			String deniedDetail) {

		static Call of(String method, String path, Who minimum) {
			return new Call(method, who -> path, who -> null, minimum, null);
		}

		static Call of(String method, String path, Function<Who, Object> body, Who minimum) {
			return new Call(method, who -> path, body, minimum, null);
		}

		@Override
		public String toString() {
			return method + " " + path.apply(Who.ADMIN);
		}

	}

	@BeforeAll
	void setUp() throws Exception {
		dir = Files.createTempDirectory("role-matrix-");
		OriginRepository origin = OriginRepository.create(dir.resolve("origin.git"));
		origin.commit("main", "Initial", Map.of("README.md", "matrix\n"));
		Caller admin = Caller.session(port, "admin", FreshPlatformHome.ADMIN_PASSWORD);
		callers.put(Who.ADMIN, admin);
		callers.put(Who.ANONYMOUS, Caller.anonymous(port));
		for (String user : List.of("owner1", "dev1", "tester1", "viewer1", "outsider1")) {
			assertThat(admin.post("/api/users", Map.of("username", user, "displayName", user, "email", user + "@example.com",
					"password", PASSWORD)).status()).isEqualTo(201);
		}
		Caller owner = Caller.session(port, "owner1", PASSWORD);
		repoUrl = origin.url();
		assertThat(owner.post("/api/apps", Map.of("name", "matrix", "repoUrl", repoUrl, "buildCommand", "true"))
			.status()).isEqualTo(201);
		for (var member : Map.of("dev1", "DEVELOPER", "tester1", "TESTER", "viewer1", "VIEWER").entrySet()) {
			assertThat(owner.put("/api/apps/matrix/members/" + member.getKey(), Map.of("role", member.getValue())).status())
				.isEqualTo(200);
		}
		callers.put(Who.OWNER, owner);
		// Sessions for people, a token for one of them: both kinds of identity go through the same checks.
		callers.put(Who.DEVELOPER, Caller.token(port, "dev1", PASSWORD));
		callers.put(Who.TESTER, Caller.session(port, "tester1", PASSWORD));
		callers.put(Who.VIEWER, Caller.session(port, "viewer1", PASSWORD));
		callers.put(Who.OUTSIDER, Caller.session(port, "outsider1", PASSWORD));

		deployment = admin.post("/api/apps/matrix/deployments", Map.of("env", "dev", "branches", List.of("main")))
			.json()
			.get("id")
			.asLong();
		// A deployment in an environment that became protected afterwards: rollbacks there need an OWNER.
		assertThat(admin.post("/api/environments", Map.of("name", "gated", "domain", "localhost")).status()).isEqualTo(201);
		gatedDeployment = admin.post("/api/apps/matrix/deployments", Map.of("env", "gated", "branches", List.of("main")))
			.json()
			.get("id")
			.asLong();
		assertThat(admin.put("/api/environments/gated", Map.of("name", "gated", "domain", "localhost", "protected", true))
			.status()).isEqualTo(200);
		release = callers.get(Who.DEVELOPER).post("/api/releases", releaseBody()).json().get("id").asLong();
	}

	private static Map<String, Object> releaseBody() {
		return Map.of("title", "Matrix release", "items", List.of(Map.of("app", "matrix", "branches", List.of("main"))));
	}

	@AfterAll
	void tearDown() {
		FileSystemUtils.deleteRecursively(dir.toFile());
	}

	List<Call> calls() {
		String d = "/api/deployments/" + deployment;
		List<Call> calls = new ArrayList<>();
		// Reads of a service: its members, whatever their role.
		for (String path : List.of("/api/apps/matrix", "/api/apps/matrix/deployments", d, d + "/log", d + "/logs",
				"/api/apps/matrix/members", "/api/apps/matrix/bindings/dev", "/api/apps/matrix/auto-redeploy",
				"/api/apps/matrix/branches", d + "/observability", "/api/apps/matrix/sql-ledger",
				"/api/apps/matrix/sql-ledger?pending=prod")) {
			calls.add(Call.of("GET", path, Who.VIEWER));
		}
		// Reads of the platform: anyone signed in.
		for (String path : List.of("/api/environments", "/api/environments/dev", "/api/environments/dev/bindings",
				"/api/users", "/api/session", "/api/tokens", "/api/overview", "/api/apps", "/api/gitlab/connections",
				"/api/environments/diff?from=dev&to=test")) {
			calls.add(Call.of("GET", path, Who.OUTSIDER));
		}
		calls.add(Call.of("GET", "/api/users/viewer1", Who.OUTSIDER));
		calls.add(Call.of("GET", "/api/traces/0a1b2c.1.1/logs", Who.OUTSIDER));
		calls.add(Call.of("GET", "/api/gitlab/connections/999999/projects", Who.OUTSIDER));
		calls.add(Call.of("GET", "/api/audit", Who.ADMIN));
		calls.add(Call.of("GET", "/api/audit?app=matrix", Who.OWNER));
		// Developers' work.
		calls.add(new Call("POST", who -> "/api/apps/matrix/branches", who -> Map.of("name", "m-" + who.name().toLowerCase(),
				"from", "main"), Who.DEVELOPER, null));
		calls.add(Call.of("POST", "/api/apps/matrix/deployments", who -> Map.of("env", "dev", "branches", List.of("main")),
				Who.DEVELOPER));
		calls.add(Call.of("POST", d + "/redeploy", Who.DEVELOPER));
		calls.add(Call.of("POST", d + "/rollback", Who.DEVELOPER));
		calls.add(Call.of("POST", d + "/cancel", Who.DEVELOPER));
		// Protected environments: no direct deployment for anyone; rollback by an OWNER.
		calls.add(new Call("POST", who -> "/api/apps/matrix/deployments", who -> Map.of("env", "prod", "branches",
				List.of("main")), Who.NOBODY, "protected: deploy it through a release"));
		calls.add(new Call("POST", who -> "/api/deployments/" + gatedDeployment + "/redeploy", who -> null, Who.NOBODY,
				"protected: deploy it through a release"));
		calls.add(Call.of("POST", "/api/deployments/" + gatedDeployment + "/rollback", Who.OWNER));
		// Owners' work.
		calls.add(Call.of("PUT", "/api/apps/matrix/bindings/dev/FEATURE_FLAG", who -> Map.of("value", "on", "secret", false),
				Who.OWNER));
		calls.add(Call.of("PUT", "/api/apps/matrix/members/viewer1", who -> Map.of("role", "VIEWER"), Who.OWNER));
		calls.add(Call.of("PUT", "/api/apps/matrix/auto-redeploy", who -> Map.of("dev", true), Who.OWNER));
		calls.add(Call.of("POST", "/api/gitlab/services/matrix/hook", Who.OWNER));
		calls.add(Call.of("PUT", "/api/apps/matrix", who -> Map.of("name", "matrix", "repoUrl", repoUrl, "buildCommand", "true"),
				Who.OWNER));
		calls.add(Call.of("DELETE", "/api/apps/matrix/bindings/dev/NOT_SET", Who.OWNER));
		calls.add(Call.of("DELETE", "/api/apps/matrix/members/nobody-such", Who.OWNER));
		// Platform admins' work.
		calls.add(Call.of("PUT", "/api/environments/test/bindings/SHARED_FLAG", who -> Map.of("value", "x", "secret", false),
				Who.ADMIN));
		// The provisioner's admin account: environment-only and admins only, whoever asks.
		calls.add(Call.of("PUT", "/api/environments/test/bindings/PLATFORM_MYSQL_ADMIN_URL",
				who -> Map.of("value", "jdbc:mariadb://db.test:3306/", "secret", false), Who.ADMIN));
		calls.add(new Call("POST", who -> "/api/environments", who -> Map.of("name", "env-" + who.name().toLowerCase()),
				Who.ADMIN, null));
		calls.add(new Call("POST", who -> "/api/users", who -> Map.of("username", "new-" + who.name().toLowerCase(),
				"password", PASSWORD), Who.ADMIN, null));
		calls.add(Call.of("PUT", "/api/users/viewer1", who -> Map.of("displayName", "Viewer One"), Who.ADMIN));
		calls.add(Call.of("DELETE", "/api/gitlab/connections/999999", Who.ADMIN));
		calls.add(Call.of("POST", "/api/gitlab/connections/999999/check", Who.ADMIN));
		calls.add(Call.of("DELETE", "/api/environments/test/bindings/NOT_SET", Who.ADMIN));
		calls.add(Call.of("DELETE", "/api/environments/no-such-env", Who.ADMIN));
		calls.add(Call.of("PUT", "/api/environments/gated", who -> Map.of("name", "gated", "domain", "localhost",
				"protected", true), Who.ADMIN));
		calls.add(Call.of("PUT", "/api/environments/order", who -> Map.of("names",
				List.of("dev", "test", "pre", "prod", "gated")), Who.ADMIN));
		// Notification channels: platform admins only, reads too (a robot's URL is its access).
		calls.add(Call.of("GET", "/api/notification-channels", Who.ADMIN));
		calls.add(Call.of("GET", "/api/notification-channels/no-such-channel", Who.ADMIN));
		calls.add(Call.of("GET", "/api/notification-channels/no-such-channel/deliveries", Who.ADMIN));
		calls.add(Call.of("PUT", "/api/notification-channels/matrix-mail", who -> Map.of("type", "EMAIL", "recipients",
				List.of("ops@example.com"), "envs", List.of("test")), Who.ADMIN));
		calls.add(Call.of("POST", "/api/notification-channels/no-such-channel/test", Who.ADMIN));
		calls.add(Call.of("DELETE", "/api/notification-channels/no-such-channel", Who.ADMIN));
		// Anyone signed in registers services (and owns them).
		calls.add(new Call("POST", who -> "/api/apps", who -> Map.of("name", "svc-" + who.name().toLowerCase(), "repoUrl",
				"https://git.example.com/" + who.name().toLowerCase() + ".git"), Who.OUTSIDER, null));
		calls.add(Call.of("POST", "/api/tokens", who -> Map.of("name", "matrix"), Who.OUTSIDER));
		calls.add(Call.of("DELETE", "/api/tokens/999999", Who.OUTSIDER));
		calls.add(Call.of("POST", "/api/gitlab/connections/999999/imports", who -> Map.of("projects", List.of("team/x")),
				Who.OUTSIDER));
		// A wrong current password: refused (400) for everyone signed in, nobody's password changes.
		calls.add(Call.of("PUT", "/api/session/password", who -> Map.of("currentPassword", "not-the-password",
				"newPassword", "another-long-password"), Who.OUTSIDER));
		// Releases (by dev1): read by the services' members, written by their developers, signed off by testers,
		// approved by owners (never by the author), emergencies by owners; windows and freezes by admins.
		String r = "/api/releases/" + release;
		calls.add(Call.of("GET", "/api/releases", Who.OUTSIDER));
		calls.add(Call.of("GET", "/api/releases?emergency=true", Who.OUTSIDER));
		calls.add(Call.of("GET", r, Who.VIEWER));
		calls.add(Call.of("POST", "/api/releases", who -> releaseBody(), Who.DEVELOPER));
		calls.add(Call.of("PUT", r, who -> releaseBody(), Who.DEVELOPER));
		calls.add(Call.of("POST", r + "/stages/prod/approvals", who -> Map.of("decision", "APPROVE", "comment", "ok"),
				Who.OWNER));
		calls.add(Call.of("POST", r + "/stages/prod/start", who -> Map.of("emergency", true, "reason", "outage"),
				Who.OWNER));
		calls.add(Call.of("POST", r + "/stages/test/start", who -> Map.of(), Who.DEVELOPER));
		calls.add(Call.of("POST", r + "/stages/test/sign-off", who -> Map.of(), Who.TESTER));
		calls.add(Call.of("GET", "/api/environments/prod/windows", Who.OUTSIDER));
		calls.add(Call.of("GET", "/api/environments/prod/freezes", Who.OUTSIDER));
		calls.add(Call.of("PUT", "/api/environments/pre/windows", who -> List.of(), Who.ADMIN));
		calls.add(Call.of("PUT", "/api/environments/pre/freezes", who -> List.of(), Who.ADMIN));
		return calls;
	}

	@Test
	void everyCallAnswersEachCallerAsItsRoleAllows() {
		List<String> wrong = new ArrayList<>();
		for (Call call : calls()) {
			for (Who who : List.of(Who.ANONYMOUS, Who.OUTSIDER, Who.VIEWER, Who.TESTER, Who.DEVELOPER, Who.OWNER, Who.ADMIN)) {
				Caller.Answer answer = callers.get(who).send(call.method(), call.path().apply(who), call.body().apply(who));
				String problem = check(call, who, answer);
				if (problem != null) {
					wrong.add(call + " as " + who + ": " + problem);
				}
			}
		}
		assertThat(wrong).as("calls answered against their role").isEmpty();
	}

	private static String check(Call call, Who who, Caller.Answer answer) {
		int status = answer.status();
		if (who == Who.ANONYMOUS) {
			return status == 401 && answer.detail().contains("Sign in") ? null : "expected 401, got " + status + " " + answer.body();
		}
		if (call.minimum() == Who.NOBODY || who.ordinal() < call.minimum().ordinal()) {
			if (status != 403) {
				return "expected 403, got " + status + " " + answer.body();
			}
			String expected = call.deniedDetail() != null ? call.deniedDetail()
					: call.minimum() == Who.ADMIN ? "platform admins" : "role";
			return answer.detail().contains(expected) ? null : "403 without '" + expected + "' in its detail: " + answer.detail();
		}
		return status == 401 || status == 403 || status >= 500 ? "expected to get through, got " + status + " " + answer.body()
				: null;
	}

}
