package io.platform.release;

import java.util.List;

/**
 * Runs an item's SQL scripts in an environment just before the item deploys there. Throwing fails the
 * stage, naming the item and the exception's message. {@link LedgerReleaseSql} is the implementation.
 */
interface ReleaseSql {

	/** Refuses, before anything deploys, a stage whose scripts could not run (edited, no database). */
	void checkBeforeStart(String env, List<ReleaseItemView> items);

	void runBeforeDeploy(long releaseId, String env, String app, List<SqlScriptRef> scripts, String user);

	record SqlScriptRef(String name, String script) {
	}

}
