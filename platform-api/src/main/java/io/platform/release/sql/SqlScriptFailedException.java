package io.platform.release.sql;

import java.util.List;

import io.platform.support.web.UnprocessableException;

/**
 * A statement of a script failed in the target database (422: the request was fine and allowed, the
 * script is what the database refused; sending the same again fails again until the script or the
 * database is fixed). The FAILED ledger entry is saved before this is thrown.
 */
public final class SqlScriptFailedException extends UnprocessableException {

	private final transient SqlRun failed;

	private final transient List<SqlRun> before;

	SqlScriptFailedException(String detail, SqlRun failed, List<SqlRun> before, Throwable cause) {
		super(detail, cause);
		this.failed = failed;
		this.before = List.copyOf(before);
	}

	/** The FAILED entry, as saved. */
	public SqlRun failed() {
		return failed;
	}

	/** The scripts handled before it in the same run (RAN or SKIPPED). */
	public List<SqlRun> before() {
		return before;
	}

}
