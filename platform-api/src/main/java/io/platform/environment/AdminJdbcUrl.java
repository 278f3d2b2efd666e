package io.platform.environment;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL of the MySQL / MariaDB server whose admin account provisions databases: plain
 * {@code jdbc:mysql://host[:port][,host...][/database][?option=value&...]} or the same with
 * {@code jdbc:mariadb:}, and only options that change how the connection is made, not what the driver
 * may do on the platform's host. The platform opens this URL itself with a powerful account, so any
 * other driver (H2 runs scripts from its URL), driver mode, host-embedded option or option such as
 * {@code allowLoadLocalInfile} (the server reads the platform's files) or {@code autoDeserialize} is refused.
 * The same rules hold for a service's own database when the platform runs its SQL scripts there.
 */
public final class AdminJdbcUrl {

	private static final String HOST = "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(?::\\d{1,5})?";

	private static final Pattern URL = Pattern
		.compile("jdbc:(mysql|mariadb)://(" + HOST + "(?:," + HOST + ")*)(?:/([A-Za-z0-9_$-]*))?(?:\\?(.*))?");

	private static final Pattern OPTION = Pattern.compile("([A-Za-z][A-Za-z0-9]*)=([A-Za-z0-9_.:+/-]*)");

	/** The options an admin URL may carry (case-insensitive), with what a person would set them for. */
	static final List<String> ALLOWED = List.of("connectTimeout", "socketTimeout", "useSSL", "requireSSL", "sslMode",
			"verifyServerCertificate", "trustServerCertificate", "serverTimezone", "connectionTimeZone",
			"characterEncoding", "useUnicode", "allowPublicKeyRetrieval", "tcpKeepAlive");

	/** Options refused with the reason, for the ones people try (or are told to try) most. */
	private static final Map<String, String> DANGEROUS = Map.ofEntries(
			Map.entry("allowloadlocalinfile", "it lets the server read files of the platform's host"),
			Map.entry("allowlocalinfile", "it lets the server read files of the platform's host"),
			Map.entry("allowurlinlocalinfile", "it lets the server make the platform fetch URLs"),
			Map.entry("autodeserialize", "it deserializes Java objects sent by the server"),
			Map.entry("socketfactory", "it loads a class of the caller's choice"),
			Map.entry("permitmysqlscheme", "it hands the URL to another driver"),
			Map.entry("init", "it runs SQL or scripts named in the URL"));

	private AdminJdbcUrl() {
	}

	/** Why {@code url} cannot be the admin URL, phrased to follow the key's name, or {@code null}. */
	public static String problem(String url) {
		if (url == null || url.isBlank()) {
			return "must not be empty";
		}
		Matcher matcher = URL.matcher(url);
		if (!matcher.matches()) {
			if (url.regionMatches(true, 0, "jdbc:mysql:", 0, 11) || url.regionMatches(true, 0, "jdbc:mariadb:", 0, 13)) {
				return "must be jdbc:mysql://host[:port][/database][?option=value&...] (or jdbc:mariadb:...), with plain"
						+ " host names and no driver mode (loadbalance, replication...) or options inside the host part";
			}
			return "must be a MySQL or MariaDB URL (jdbc:mysql://host:3306/ or jdbc:mariadb://host:3306/); the platform"
					+ " opens no other kind of database with it";
		}
		String options = matcher.group(4);
		if (options == null || options.isEmpty()) {
			return null;
		}
		for (String option : options.split("&", -1)) {
			String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
			String reason = DANGEROUS.get(name.strip().toLowerCase(Locale.ROOT));
			if (reason != null) {
				return "must not set option '" + name + "': " + reason;
			}
			Matcher pair = OPTION.matcher(option);
			if (!pair.matches()) {
				return "has an option that is not name=value of letters, digits and _ . : + / - ('" + option + "')";
			}
			if (ALLOWED.stream().noneMatch(allowed -> allowed.equalsIgnoreCase(pair.group(1)))) {
				return "must not set option '" + pair.group(1) + "' (the platform allows only "
						+ String.join(", ", ALLOWED) + ")";
			}
		}
		return null;
	}

	/**
	 * Opens a URL that passed {@link #problem} with the MySQL or MariaDB driver only: the driver that takes
	 * it is checked too, so no other driver on the class path (H2's among them) ever sees it.
	 */
	public static Connection connect(String url, Properties credentials) throws SQLException {
		String problem = problem(url);
		if (problem != null) {
			throw new SQLException("the URL " + problem);
		}
		Driver driver = DriverManager.getDriver(url);
		String name = driver.getClass().getName();
		if (!name.startsWith("org.mariadb.jdbc.") && !name.startsWith("com.mysql.")) {
			throw new SQLException("the URL is taken by " + name + ", not by the MySQL or MariaDB driver");
		}
		Connection connection = driver.connect(url, credentials);
		if (connection == null) {
			throw new SQLException("the driver did not accept the URL");
		}
		return connection;
	}

}
