package io.platform.release.sql;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.platform.environment.DatabaseProvisioner;
import io.platform.support.HttpCaller;
import io.platform.support.persistence.MariaDb;
import io.platform.support.persistence.MariaDbTest;
import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SQL ledger on a real MariaDB: the platform's own database there, and each test's service with a
 * throwaway database and user of its own (dropped after), reached through its SPRING_DATASOURCE_* bindings.
 */
@MariaDbTest
class SqlLedgerIT {

	@LocalServerPort
	int port;

	@Autowired
	SqlLedger ledger;

	private HttpCaller admin;

	private String app;

	private String database;

	private String dbUser;

	private String dbPassword;

	private final List<String> extraDatabases = new ArrayList<>();

	private final List<String> extraUsers = new ArrayList<>();

	@BeforeEach
	void serviceWithItsOwnDatabase() throws Exception {
		admin = HttpCaller.admin(port);
		String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
		app = "ledger-" + suffix;
		database = "sqlledger_" + suffix;
		dbUser = "sqlledger_" + suffix;
		dbPassword = "Pw" + suffix + "Zq9x";
		admin("CREATE DATABASE " + database);
		admin("CREATE USER '" + dbUser + "'@'%' IDENTIFIED BY '" + dbPassword + "'");
		admin("GRANT ALL PRIVILEGES ON " + database + ".* TO '" + dbUser + "'@'%'");
		assertThat(admin.post("/api/apps", "{\"name\":\"" + app + "\",\"repoUrl\":\"https://example.com/" + app + ".git\"}")
			.statusCode()).isEqualTo(201);
		for (String env : List.of("test", "pre", "prod")) {
			bindDatabase(env);
		}
	}

	@AfterEach
	void dropDatabases() throws Exception {
		admin("DROP DATABASE IF EXISTS " + database);
		admin("DROP USER IF EXISTS '" + dbUser + "'@'%'");
		for (String extra : extraDatabases) {
			// Only what this test provisioned for its own service: never the server's other databases.
			assertThat(extra).startsWith(app.replace('-', '_') + "_");
			admin("DROP DATABASE IF EXISTS `" + extra + "`");
		}
		for (String extra : extraUsers) {
			assertThat(extra).startsWith(app.replace('-', '_') + "_");
			admin("DROP USER IF EXISTS '" + extra + "'@'%'");
		}
	}

	@Test
	void aScriptRunsOnceAndIsSkippedAfterwards() throws Exception {
		List<SqlScript> scripts = List.of(new SqlScript("V1__orders.sql", "CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, note VARCHAR(40));\n"
				+ "INSERT IGNORE INTO orders VALUES (1, 'first');\n"), new SqlScript("V2__more.sql", "INSERT INTO orders VALUES (2, 'second')"));

		List<SqlRun> first = ledger.runOnce(app, "test", scripts, 7L, "alice");
		assertThat(first).extracting(SqlRun::outcome).containsExactly(SqlOutcome.RAN, SqlOutcome.RAN);
		assertThat(first.get(0).checksum()).isEqualTo(SqlScript.checksum(scripts.get(0).script()));

		// Again, with Windows line endings and a trailing newline: the same scripts, nothing runs again.
		List<SqlScript> again = scripts.stream()
			.map(s -> new SqlScript(s.name(), s.script().replace("\n", "\r\n") + "\r\n\r\n"))
			.toList();
		List<SqlRun> second = ledger.runOnce(app, "test", again, 8L, "bob");
		assertThat(second).extracting(SqlRun::outcome).containsExactly(SqlOutcome.SKIPPED, SqlOutcome.SKIPPED);
		assertThat(second).extracting(SqlRun::ranBy).containsOnly("alice");
		assertThat(second).extracting(SqlRun::releaseId).containsOnly(7L);
		assertThat(count("SELECT COUNT(*) FROM orders")).isEqualTo(2);

		JsonNode entries = HttpCaller.json(admin.get("/api/apps/" + app + "/sql-ledger"));
		assertThat(entries).hasSize(2);
		assertThat(entries.get(0).get("name").asString()).isEqualTo("V1__orders.sql");
		assertThat(entries.get(0).get("env").asString()).isEqualTo("test");
		assertThat(entries.get(0).get("outcome").asString()).isEqualTo("RAN");
		assertThat(entries.get(0).get("ranBy").asString()).isEqualTo("alice");
		assertThat(entries.get(0).get("releaseId").asLong()).isEqualTo(7L);
		assertThat(entries.get(0).get("checksum").asString()).hasSize(64);
		assertThat(entries.get(0).get("ranAt").asString()).isNotBlank();
		assertThat(entries.get(0).has("durationMs")).isTrue();

		// The cross-environment view: both ran in test, not yet in prod; then in pre too.
		JsonNode pending = HttpCaller.json(admin.get("/api/apps/" + app + "/sql-ledger?pending=prod"));
		assertThat(pending).hasSize(2);
		assertThat(pending.get(0).get("name").asString()).isEqualTo("V1__orders.sql");
		assertThat(pending.get(0).get("ranIn").get(0).asString()).isEqualTo("test");
		ledger.runOnce(app, "pre", scripts.subList(0, 1), 7L, "alice");
		pending = HttpCaller.json(admin.get("/api/apps/" + app + "/sql-ledger?pending=prod"));
		assertThat(pending.get(0).get("ranIn")).hasSize(2);
		assertThat(HttpCaller.json(admin.get("/api/apps/" + app + "/sql-ledger?pending=pre"))).hasSize(1);
		assertThat(HttpCaller.json(admin.get("/api/apps/" + app + "/sql-ledger?pending=test"))).isEmpty();
		assertThat(admin.get("/api/apps/" + app + "/sql-ledger?pending=nowhere").statusCode()).isEqualTo(404);

		// Ordered by script, then environment order (test before pre).
		entries = HttpCaller.json(admin.get("/api/apps/" + app + "/sql-ledger"));
		assertThat(entries).extracting(e -> e.get("name").asString() + "@" + e.get("env").asString())
			.containsExactly("V1__orders.sql@test", "V1__orders.sql@pre", "V2__more.sql@test");
	}

