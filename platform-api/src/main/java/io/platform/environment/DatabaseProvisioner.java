package io.platform.environment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import io.platform.environment.BindingService.Resolved;
import io.platform.support.web.UpstreamException;

import org.springframework.stereotype.Component;

/**
 * Provisioned databases: when an environment binds the admin account of a MySQL / MariaDB server
 * ({@value #ADMIN_URL}, {@value #ADMIN_USER}, {@value #ADMIN_PASSWORD}), each service deployed there gets a
 * database and a user of its own, granted on that database only, and is given them as
 * SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD (kept as the service's bindings, the password secret). The
 * admin account itself never reaches a service.
 */
@Component
public class DatabaseProvisioner {

	public static final String ADMIN_URL = "PLATFORM_MYSQL_ADMIN_URL";

	public static final String ADMIN_USER = "PLATFORM_MYSQL_ADMIN_USER";

	public static final String ADMIN_PASSWORD = "PLATFORM_MYSQL_ADMIN_PASSWORD";

	private static final String ADMIN_PREFIX = "PLATFORM_MYSQL_ADMIN_";

	private static final Pattern OUR_PASSWORD = Pattern.compile("[A-Za-z0-9]{24}");

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final BindingService bindings;

	private final SecureRandom random = new SecureRandom();

	DatabaseProvisioner(BindingService bindings) {
		this.bindings = bindings;
	}

	/** Whether a binding is for the platform only (the admin account), not for the service. */
	public static boolean isAdminKey(String key) {
		return key.startsWith(ADMIN_PREFIX);
	}

	/**
	 * Makes sure the service has its database and user in the environment (idempotent).
	 * @return a line for the deployment log, or empty when the environment provisions no databases
	 */
	public Optional<String> ensure(String app, String env) {
		Map<String, Resolved> effective = bindings.effective(app, env);
		Resolved adminUrl = effective.get(ADMIN_URL);
		if (adminUrl == null) {
			return Optional.empty();
		}
		String problem = AdminJdbcUrl.problem(adminUrl.value());
		if (problem != null) {
			throw new UpstreamException("The environment's " + ADMIN_URL + " " + problem
					+ "; a platform admin must fix the binding before databases can be provisioned.", null);
		}
		String database = name(app, env, DATABASE_NAME_MAX);
		String user = name(app, env, USER_NAME_MAX);
		Resolved stored = effective.get("SPRING_DATASOURCE_PASSWORD");
		String password = stored != null && "service".equals(stored.source()) && OUR_PASSWORD.matcher(stored.value()).matches()
				? stored.value() : newPassword();
		String note = "";
		Properties credentials = new Properties();
		credentials.setProperty("user", value(effective, ADMIN_USER));
		credentials.setProperty("password", value(effective, ADMIN_PASSWORD));
		credentials.setProperty("connectTimeout", "5000");
		// Identifiers are [a-z0-9_] and the password [A-Za-z0-9] (both made here): nothing to escape.
		try (Connection connection = AdminJdbcUrl.connect(adminUrl.value(), credentials);
				Statement sql = connection.createStatement()) {
			sql.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4");
			sql.execute("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
			sql.execute("ALTER USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
			sql.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + user + "'@'%'");
		}
		catch (SQLException ex) {
			throw new UpstreamException("Could not provision the database of " + app + " in " + env + " with the admin account of "
					+ ADMIN_URL + " (" + adminUrl.value() + "): " + ex.getMessage(), ex);
		}
		String previous = previousDatabase(effective.get("SPRING_DATASOURCE_URL"));
		if (previous != null && !previous.equals(database)) {
			// Names used to be ambiguous; the old database is left as it was, for its data to be moved by hand.
			note = " (it used database " + previous + " before, left untouched)";
		}
		bindings.put(env, app, "SPRING_DATASOURCE_URL", new BindingRequest(withDatabase(adminUrl.value(), database), false));
		bindings.put(env, app, "SPRING_DATASOURCE_USERNAME", new BindingRequest(user, false));
		bindings.put(env, app, "SPRING_DATASOURCE_PASSWORD", new BindingRequest(password, true));
		return Optional.of("[database] " + app + " uses database " + database + " as user " + user
				+ " (granted on that database only)" + note);
	}

	private static String value(Map<String, Resolved> effective, String key) {
		Resolved resolved = effective.get(key);
		if (resolved == null) {
			throw new UpstreamException("The environment binds " + ADMIN_URL + " but not " + key
					+ "; bind the admin account's " + (key.equals(ADMIN_USER) ? "user" : "password") + " too.", null);
		}
		return resolved.value();
	}

	/** MySQL's limit on database names. */
	static final int DATABASE_NAME_MAX = 64;

	/** MySQL's limit on user names (MariaDB allows 80). */
	static final int USER_NAME_MAX = 32;

	private static final int HASH_LENGTH = 12;

	/**
	 * The database (and user) name of a service in an environment, at most {@code maxLength} characters of
	 * [a-z0-9_], never the same for two (service, environment) pairs. Names without '-' that fit keep the
	 * readable {@code app_env}: there the only '_' is the separator. Any other name (a '-' became '_', so
	 * {@code a-b} in {@code c} and {@code a} in {@code b-c} would both read {@code a_b_c}; or it had to be
	 * cut) ends with '_' and a hash of the exact pair, and so has at least two '_'.
	 */
	static String name(String app, String env, int maxLength) {
		String plain = (app + "_" + env).toLowerCase(Locale.ROOT);
		if (plain.length() <= maxLength && plain.matches("[a-z0-9]+_[a-z0-9]+")) {
			return plain;
		}
		String readable = plain.replaceAll("[^a-z0-9_]", "_");
		String hash = hash(app + "/" + env);
		int room = maxLength - HASH_LENGTH - 1;
		return (readable.length() <= room ? readable : readable.substring(0, room)) + "_" + hash;
	}

	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/** The database a provisioned URL points at, or {@code null}. */
	private static String previousDatabase(Resolved url) {
		if (url == null || !"service".equals(url.source())) {
			return null;
		}
		String value = url.value();
		int hosts = value.indexOf("//");
		int slash = hosts < 0 ? -1 : value.indexOf('/', hosts + 2);
		if (slash < 0) {
			return null;
		}
		int query = value.indexOf('?', slash);
		String database = query < 0 ? value.substring(slash + 1) : value.substring(slash + 1, query);
		return database.isEmpty() ? null : database;
	}

	/** The same server URL with another database (query parameters kept). */
	public static String withDatabase(String url, String database) {
		int hosts = url.indexOf("//") + 2;
		int query = url.indexOf('?', hosts);
		String params = query < 0 ? "" : url.substring(query);
		String server = query < 0 ? url : url.substring(0, query);
		int slash = server.indexOf('/', hosts);
		return (slash < 0 ? server : server.substring(0, slash)) + "/" + database + params;
	}

	private String newPassword() {
		StringBuilder password = new StringBuilder(24);
		for (int i = 0; i < 24; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
