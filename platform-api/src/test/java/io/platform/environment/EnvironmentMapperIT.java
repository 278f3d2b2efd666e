package io.platform.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import io.platform.support.persistence.MariaDbTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

@MariaDbTest
class EnvironmentMapperIT {

	@Autowired
	EnvironmentMapper mapper;

	@Autowired
	EnvironmentService environments;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyMigrationAppliesSuccessfully() {
		List<Map<String, Object>> history = jdbc
			.queryForList("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL");
		assertThat(history).isNotEmpty()
			.extracting(row -> row.get("version"))
			.contains("1");
		assertThat(history).allSatisfy(row -> assertThat(((Number) toNumber(row.get("success"))).intValue()).isOne());
	}

	@Test
	void migrationSeedsTheFourEnvironmentsInOrderWithProdProtected() {
		List<Environment> seeded = environments.list();
		assertThat(seeded).extracting(Environment::getName).containsExactly("dev", "test", "pre", "prod");
		assertThat(seeded).extracting(Environment::getSortOrder).containsExactly(1, 2, 3, 4);
		assertThat(seeded).extracting(Environment::getIsProtected).containsExactly(false, false, false, true);
		assertThat(seeded).extracting(Environment::getDomain).containsOnly("localhost");
		assertThat(seeded).extracting(Environment::getCreatedAt).doesNotContainNull();
	}

	@Test
	void environmentIsFoundByName() {
		assertThat(environments.get("pre").getSortOrder()).isEqualTo(3);
	}

	@Test
	void environmentNamesAreUnique() {
		Environment copy = new Environment();
		copy.setName("dev");
		copy.setSortOrder(9);
		copy.setDomain("localhost");
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> mapper.insert(copy));
	}

	private static Object toNumber(Object value) {
		return value instanceof Boolean b ? (b ? 1 : 0) : value;
	}

}
