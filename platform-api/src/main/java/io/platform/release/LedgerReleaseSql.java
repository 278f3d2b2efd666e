package io.platform.release;

import java.util.List;

import io.platform.release.sql.SqlLedger;
import io.platform.release.sql.SqlScript;

import org.springframework.stereotype.Component;

/** A release item's SQL scripts run through the ledger: at most once per service and environment. */
@Component
class LedgerReleaseSql implements ReleaseSql {

	private final SqlLedger ledger;

	LedgerReleaseSql(SqlLedger ledger) {
		this.ledger = ledger;
	}

	@Override
	public void checkBeforeStart(String env, List<ReleaseItemView> items) {
		for (ReleaseItemView item : items) {
			ledger.checkRunnable(item.app(), env,
					item.sql().stream().map(script -> new SqlScript(script.name(), script.script())).toList());
		}
	}

	@Override
	public void runBeforeDeploy(long releaseId, String env, String app, List<SqlScriptRef> scripts, String user) {
		if (!scripts.isEmpty()) {
			ledger.runOnce(app, env, scripts.stream().map(script -> new SqlScript(script.name(), script.script())).toList(),
					releaseId, user);
		}
	}

}
