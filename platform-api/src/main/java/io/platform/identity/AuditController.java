package io.platform.identity;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.platform.support.web.ForbiddenException;
import io.platform.support.web.InvalidInputException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, newest first: all of it for platform admins, a service's own part for its OWNERs. */
@RestController
class AuditController {

	private static final int MAX_LIMIT = 1000;

	private final Audit audit;

	private final Access access;

	AuditController(Audit audit, Access access) {
		this.audit = audit;
		this.access = access;
	}

	record AuditView(long id, Instant at, String actor, String action, String target, String app, String env,
			AuditEvent.Outcome outcome, int status, String detail, String remoteAddress) {

		static AuditView of(AuditEvent e) {
			return new AuditView(e.getId(), e.getAt(), e.getActor(), e.getAction(), e.getTarget(), e.getApp(), e.getEnv(),
					e.getOutcome(), e.getStatus(), e.getDetail(), e.getRemoteAddress());
		}

	}

	@GetMapping("/api/audit")
	List<AuditView> find(@RequestParam(required = false) String actor, @RequestParam(required = false) String app,
			@RequestParam(required = false) String env, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String outcome, @RequestParam(defaultValue = "100") int limit) {
		if (!access.current().isAdmin()) {
			if (app == null || app.isBlank()) {
				throw new ForbiddenException("Only platform admins read the whole audit trail; a service's OWNER "
						+ "may read its part with ?app=<service>.");
			}
			access.require(app, ServiceRole.OWNER, "reads its audit trail");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidInputException("limit", "The limit must be between 1 and " + MAX_LIMIT + ".");
		}
		return audit.find(new Audit.Query(blank(actor), blank(app), blank(env), blank(action), outcome(outcome),
				instant("from", from), instant("to", to), limit)).stream().map(AuditView::of).toList();
	}

	private static AuditEvent.Outcome outcome(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		for (AuditEvent.Outcome outcome : AuditEvent.Outcome.values()) {
			if (outcome.name().equalsIgnoreCase(value.strip())) {
				return outcome;
			}
		}
		throw new InvalidInputException("outcome", "'outcome' is SUCCESS, DENIED or FAILED, not '" + value + "'.");
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static Instant instant(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "'" + field + "' must be an ISO-8601 instant such as 2026-12-01T08:00:00Z.");
		}
	}

}
