package io.platform.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.environment.DatabaseProvisioner;
import org.junit.jupiter.api.Test;

class MariaDbUrlTest {

	@Test
	void databaseIsReplacedAndOptionsKept() {
		assertThat(DatabaseProvisioner.withDatabase("jdbc:mariadb://127.0.0.1:3306/platform_test", "x"))
			.isEqualTo("jdbc:mariadb://127.0.0.1:3306/x");
		assertThat(DatabaseProvisioner.withDatabase("jdbc:mysql://db:3306/platform_test?useSSL=false&a=b", "x"))
			.isEqualTo("jdbc:mysql://db:3306/x?useSSL=false&a=b");
		assertThat(DatabaseProvisioner.withDatabase("jdbc:mariadb://db", "x")).isEqualTo("jdbc:mariadb://db/x");
		assertThat(DatabaseProvisioner.withDatabase("jdbc:mariadb://db?x=/y", "x")).isEqualTo("jdbc:mariadb://db/x?x=/y");
	}

}
