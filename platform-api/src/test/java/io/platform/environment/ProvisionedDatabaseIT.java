package io.platform.environment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.platform.support.FreshPlatformHome;
import io.platform.support.persistence.MariaDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Provisioned databases on a real MariaDB: each service gets a database and a user per environment, and
 * the test instance of a service cannot read the dev instance's data.
 */
@ExtendWith(MariaDb.Required.class)
@SpringBootTest(properties = "platform.runtime=process")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FreshPlatformHome.class)
class ProvisionedDatabaseIT {

	static final String APP = "shop" + Long.toString(System.nanoTime() % 100_000);

	@Autowired
	MockMvc mvc;

	@Autowired
	DatabaseProvisioner provisioner;

	@Autowired
	BindingService bindings;

	@Autowired
	JdbcTemplate jdbc;

	@AfterEach
	void dropWhatWasProvisioned() throws SQLException {
		try (Connection admin = DriverManager.getConnection(MariaDb.url(), MariaDb.user(), MariaDb.password());
				Statement sql = admin.createStatement()) {
			for (String env : new String[] { "dev", "test" }) {
				sql.execute("DROP DATABASE IF EXISTS `" + APP + "_" + env + "`");
				sql.execute("DROP USER IF EXISTS '" + APP + "_" + env + "'@'%'");
			}
		}
	}