	@Test
	void aScriptWhoseTextChangedAfterItRanIsAConflictAndNothingRuns() throws Exception {
		ledger.runOnce(app, "test", List.of(new SqlScript("V1__t.sql", "CREATE TABLE t (id INT)")), null, "alice");

		List<SqlScript> edited = List.of(new SqlScript("V0__first.sql", "CREATE TABLE never (id INT)"),
				new SqlScript("V1__t.sql", "CREATE TABLE t (id BIGINT)"));
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> ledger.runOnce(app, "pre", edited, 9L, "bob"))
			.withMessageContaining("'V1__t.sql'")
			.withMessageContaining("ran in test")
			.withMessageContaining("add a new script");
		// In the environment where it ran too.
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> ledger.runOnce(app, "test", edited, 9L, "bob"));
		assertThat(tables()).containsExactly("t");
		assertThat(ledger.ledger(app)).extracting(SqlRun::name).containsExactly("V1__t.sql");
	}

	@Test
	void aFailingStatementIsRecordedWithoutPasswordsStopsTheRestAndTheFixedScriptRunsAfter() throws Exception {
		String broken = "CREATE TABLE f (id INT);\n" + "INSERT INTO f VALUES (1);\n"
				+ "INSERT INTO missing_table VALUES ('" + dbPassword + "');\n" + "INSERT INTO f VALUES (3);";
		List<SqlScript> scripts = List.of(new SqlScript("V1__f.sql", broken), new SqlScript("V2__g.sql", "CREATE TABLE g (id INT)"));

		SqlScriptFailedException failed = org.assertj.core.api.Assertions.catchThrowableOfType(SqlScriptFailedException.class,
				() -> ledger.runOnce(app, "test", scripts, 3L, "alice"));
		assertThat(failed).isNotNull();
		assertThat(failed.status().value()).isEqualTo(422);
		assertThat(failed.failed().outcome()).isEqualTo(SqlOutcome.FAILED);
		assertThat(failed.getMessage()).contains("statement #3 (INSERT INTO missing_table").doesNotContain(dbPassword);
		SqlRun entry = ledger.ledger(app).get(0);
		assertThat(entry.outcome()).isEqualTo(SqlOutcome.FAILED);
		assertThat(entry.error()).contains("statement #3 (INSERT INTO missing_table VALUES ('******'))")
			.contains("missing_table' doesn't exist")
			.doesNotContain(dbPassword);
		assertThat(entry.durationMs()).isNotNull();
		// Statements before it stay (MySQL DDL is not transactional), the ones after it and V2 did not run.
		assertThat(tables()).containsExactly("f");
		assertThat(count("SELECT COUNT(*) FROM f")).isEqualTo(1);

		String fixed = "CREATE TABLE IF NOT EXISTS f (id INT);\nINSERT INTO f VALUES (3);";
		assertThat(ledger.runOnce(app, "test", List.of(new SqlScript("V1__f.sql", fixed), scripts.get(1)), 4L, "alice"))
			.extracting(SqlRun::outcome)
			.containsExactly(SqlOutcome.RAN, SqlOutcome.RAN);
		assertThat(ledger.ledger(app)).extracting(r -> r.name() + ":" + r.outcome())
			.containsExactly("V1__f.sql:FAILED", "V1__f.sql:RAN", "V2__g.sql:RAN");
		assertThat(tables()).containsExactly("f", "g");
		assertThat(ledger.runOnce(app, "test", List.of(new SqlScript("V1__f.sql", fixed)), 5L, "alice"))
			.extracting(SqlRun::outcome).containsExactly(SqlOutcome.SKIPPED);
	}

	@Test
	void semicolonsInStringsAndCommentsDoNotSplitStatements() throws Exception {
		String script = "-- orders; with a note\n" + "CREATE TABLE s (v VARCHAR(40));\n"
				+ "# a MySQL comment; too\n" + "INSERT INTO s VALUES ('a;b');\n" + "/* block; comment */\n"
				+ "INSERT INTO s VALUES ('it''s; ok'), (\"dq;x\"), ('esc\\';y')";
		assertThat(ledger.runOnce(app, "test", List.of(new SqlScript("V1__s.sql", script)), null, "alice"))
			.extracting(SqlRun::outcome).containsExactly(SqlOutcome.RAN);
		List<String> values = new ArrayList<>();
		try (Connection db = serviceDb(); Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery("SELECT v FROM s ORDER BY v")) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		assertThat(values).containsExactlyInAnyOrder("a;b", "it's; ok", "dq;x", "esc';y");
	}

	@Test
	void twoRunsAtOnceRunAScriptOnlyOnce() throws Exception {
		ledger.runOnce(app, "test", List.of(new SqlScript("V0__c.sql", "CREATE TABLE c (id INT)")), null, "alice");
		List<SqlScript> scripts = List.of(new SqlScript("V1__slow.sql", "INSERT INTO c VALUES (1);\nDO SLEEP(1);"));
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Object>> results = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				String user = "user" + i;
				Callable<Object> run = () -> {
					start.await();
					try {
						return ledger.runOnce(app, "test", scripts, null, user).get(0).outcome();
					}
					catch (ConflictException ex) {
						return ex;
					}
				};
				results.add(pool.submit(run));
			}
			start.countDown();
			List<Object> outcomes = new ArrayList<>();
			for (Future<Object> result : results) {
				outcomes.add(result.get(30, TimeUnit.SECONDS));
			}
			assertThat(outcomes).containsOnlyOnce(SqlOutcome.RAN);
			assertThat(outcomes).anySatisfy(o -> assertThat(o).satisfiesAnyOf(
					x -> assertThat(x).isEqualTo(SqlOutcome.SKIPPED),
					x -> assertThat(x).isInstanceOf(ConflictException.class)
						.extracting(e -> ((ConflictException) e).getMessage()).asString().contains("is running in test")));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("SELECT COUNT(*) FROM c")).isEqualTo(1);
		assertThat(ledger.ledger(app)).extracting(SqlRun::outcome).containsExactly(SqlOutcome.RAN, SqlOutcome.RAN);
	}

	@Test
	void withoutADatabaseOrWithAnotherKindOfDatabaseNothingRuns(@TempDir Path tmp) throws Exception {
		for (String key : List.of("URL", "USERNAME", "PASSWORD")) {
			assertThat(admin.send(admin.request("/api/apps/" + app + "/bindings/prod/SPRING_DATASOURCE_" + key).DELETE())
				.statusCode()).isEqualTo(204);
		}
		List<SqlScript> scripts = List.of(new SqlScript("V1__x.sql", "CREATE TABLE x (id INT)"));
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> ledger.runOnce(app, "prod", scripts, null, "alice"))
			.withMessageContaining("no database in prod")
			.withMessageContaining("SPRING_DATASOURCE_URL")
			.withMessageContaining("SPRING_DATASOURCE_USERNAME");

		Path probe = tmp.resolve("probe");
		bind("prod", "SPRING_DATASOURCE_URL", "jdbc:h2:file:" + probe + ";INIT=CREATE TABLE pwned (id INT)", false);
		bind("prod", "SPRING_DATASOURCE_USERNAME", "sa", false);
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> ledger.runOnce(app, "prod", scripts, null, "alice"))
			.withMessageContaining("must be a MySQL or MariaDB URL");
		try (var files = Files.list(tmp)) {
			assertThat(files).isEmpty();
		}
		assertThat(ledger.ledger(app)).isEmpty();

		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> ledger.runOnce(app, "test",
				List.of(new SqlScript("a.sql", "SELECT 1"), new SqlScript("a.sql", "SELECT 2")), null, "alice"))
			.withMessageContaining("appears twice");
	}

	@Test
	void theProvisionedDatabaseIsUsedWhereTheEnvironmentProvidesOne() throws Exception {
		String env = "prov" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
		assertThat(admin.post("/api/environments", "{\"name\":\"" + env + "\"}").statusCode()).isEqualTo(201);
		envBind(env, DatabaseProvisioner.ADMIN_URL, MariaDb.url(), false);
		envBind(env, DatabaseProvisioner.ADMIN_USER, MariaDb.user(), false);
		envBind(env, DatabaseProvisioner.ADMIN_PASSWORD, MariaDb.password(), true);
		List<SqlRun> runs = ledger.runOnce(app, env, List.of(new SqlScript("V1__p.sql",
				"CREATE TABLE p (id INT); INSERT INTO p VALUES (DATABASE() IS NOT NULL)")), null, "alice");
		assertThat(runs).extracting(SqlRun::outcome).containsExactly(SqlOutcome.RAN);
		String url = null;
		for (JsonNode binding : HttpCaller.json(admin.get("/api/apps/" + app + "/bindings/" + env))) {
			if (binding.get("key").asString().equals("SPRING_DATASOURCE_URL")) {
				url = binding.get("value").asString();
			}
			if (binding.get("key").asString().equals("SPRING_DATASOURCE_USERNAME")) {
				extraUsers.add(binding.get("value").asString());
			}
		}
		assertThat(url).isNotNull();
		String provisioned = url.substring(url.lastIndexOf('/') + 1);
		assertThat(provisioned).startsWith(app.replace('-', '_') + "_" + env);
		extraDatabases.add(provisioned);
		try (Connection server = DriverManager.getConnection(MariaDb.url(), MariaDb.user(), MariaDb.password());
				Statement sql = server.createStatement();
				ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM `" + provisioned + "`.p")) {
			rows.next();
			assertThat(rows.getInt(1)).isEqualTo(1);
		}
		assertThat(tables()).as("not the service's SPRING_DATASOURCE_* of other environments").isEmpty();
	}

	@Test
	void ranSinceNamesTheScriptsThatRanThereAfterAnInstant() throws Exception {
		ledger.runOnce(app, "test", List.of(new SqlScript("V1__a.sql", "CREATE TABLE a (id INT)")), null, "alice");
		Instant between = Instant.now();
		Thread.sleep(20);
		ledger.runOnce(app, "test", List.of(new SqlScript("V2__b.sql", "CREATE TABLE b (id INT)")), null, "alice");
		ledger.runOnce(app, "pre", List.of(new SqlScript("V3__c.sql", "CREATE TABLE c (id INT)")), null, "alice");
		assertThat(ledger.ranSince(app, "test", between)).extracting(SqlRun::name).containsExactly("V2__b.sql");
		assertThat(ledger.ranSince(app, "test", between.minusSeconds(60))).extracting(SqlRun::name)
			.containsExactly("V1__a.sql", "V2__b.sql");
	}

	private void bindDatabase(String env) {
		bind(env, "SPRING_DATASOURCE_URL", DatabaseProvisioner.withDatabase(MariaDb.url(), database), false);
		bind(env, "SPRING_DATASOURCE_USERNAME", dbUser, false);
		bind(env, "SPRING_DATASOURCE_PASSWORD", dbPassword, true);
	}

	private void bind(String env, String key, String value, boolean secret) {
		put("/api/apps/" + app + "/bindings/" + env + "/" + key, value, secret);
	}

	private void envBind(String env, String key, String value, boolean secret) {
		put("/api/environments/" + env + "/bindings/" + key, value, secret);
	}

	private void put(String path, String value, boolean secret) {
		String body = HttpCaller.JSON.writeValueAsString(java.util.Map.of("value", value, "secret", secret));
		HttpResponse<String> answer = admin.send(admin.request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
	}

	private Connection serviceDb() throws SQLException {
		return DriverManager.getConnection(DatabaseProvisioner.withDatabase(MariaDb.url(), database), dbUser, dbPassword);
	}

	private int count(String query) throws SQLException {
		try (Connection db = serviceDb(); Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private List<String> tables() throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection db = serviceDb(); Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery("SHOW TABLES")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		tables.sort(null);
		return tables;
	}

	private static void admin(String statement) throws SQLException {
		try (Connection server = DriverManager.getConnection(MariaDb.url(), MariaDb.user(), MariaDb.password());
				Statement sql = server.createStatement()) {
			sql.execute(statement);
		}
	}

}
