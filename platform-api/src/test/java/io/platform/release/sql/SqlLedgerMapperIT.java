package io.platform.release.sql;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.platform.support.persistence.MariaDbTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@MariaDbTest
class SqlLedgerMapperIT {

	@Autowired
	SqlLedgerMapper mapper;

	@Test
	void entryIsWrittenAndReadBackWithItsLongestValues() {
		SqlLedgerEntry entry = entry("m".repeat(63), "n".repeat(255), "e".repeat(32), SqlOutcome.FAILED, null);
		entry.setError("é".repeat(2048));
		entry.setReleaseId(42L);
		entry.setDurationMs(1234L);
		mapper.insert(entry);
		assertThat(mapper.selectById(entry.getId())).usingRecursiveComparison().isEqualTo(entry);
	}

	@Test
	void onlyOneAttemptPerScriptAndEnvironmentMayRunOrHaveRun() {
		mapper.insert(entry("claims", "V1.sql", "test", SqlOutcome.FAILED, null));
		mapper.insert(entry("claims", "V1.sql", "test", SqlOutcome.FAILED, null));
		SqlLedgerEntry running = entry("claims", "V1.sql", "test", SqlOutcome.RUNNING, 1);
		mapper.insert(running);
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> mapper.insert(entry("claims", "V1.sql", "test", SqlOutcome.RUNNING, 1)));
		mapper.insert(entry("claims", "V1.sql", "pre", SqlOutcome.RUNNING, 1));

		// A failed attempt gives the claim back (claimed is written as NULL on update).
		running.setOutcome(SqlOutcome.FAILED);
		running.setClaimed(null);
		mapper.updateById(running);
		assertThat(mapper.selectById(running.getId()).getClaimed()).isNull();
		mapper.insert(entry("claims", "V1.sql", "test", SqlOutcome.RUNNING, 1));
	}

	private static SqlLedgerEntry entry(String app, String name, String env, SqlOutcome outcome, Integer claimed) {
		SqlLedgerEntry entry = new SqlLedgerEntry();
		entry.setApp(app);
		entry.setName(name);
		entry.setEnv(env);
		entry.setChecksum("a".repeat(64));
		entry.setOutcome(outcome);
		entry.setClaimed(claimed);
		entry.setRanAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
		entry.setRanBy("alice");
		return entry;
	}

}
