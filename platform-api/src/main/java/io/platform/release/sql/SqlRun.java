package io.platform.release.sql;

import java.time.Instant;

/**
 * A ledger entry: one attempt of a script in an environment ({@code ranAt} is when it started), or, with
 * outcome SKIPPED, the earlier entry that made a run skip it.
 */
public record SqlRun(String name, String checksum, String env, Instant ranAt, String ranBy, Long releaseId,
		SqlOutcome outcome, String error, Long durationMs) {

	static SqlRun of(SqlLedgerEntry entry) {
		return of(entry, entry.getOutcome());
	}

	static SqlRun of(SqlLedgerEntry entry, SqlOutcome outcome) {
		return new SqlRun(entry.getName(), entry.getChecksum(), entry.getEnv(), entry.getRanAt(), entry.getRanBy(),
				entry.getReleaseId(), outcome, entry.getError(), entry.getDurationMs());
	}

}
