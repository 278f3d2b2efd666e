package io.platform.support.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import io.platform.environment.DatabaseProvisioner;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The MariaDB (or MySQL) server the persistence tests run against: {@code PLATFORM_TEST_MARIADB_URL},
 * {@code _USER} and {@code _PASSWORD}, by default the one {@code scripts/test-setup.sh} prepares.
 */
public final class MariaDb {

	static final String URL = env("PLATFORM_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/platform_test");

	static final String USER = env("PLATFORM_TEST_MARIADB_USER", "platform");

	static final String PASSWORD = env("PLATFORM_TEST_MARIADB_PASSWORD", "platform");

	private static volatile String unreachable;

	private MariaDb() {
	}

	/** The server's JDBC URL, user and password (an account that may create databases and users). */
	public static String url() {
		return URL;
	}

	public static String user() {
		return USER;
	}

	public static String password() {
		return PASSWORD;
	}

	/**
	 * Disables the test class, with the reason in the test report, when no server answers; fails it
	 * instead when {@code CI=true}. A condition runs before Spring tries to start the application.
	 */
	public static class Required implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			String problem = unreachable();
			if (problem == null) {
				return ConditionEvaluationResult.enabled("MariaDB answers at " + URL);
			}
			String message = "No MariaDB server at " + URL + " (" + problem
					+ "); run scripts/test-setup.sh or set PLATFORM_TEST_MARIADB_URL/_USER/_PASSWORD";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new AssertionError(message + " [CI=true: required]");
			}
			System.err.println("SKIPPED " + context.getDisplayName() + ": " + message);
			return ConditionEvaluationResult.disabled(message);
		}

	}

	/**
	 * Points the application at a database of its own, created empty for the context and dropped when
	 * it closes, so runs from several checkouts never see each other's rows.
	 */
	public static class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			String name = "platform_it_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
					+ "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
			execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
			TestPropertyValues
				.of("spring.datasource.url=" + DatabaseProvisioner.withDatabase(URL, name), "spring.datasource.username=" + USER,
						"spring.datasource.password=" + PASSWORD)
				.applyTo(context);
			context.addApplicationListener(event -> {
				if (event instanceof ContextClosedEvent) {
					execute("DROP DATABASE IF EXISTS " + name);
				}
			});
		}

	}

	private static synchronized String unreachable() {
		if (unreachable == null) {
			try (Connection connection = connect()) {
				unreachable = connection.isValid(5) ? "" : "connection not valid";
			}
			catch (SQLException ex) {
				unreachable = ex.getMessage();
			}
		}
		return unreachable.isEmpty() ? null : unreachable;
	}

	private static void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + " failed on " + URL + ": " + ex.getMessage(), ex);
		}
	}

	private static Connection connect() throws SQLException {
		DriverManager.setLoginTimeout(5);
		return DriverManager.getConnection(URL, USER, PASSWORD);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
