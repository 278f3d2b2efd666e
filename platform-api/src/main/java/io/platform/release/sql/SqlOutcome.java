package io.platform.release.sql;

/** What became of a script in an environment. */
public enum SqlOutcome {

	/** Being run right now (the ledger's claim on the script in that environment). */
	RUNNING,

	/** Ran to the end: it never runs there again. */
	RAN,

	/** Not run this time: it had already run there (the answer of a run, never a ledger row). */
	SKIPPED,

	/** A statement failed: does not count as ran, so the script (fixed or not) may run again. */
	FAILED

}
