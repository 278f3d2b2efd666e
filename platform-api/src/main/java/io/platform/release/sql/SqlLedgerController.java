package io.platform.release.sql;

import java.util.List;

import io.platform.identity.Access;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SqlLedgerController {

	private final SqlLedger ledger;

	private final Access access;

	SqlLedgerController(SqlLedger ledger, Access access) {
		this.ledger = ledger;
		this.access = access;
	}

	/** Every attempt of the service's scripts, per script and environment. */
	@GetMapping(path = "/api/apps/{app}/sql-ledger", params = "!pending")
	List<SqlRun> ledger(@PathVariable String app) {
		access.requireRead(app);
		return ledger.ledger(app);
	}

	/** Scripts that ran in an earlier environment and not yet in {@code pending}. */
	@GetMapping(path = "/api/apps/{app}/sql-ledger", params = "pending")
	List<SqlPending> pending(@PathVariable String app, @RequestParam String pending) {
		access.requireRead(app, pending);
		return ledger.pending(app, pending);
	}

}
