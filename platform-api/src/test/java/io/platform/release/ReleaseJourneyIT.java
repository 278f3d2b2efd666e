package io.platform.release;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.platform.deployment.SampleService;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.environment.DatabaseProvisioner;
import io.platform.identity.Caller;
import io.platform.support.FreshPlatformHome;
import io.platform.support.persistence.MariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A release of two services from test to prod over HTTP, on the process runtime, with real Git
 * repositories and real builds: the people of a team (author, owner, tester, admin) each do their part.
 * Tests run in order and build on each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseJourneyIT {

	private static final String PASSWORD = "a-long-password-1";

	static Path home;

	static SampleService alpha;

	static SampleService beta;

	static long release;

	static RuntimeDriver usedRuntime;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		home = Files.createTempDirectory("platform-release-");
		alpha = SampleService.create(home.resolve("alpha"));
		beta = SampleService.create(home.resolve("beta"));
		registry.add("platform.home", () -> home.resolve("home").toString());
		registry.add("platform.runtime", () -> "process");
		registry.add("platform.deploy.health-timeout", () -> "30s");
		registry.add("platform.deploy.drain-time", () -> "1s");
	}

	@Autowired
	void remember(RuntimeDriver runtime) {
		usedRuntime = runtime;
	}

	@AfterAll
	static void cleanUp() {
		if (usedRuntime != null) {
			usedRuntime.workloads().forEach(w -> usedRuntime.remove(w.id()));
		}
		alpha.close();
		beta.close();
		FileSystemUtils.deleteRecursively(home.toFile());
	}

	Caller admin() {
		return Caller.session(port, "admin", FreshPlatformHome.ADMIN_PASSWORD);
	}

	Caller as(String user) {
		return Caller.session(port, user, PASSWORD);
	}

	static Map<String, Object> body(List<Map<String, Object>> items) {
		return Map.of("title", "Spring sale", "description", "Greeting and resource", "rollbackPlan",
				"Roll back both services", "items", items);
	}

	static Map<String, Object> item(String app, String... branches) {
		return Map.of("app", app, "branches", List.of(branches));
	}

	static List<Map<String, Object>> twoServices() {
		return List.of(item("alpha", "feature-a"), item("beta", "feature-b"));
	}

	@Test
	@Order(1)
	void aDeveloperOfBothServicesCreatesAReleaseWithAStagePerEnvironmentAfterDev() {
		Caller admin = admin();
		for (String user : List.of("author1", "owner1", "tester1", "outsider1")) {
			assertThat(admin.post("/api/users", Map.of("username", user, "displayName", user, "email",
					user + "@example.com", "password", PASSWORD)).status()).isEqualTo(201);
		}
		Caller owner = as("owner1");
		for (var sample : Map.of("alpha", alpha, "beta", beta).entrySet()) {
			assertThat(owner.post("/api/apps", Map.of("name", sample.getKey(), "repoUrl", sample.getValue().url(),
					"buildCommand", SampleService.BUILD_COMMAND, "healthPath", "/actuator/health")).status())
				.isEqualTo(201);
			assertThat(owner.put("/api/apps/" + sample.getKey() + "/members/author1", Map.of("role", "DEVELOPER"))
				.status()).isEqualTo(200);
			assertThat(owner.put("/api/apps/" + sample.getKey() + "/members/tester1", Map.of("role", "TESTER"))
				.status()).isEqualTo(200);
		}
		Caller author = as("author1");

		Caller.Answer unknownService = author.post("/api/releases", body(List.of(item("gamma", "main"))));
		assertThat(unknownService.status()).isEqualTo(400);
		assertThat(unknownService.detail()).contains("gamma");
		Caller.Answer unknownBranch = author.post("/api/releases", body(List.of(item("alpha", "no-such-branch"))));
		assertThat(unknownBranch.status()).isEqualTo(400);
		assertThat(unknownBranch.detail()).contains("no-such-branch");
		Caller.Answer twice = author.post("/api/releases",
				body(List.of(item("alpha", "feature-a"), item("alpha", "main"))));
		assertThat(twice.status()).isEqualTo(400);
		assertThat(twice.detail()).contains("alpha", "twice");
		assertThat(author.post("/api/releases", body(List.of())).status()).isEqualTo(400);
		assertThat(as("outsider1").post("/api/releases", body(twoServices())).status()).isEqualTo(403);
		assertThat(as("tester1").post("/api/releases", body(twoServices())).status()).isEqualTo(403);
		assertThat(author.get("/api/releases").json()).isEmpty();

		Caller.Answer created = author.post("/api/releases", body(twoServices()));
		assertThat(created.status()).isEqualTo(201);
		JsonNode json = created.json();
		release = json.get("id").asLong();
		assertThat(json.get("author").asString()).isEqualTo("author1");
		assertThat(json.get("items")).hasSize(2);
		assertThat(json.get("items").get(0).get("app").asString()).isEqualTo("alpha");
		assertThat(json.get("stages").findValuesAsString("env")).containsExactly("test", "pre", "prod");
		assertThat(json.get("stages").findValuesAsString("status")).containsOnly("PENDING");
		assertThat(json.get("stages").get(2).get("requiredApprovals").asInt()).isEqualTo(1);
		assertThat(json.get("stages").get(0).get("requiredApprovals").asInt()).isZero();

		assertThat(as("tester1").get("/api/releases/" + release).status()).isEqualTo(200);
		assertThat(as("outsider1").get("/api/releases/" + release).status()).isEqualTo(403);
		assertThat(as("outsider1").get("/api/releases").json()).isEmpty();
		// Editable before its first stage starts.
		Caller.Answer changed = author.put("/api/releases/" + release, Map.of("title", "Spring sale v2", "items",
				twoServices()));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("title").asString()).isEqualTo("Spring sale v2");
		assertThat(changed.json().get("rollbackPlan").isNull()).isTrue();
	}

	@Test
	@Order(2)
	void theTestStageDeploysBothServicesInOrderAndATesterSignsItOff() throws Exception {
		Caller author = as("author1");
		Caller.Answer early = author.post("/api/releases/" + release + "/stages/pre/start", Map.of());
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.detail()).contains("test", "passed");

		assertThat(author.post("/api/releases/" + release + "/stages/test/start", Map.of()).status()).isEqualTo(202);
		JsonNode stage = awaitStage("test");
		assertThat(stage.get("status").asString()).as(stage.toString()).isEqualTo("DEPLOYED");
		JsonNode deployments = stage.get("deployments");
		assertThat(deployments.findValuesAsString("app")).containsExactly("alpha", "beta");
		for (JsonNode d : deployments) {
			JsonNode deployment = admin().get("/api/deployments/" + d.get("id").asLong()).json();
			assertThat(deployment.get("status").asString()).isEqualTo("RUNNING");
			assertThat(deployment.get("env").asString()).isEqualTo("test");
			assertThat(deployment.get("releaseId").asLong()).isEqualTo(release);
		}
		Caller.Answer late = author.put("/api/releases/" + release, Map.of("title", "Too late", "items", twoServices()));
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.detail()).contains("test stage has started");

		assertThat(as("outsider1").post("/api/releases/" + release + "/stages/test/sign-off", Map.of()).status())
			.isEqualTo(403);
		Caller.Answer signed = as("tester1").post("/api/releases/" + release + "/stages/test/sign-off",
				Map.of("comment", "all green"));
		assertThat(signed.status()).isEqualTo(200);
		JsonNode test = stage(signed.json(), "test");
		assertThat(test.get("status").asString()).isEqualTo("PASSED");
		assertThat(test.get("signedOffBy").asString()).isEqualTo("tester1");
		assertThat(test.get("signOffComment").asString()).isEqualTo("all green");
		assertThat(test.get("signedOffHeads").get("alpha").get(0).get("branch").asString()).isEqualTo("feature-a");
	}

	@Test
	@Order(3)
	void preDeploysWhatTestSignedOffAndProdNeedsAnApprovalFromAnOwnerWhoIsNotTheAuthor() throws Exception {
		Caller author = as("author1");
		assertThat(author.post("/api/releases/" + release + "/stages/pre/start", Map.of()).status()).isEqualTo(202);
		assertThat(awaitStage("pre").get("status").asString()).isEqualTo("DEPLOYED");
		assertThat(as("tester1").post("/api/releases/" + release + "/stages/pre/sign-off", Map.of()).status())
			.isEqualTo(200);

		Caller.Answer unapproved = author.post("/api/releases/" + release + "/stages/prod/start", Map.of());
		assertThat(unapproved.status()).isEqualTo(409);
		assertThat(unapproved.detail()).contains("needs 1 approval(s)", "1 missing");
		Caller.Answer own = author.post("/api/releases/" + release + "/stages/prod/approvals",
				Map.of("decision", "APPROVE", "comment", "mine"));
		assertThat(own.status()).isEqualTo(403);
		assertThat(own.detail()).contains("you cannot approve your own release");
		assertThat(as("tester1").post("/api/releases/" + release + "/stages/prod/approvals",
				Map.of("decision", "APPROVE", "comment", "ok")).status()).isEqualTo(403);
		Caller.Answer noReason = admin().post("/api/releases/" + release + "/stages/prod/approvals",
				Map.of("decision", "REJECT"));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.detail()).contains("why");

		Caller owner = as("owner1");
		Caller.Answer approved = owner.post("/api/releases/" + release + "/stages/prod/approvals",
				Map.of("decision", "APPROVE", "comment", "go"));
		assertThat(approved.status()).isEqualTo(200);
		JsonNode approvals = stage(approved.json(), "prod").get("approvals");
		assertThat(approvals).hasSize(1);
		assertThat(approvals.get(0).get("by").asString()).isEqualTo("owner1");
		assertThat(owner.post("/api/releases/" + release + "/stages/prod/approvals",
				Map.of("decision", "APPROVE", "comment", "again")).status()).isEqualTo(409);
	}

	@Test
	@Order(4)
	void prodOutsideItsWindowIsRefusedNamingTheNextWindowUnlessAnOwnerStartsAnEmergencyWithAReason() {
		// A window three days from now in Berlin: closed now, and its opening is what the refusal names.
		DayOfWeek day = ZonedDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(3).getDayOfWeek();
		Caller admin = admin();
		assertThat(as("owner1").put("/api/environments/prod/windows", List.of(Map.of("days", List.of(day.name()),
				"from", "17:00", "to", "19:00", "zone", "Europe/Berlin"))).status()).isEqualTo(403);
		Caller.Answer badZone = admin.put("/api/environments/prod/windows", List.of(Map.of("days", List.of(day.name()),
				"from", "17:00", "to", "19:00", "zone", "Mars/Olympus")));
		assertThat(badZone.status()).isEqualTo(400);
		assertThat(badZone.detail()).contains("Mars/Olympus");
		assertThat(admin.put("/api/environments/prod/windows", List.of(Map.of("days", List.of(day.name()), "from",
				"17:00", "to", "19:00", "zone", "Europe/Berlin"))).status()).isEqualTo(200);
		assertThat(as("outsider1").get("/api/environments/prod/windows").json().get(0).get("zone").asString())
			.isEqualTo("Europe/Berlin");

		Caller.Answer closed = as("author1").post("/api/releases/" + release + "/stages/prod/start", Map.of());
		assertThat(closed.status()).isEqualTo(409);
		String dayName = day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
		assertThat(closed.detail()).contains("window", dayName, "17:00 Europe/Berlin");

		Caller owner = as("owner1");
		Caller.Answer noReason = owner.post("/api/releases/" + release + "/stages/prod/start",
				Map.of("emergency", true));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.detail()).contains("reason");
		Caller.Answer notOwner = as("author1").post("/api/releases/" + release + "/stages/prod/start",
				Map.of("emergency", true, "reason", "hotfix"));
		assertThat(notOwner.status()).isEqualTo(403);
		assertThat(notOwner.detail()).contains("OWNER");
	}

	@Test
	@Order(5)
	void aBranchThatMovedAfterPreSignedOffRefusesProdNamingItsCommits() throws Exception {
		String signedOff = stage(admin().get("/api/releases/" + release).json(), "pre").get("signedOffHeads")
			.get("beta").get(0).get("commit").asString();
		beta.pushGreeting("feature-b", "hello from beta, moved");
		Caller.Answer moved = as("owner1").post("/api/releases/" + release + "/stages/prod/start",
				Map.of("emergency", true, "reason", "payment outage"));
		assertThat(moved.status()).isEqualTo(409);
		assertThat(moved.detail()).contains("beta feature-b", "signed off " + signedOff, "now ")
			.doesNotContain("alpha feature-a");
	}

	@Test
	@Order(6)
	void aStageStartedAgainRedeploysOnlyTheItemsWhoseCommitsChanged() throws Exception {
		Caller author = as("author1");
		Caller tester = as("tester1");
		for (String env : List.of("test", "pre")) {
			assertThat(author.post("/api/releases/" + release + "/stages/" + env + "/start", Map.of()).status())
				.isEqualTo(202);
			JsonNode stage = awaitStage(env);
			assertThat(stage.get("status").asString()).as(stage.toString()).isEqualTo("DEPLOYED");
			assertThat(stage.get("skipped").valueStream().map(JsonNode::asString).toList()).containsExactly("alpha");
			assertThat(stage.get("deployments").findValuesAsString("app")).containsExactly("beta");
			assertThat(tester.post("/api/releases/" + release + "/stages/" + env + "/sign-off", Map.of()).status())
				.isEqualTo(200);
		}
	}

	@Test
	@Order(7)
	void anOwnersEmergencyStartDeploysProdOutsideTheWindowAndIsListedForReview() throws Exception {
		Caller owner = as("owner1");
		Caller.Answer started = owner.post("/api/releases/" + release + "/stages/prod/start",
				Map.of("emergency", true, "reason", "payment outage"));
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		JsonNode stage = awaitStage("prod");
		assertThat(stage.get("status").asString()).as(stage.toString()).isEqualTo("DEPLOYED");
		assertThat(stage.get("emergency").asBoolean()).isTrue();
		assertThat(stage.get("emergencyReason").asString()).isEqualTo("payment outage");
		assertThat(stage.get("emergencyBy").asString()).isEqualTo("owner1");
		List<String> greetings = new ArrayList<>();
		for (JsonNode d : stage.get("deployments")) {
			JsonNode deployment = admin().get("/api/deployments/" + d.get("id").asLong()).json();
			assertThat(deployment.get("status").asString()).isEqualTo("RUNNING");
			assertThat(deployment.get("env").asString()).isEqualTo("prod");
			greetings.add(deployment.get("heads").toString());
		}
		assertThat(greetings).hasSize(2);
		JsonNode urgent = admin().get("/api/releases?emergency=true").json();
		assertThat(urgent.findValuesAsString("title")).containsExactly("Spring sale v2");
	}

	@Test
	@Order(8)
	void aStageWhoseScriptsHaveNoDatabaseToRunInDoesNotStart() {
		Caller author = as("author1");
		Caller.Answer created = author.post("/api/releases", body(List.of(Map.of("app", "alpha", "branches",
				List.of("main"), "sql", List.of(Map.of("name", "V1__add_column.sql", "script",
						"ALTER TABLE t ADD c INT;"))))));
		assertThat(created.status()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		JsonNode sql = created.json().get("items").get(0).get("sql").get(0);
		assertThat(sql.get("name").asString()).isEqualTo("V1__add_column.sql");
		assertThat(sql.get("script").asString()).isEqualTo("ALTER TABLE t ADD c INT;");
		Caller.Answer refused = author.post("/api/releases/" + id + "/stages/test/start", Map.of());
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.detail()).contains("alpha has no database in test", "SPRING_DATASOURCE_URL");
		assertThat(stage(author.get("/api/releases/" + id).json(), "test").get("status").asString())
			.isEqualTo("PENDING");
		assertThat(admin().get("/api/releases").json().findValuesAsString("title")).hasSize(2);

		// An approval given before a change is void after it.
		assertThat(as("owner1").post("/api/releases/" + id + "/stages/prod/approvals",
				Map.of("decision", "APPROVE", "comment", "fine")).status()).isEqualTo(200);
		assertThat(stage(author.get("/api/releases/" + id).json(), "prod").get("approvals")).hasSize(1);
		assertThat(author.put("/api/releases/" + id, body(List.of(item("alpha", "main")))).status()).isEqualTo(200);
		assertThat(stage(author.get("/api/releases/" + id).json(), "prod").get("approvals")).isEmpty();
	}

	@Test
	@Order(9)
	void theRequiredApprovalsOfAnEnvironmentAreSetThroughItsUpdateAndKeptWhenNotMentioned() {
		Caller admin = admin();
		Caller.Answer set = admin.put("/api/environments/pre", Map.of("name", "pre", "requiredApprovals", 2));
		assertThat(set.status()).isEqualTo(200);
		assertThat(set.json().get("requiredApprovals").asInt()).isEqualTo(2);
		Caller.Answer other = admin.put("/api/environments/pre", Map.of("name", "pre", "domain", "localhost"));
		assertThat(other.json().get("requiredApprovals").asInt()).isEqualTo(2);
		assertThat(stage(admin.get("/api/releases/" + release).json(), "pre").get("requiredApprovals").asInt())
			.isEqualTo(2);
		assertThat(admin.put("/api/environments/pre", Map.of("name", "pre", "requiredApprovals", -1)).status())
			.isEqualTo(400);
		Caller.Answer reset = admin.put("/api/environments/pre", java.util.Collections.singletonMap("name", "pre"));
		assertThat(reset.json().get("requiredApprovals").asInt()).isEqualTo(2);
		java.util.Map<String, Object> back = new java.util.HashMap<>(Map.of("name", "pre"));
		back.put("requiredApprovals", null);
		assertThat(admin.put("/api/environments/pre", back).json().get("requiredApprovals").asInt()).isZero();
		assertThat(admin.get("/api/environments/prod").json().get("requiredApprovals").asInt()).isEqualTo(1);
	}

	@Test
	@Order(10)
	void anItemThatFailsFailsTheStageNamingItAndTheRestIsNotDeployed() throws Exception {
		Caller author = as("author1");
		Caller.Answer created = author.post("/api/releases", body(List.of(item("alpha", "broken"),
				item("beta", "feature-b"))));
		assertThat(created.status()).isEqualTo(201);
		release = created.json().get("id").asLong();
		assertThat(author.post("/api/releases/" + release + "/stages/test/start", Map.of()).status()).isEqualTo(202);
		JsonNode stage = awaitStage("test");
		assertThat(stage.get("status").asString()).isEqualTo("FAILED");
		assertThat(stage.get("error").asString()).contains("Item alpha", "ended FAILED", "stopped before it became healthy");
		assertThat(stage.get("deployments").findValuesAsString("app")).containsExactly("alpha");
	}

	@Test
	@Order(11)
	void aStagesSqlRunsOnceInTheServicesDatabaseBeforeItDeploysAndAnEditedScriptStopsTheNextStart() throws Exception {
		String database = "release_it_" + Long.toHexString(System.nanoTime());
		try (Connection server = mariaDbOrSkip()) {
			server.createStatement().execute("CREATE DATABASE " + database);
		}
		try {
			Caller owner = as("owner1");
			String url = DatabaseProvisioner.withDatabase(MariaDb.url(), database);
			for (var binding : List.of(List.of("SPRING_DATASOURCE_URL", url, false),
					List.of("SPRING_DATASOURCE_USERNAME", MariaDb.user(), false),
					List.of("SPRING_DATASOURCE_PASSWORD", MariaDb.password(), true))) {
				assertThat(owner.put("/api/apps/alpha/bindings/test/" + binding.get(0),
						Map.of("value", binding.get(1), "secret", binding.get(2))).status()).isEqualTo(200);
			}
			Map<String, Object> script = Map.of("name", "V1__orders.sql", "script",
					"CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20));\nINSERT INTO orders VALUES (1, 'a;b');");
			Caller author = as("author1");
			for (int round = 1; round <= 2; round++) {
				Caller.Answer created = author.post("/api/releases", Map.of("title", "Orders " + round, "items",
						List.of(Map.of("app", "alpha", "branches", List.of("main"), "sql", List.of(script)))));
				assertThat(created.status()).isEqualTo(201);
				release = created.json().get("id").asLong();
				assertThat(author.post("/api/releases/" + release + "/stages/test/start", Map.of()).status())
					.isEqualTo(202);
				assertThat(awaitStage("test").get("status").asString()).as("round " + round).isEqualTo("DEPLOYED");
			}
			// Two releases carried the script; it ran once, in the first.
			JsonNode ledger = owner.get("/api/apps/alpha/sql-ledger").json();
			assertThat(ledger).hasSize(1);
			assertThat(ledger.get(0).get("outcome").asString()).isEqualTo("RAN");
			assertThat(ledger.get(0).get("env").asString()).isEqualTo("test");
			assertThat(ledger.get(0).get("ranBy").asString()).isEqualTo("author1");
			try (Connection db = DriverManager.getConnection(url, MariaDb.user(), MariaDb.password());
					ResultSet rows = db.createStatement().executeQuery("SELECT note FROM orders")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("a;b");
				assertThat(rows.next()).as("inserted once").isFalse();
			}

			Caller.Answer edited = author.post("/api/releases", Map.of("title", "Orders edited", "items",
					List.of(Map.of("app", "alpha", "branches", List.of("main"), "sql", List.of(Map.of("name",
							"V1__orders.sql", "script", "CREATE TABLE orders (id BIGINT PRIMARY KEY);"))))));
			release = edited.json().get("id").asLong();
			Caller.Answer refused = author.post("/api/releases/" + release + "/stages/test/start", Map.of());
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.detail()).contains("V1__orders.sql", "ran in test", "add a new script");
			assertThat(stage(author.get("/api/releases/" + release).json(), "test").get("status").asString())
				.isEqualTo("PENDING");
		}
		finally {
			try (Connection server = mariaDbOrSkip()) {
				server.createStatement().execute("DROP DATABASE IF EXISTS " + database);
			}
		}
	}

	/** The MariaDB server of the tests; without one the test is skipped, or fails when CI=true. */
	private static Connection mariaDbOrSkip() {
		try {
			return DriverManager.getConnection(MariaDb.url(), MariaDb.user(), MariaDb.password());
		}
		catch (SQLException ex) {
			String message = "No MariaDB server at " + MariaDb.url() + ": " + ex.getMessage();
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new AssertionError(message + " [CI=true: required]", ex);
			}
			Assumptions.abort(message);
			throw new IllegalStateException(message);
		}
	}

	private JsonNode awaitStage(String env) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		JsonNode stage = null;
		Caller admin = admin();
		while (System.nanoTime() < end) {
			stage = stage(admin.get("/api/releases/" + release).json(), env);
			if (!stage.get("status").asString().equals("RUNNING")) {
				return stage;
			}
			Thread.sleep(500);
		}
		throw new AssertionError("Stage " + env + " still running: " + stage);
	}

	private static JsonNode stage(JsonNode release, String env) {
		for (JsonNode stage : release.get("stages")) {
			if (stage.get("env").asString().equals(env)) {
				return stage;
			}
		}
		throw new AssertionError("no stage " + env + " in " + release);
	}

}
