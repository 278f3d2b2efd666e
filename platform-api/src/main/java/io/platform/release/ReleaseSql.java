package io.platform.release;

import java.util.List;

/**
 * Hook point: runs an item's SQL scripts in an environment just before the item deploys there. Throwing
 * fails the stage, naming the item and the exception's message. Another part of the platform provides the
 * real implementation; {@link ReleaseHooksConfig} supplies a minimal one when none exists.
 */
interface ReleaseSql {

	void runBeforeDeploy(long releaseId, String env, String app, List<SqlScriptRef> scripts, String user);

	record SqlScriptRef(String name, String script) {
	}

}
