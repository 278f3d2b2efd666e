package io.platform.release.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import io.platform.environment.AdminJdbcUrl;
import io.platform.environment.BindingService;
import io.platform.environment.BindingService.Resolved;
import io.platform.environment.DatabaseProvisioner;
import io.platform.support.web.ConflictException;
import io.platform.support.web.UpstreamException;

import org.springframework.stereotype.Component;

/**
 * The database a service uses in an environment, as the service itself sees it: its provisioned database
 * when the environment provisions them (made sure of first, as a deployment does), otherwise the
 * SPRING_DATASOURCE_* bindings of the service or the environment. MySQL and MariaDB only.
 */
@Component
class ServiceDatabases {

	static final String URL = "SPRING_DATASOURCE_URL";

	static final String USERNAME = "SPRING_DATASOURCE_USERNAME";

	static final String PASSWORD = "SPRING_DATASOURCE_PASSWORD";

	private final BindingService bindings;

	private final DatabaseProvisioner provisioner;

	ServiceDatabases(BindingService bindings, DatabaseProvisioner provisioner) {
		this.bindings = bindings;
		this.provisioner = provisioner;
	}

	/** Where to connect; the password only ever goes to the driver. */
	record Target(String url, String user, String password) {

		@Override
		public String toString() {
			return url + " as " + user;
		}

	}

	/** Refuses a service that has no database in {@code env}, without provisioning or connecting. */
	void requireConfigured(String app, String env) {
		Map<String, Resolved> effective = bindings.effective(app, env);
		Resolved url = effective.get(URL);
		if (!effective.containsKey(DatabaseProvisioner.ADMIN_URL) && (url == null || url.value().isBlank())) {
			throw noDatabase(app, env);
		}
	}

	Target resolve(String app, String env) {
		Map<String, Resolved> effective = bindings.effective(app, env);
		if (effective.containsKey(DatabaseProvisioner.ADMIN_URL)) {
			// Idempotent; sets the service's SPRING_DATASOURCE_* to its own database and user there.
			provisioner.ensure(app, env);
			effective = bindings.effective(app, env);
		}
		Resolved url = effective.get(URL);
		if (url == null || url.value().isBlank()) {
			throw noDatabase(app, env);
		}
		String problem = AdminJdbcUrl.problem(url.value());
		if (problem != null) {
			throw new ConflictException("The " + URL + " of " + app + " in " + env + " (from the " + url.source()
					+ "'s bindings) " + problem + "; SQL scripts run only against MySQL or MariaDB.");
		}
		Resolved user = effective.get(USERNAME);
		if (user == null || user.value().isBlank()) {
			throw new ConflictException(app + " binds " + URL + " in " + env + " but not " + USERNAME + "; bind " + USERNAME
					+ " and " + PASSWORD + " too.");
		}
		Resolved password = effective.get(PASSWORD);
		return new Target(url.value(), user.value(), password == null ? "" : password.value());
	}

	Connection connect(String app, String env, Target target) {
		Properties properties = new Properties();
		properties.setProperty("user", target.user());
		properties.setProperty("password", target.password());
		if (!target.url().toLowerCase(java.util.Locale.ROOT).contains("connecttimeout=")) {
			properties.setProperty("connectTimeout", "5000");
		}
		try {
			return AdminJdbcUrl.connect(target.url(), properties);
		}
		catch (SQLException ex) {
			throw new UpstreamException("Could not connect to the database of " + app + " in " + env + " (" + target + "): "
					+ SqlErrors.mask(ex.getMessage(), target.password()) + "; no SQL script ran.", null);
		}
	}

	private static ConflictException noDatabase(String app, String env) {
		return new ConflictException(app + " has no database in " + env + " to run SQL scripts in: bind " + URL + ", "
				+ USERNAME + " and " + PASSWORD + " (secret) for the service in " + env + " (PUT /api/apps/" + app
				+ "/bindings/" + env + "/{key}) or for the environment, or let the environment provision databases ("
				+ DatabaseProvisioner.ADMIN_URL + ", _USER, _PASSWORD).");
	}

}