	@Test
	void eachEnvironmentGetsItsOwnDatabaseAndUserAndCannotReadTheOthers() throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + APP + "\",\"repoUrl\":\"file:///srv/git/shop.git\"}")).andExpect(status().isCreated());
		for (String env : new String[] { "dev", "test" }) {
			bind(env, DatabaseProvisioner.ADMIN_URL, MariaDb.url(), false);
			bind(env, DatabaseProvisioner.ADMIN_USER, MariaDb.user(), false);
			bind(env, DatabaseProvisioner.ADMIN_PASSWORD, MariaDb.password(), true);
			assertThat(provisioner.ensure(APP, env)).get().asString().contains(APP + "_" + env);
		}

		Map<String, BindingService.Resolved> dev = bindings.effective(APP, "dev");
		Map<String, BindingService.Resolved> test = bindings.effective(APP, "test");
		assertThat(dev.get("SPRING_DATASOURCE_URL").value()).endsWith("/" + APP + "_dev");
		assertThat(dev.get("SPRING_DATASOURCE_PASSWORD").secret()).isTrue();

		try (Connection devDb = connect(dev); Statement sql = devDb.createStatement()) {
			sql.execute("CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20))");
			sql.execute("INSERT INTO orders VALUES (1, 'dev data')");
		}
		try (Connection testDb = connect(test); Statement sql = testDb.createStatement()) {
			sql.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> sql.executeQuery("SELECT note FROM `" + APP + "_dev`.orders"))
				.withMessageContaining("denied");
		}

		// Provisioning again (every deployment does) keeps the same credentials and the data.
		String password = dev.get("SPRING_DATASOURCE_PASSWORD").value();
		provisioner.ensure(APP, "dev");
		assertThat(bindings.effective(APP, "dev").get("SPRING_DATASOURCE_PASSWORD").value()).isEqualTo(password);
		try (Connection devDb = connect(bindings.effective(APP, "dev")); Statement sql = devDb.createStatement()) {
			var rows = sql.executeQuery("SELECT note FROM orders");
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("dev data");
		}
	}

	@Test
	void anEnvironmentWithoutAnAdminAccountProvisionsNothing() throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"plain" + APP + "\",\"repoUrl\":\"file:///srv/git/plain.git\"}")).andExpect(status().isCreated());
		assertThat(provisioner.ensure("plain" + APP, "pre")).isEmpty();
	}

	/**
	 * 'nm-x' in dev and 'nm' in x-dev both read nm_x_dev once '-' becomes '_': they must not share a
	 * database. And an admin URL that is not MySQL's (a row an older version let in) is never opened.
	 */
	@Test
	void servicesWhoseNamesReadAlikeGetDatabasesOfTheirOwnAndAnUnsafeAdminUrlIsNeverOpened(@TempDir Path tmp)
			throws Exception {
		String base = "nm" + Long.toString(System.nanoTime() % 100_000);
		mvc.perform(post("/api/environments").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x-dev\"}"))
			.andExpect(status().isCreated());
		String[][] pairs = { { base + "-x", "dev" }, { base, "x-dev" } };
		try {
			for (String[] pair : pairs) {
				mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
					.content("{\"name\":\"" + pair[0] + "\",\"repoUrl\":\"file:///srv/git/nm.git\"}"))
					.andExpect(status().isCreated());
				bind(pair[1], DatabaseProvisioner.ADMIN_URL, MariaDb.url(), false);
				bind(pair[1], DatabaseProvisioner.ADMIN_USER, MariaDb.user(), false);
				bind(pair[1], DatabaseProvisioner.ADMIN_PASSWORD, MariaDb.password(), true);
				provisioner.ensure(pair[0], pair[1]);
			}
			Map<String, BindingService.Resolved> first = bindings.effective(pairs[0][0], pairs[0][1]);
			Map<String, BindingService.Resolved> second = bindings.effective(pairs[1][0], pairs[1][1]);
			assertThat(first.get("SPRING_DATASOURCE_URL").value()).isNotEqualTo(second.get("SPRING_DATASOURCE_URL").value());
			assertThat(first.get("SPRING_DATASOURCE_USERNAME").value())
				.isNotEqualTo(second.get("SPRING_DATASOURCE_USERNAME").value());
			try (Connection one = connect(first); Statement sql = one.createStatement()) {
				sql.execute("CREATE TABLE only_mine (id INT)");
			}
			try (Connection two = connect(second); Statement sql = two.createStatement()) {
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> sql.executeQuery("SELECT * FROM only_mine"));
			}

			// An H2 URL would create this file (and could run any script named in the URL).
			Path probe = tmp.resolve("probe");
			jdbc.update("UPDATE binding SET value_text = ? WHERE env = 'x-dev' AND app = '' AND binding_key = ?",
					"jdbc:h2:file:" + probe + ";INIT=CREATE TABLE pwned (id INT)", DatabaseProvisioner.ADMIN_URL);
			assertThatThrownBy(() -> provisioner.ensure(base, "x-dev"))
				.hasMessageContaining("must be a MySQL or MariaDB URL");
			jdbc.update("UPDATE binding SET value_text = ? WHERE env = 'x-dev' AND app = '' AND binding_key = ?",
					MariaDb.url() + "?allowLoadLocalInfile=true", DatabaseProvisioner.ADMIN_URL);
			assertThatThrownBy(() -> provisioner.ensure(base, "x-dev"))
				.hasMessageContaining("must not set option 'allowLoadLocalInfile'");
			try (var files = Files.list(tmp)) {
				assertThat(files).isEmpty();
			}
		}
		finally {
			try (Connection admin = DriverManager.getConnection(MariaDb.url(), MariaDb.user(), MariaDb.password());
					Statement sql = admin.createStatement()) {
				for (String[] pair : pairs) {
					for (int max : new int[] { DatabaseProvisioner.DATABASE_NAME_MAX, DatabaseProvisioner.USER_NAME_MAX }) {
						String name = DatabaseProvisioner.name(pair[0], pair[1], max);
						sql.execute("DROP DATABASE IF EXISTS `" + name + "`");
						sql.execute("DROP USER IF EXISTS '" + name + "'@'%'");
					}
				}
			}
		}
	}

	private void bind(String env, String key, String value, boolean secret) throws Exception {
		mvc.perform(put("/api/environments/" + env + "/bindings/" + key).contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"" + value + "\",\"secret\":" + secret + "}")).andExpect(status().isOk());
	}

	private static Connection connect(Map<String, BindingService.Resolved> bindings) throws SQLException {
		return DriverManager.getConnection(bindings.get("SPRING_DATASOURCE_URL").value(),
				bindings.get("SPRING_DATASOURCE_USERNAME").value(), bindings.get("SPRING_DATASOURCE_PASSWORD").value());
	}

}
