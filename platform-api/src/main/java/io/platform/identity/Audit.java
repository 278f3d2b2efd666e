package io.platform.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.identity.AuditEvent.Outcome;
import io.platform.identity.IdentityMappers.AuditEventMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit trail. Entries are written in a transaction of their own, so a refused or failed
 * call is on record even when its own transaction rolled back. Only names, paths and problem details are
 * recorded, never request bodies: no secret value can end up here.
 */
@Service
public class Audit {

	private static final Logger log = LoggerFactory.getLogger(Audit.class);

	private final AuditEventMapper mapper;

	Audit(AuditEventMapper mapper) {
		this.mapper = mapper;
	}

	/** What one entry says. */
	public record Entry(String actor, String action, String target, String app, String env, Outcome outcome,
			int status, String detail, String remoteAddress) {
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(Entry entry) {
		AuditEvent event = new AuditEvent();
		event.setAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
		event.setActor(cut(entry.actor(), 64));
		event.setAction(cut(entry.action(), 64));
		event.setTarget(cut(entry.target(), 512));
		event.setApp(cut(entry.app(), 63));
		event.setEnv(cut(entry.env(), 32));
		event.setOutcome(entry.outcome());
		event.setStatus(entry.status());
		event.setDetail(cut(entry.detail(), 1024));
		event.setRemoteAddress(cut(entry.remoteAddress(), 64));
		try {
			mapper.insert(event);
		}
		catch (RuntimeException ex) {
			// The call itself already happened; losing its record must not turn it into an error.
			log.error("Could not write the audit entry {} {} by {}", event.getAction(), event.getTarget(),
					event.getActor(), ex);
		}
	}

	/** Filters of {@code GET /api/audit}; null means any. */
	record Query(String actor, String app, String env, String action, Outcome outcome, Instant from, Instant to,
			int limit) {
	}

	List<AuditEvent> find(Query query) {
		LambdaQueryWrapper<AuditEvent> where = new LambdaQueryWrapper<AuditEvent>()
			.eq(query.actor() != null, AuditEvent::getActor, query.actor())
			.eq(query.app() != null, AuditEvent::getApp, query.app())
			.eq(query.env() != null, AuditEvent::getEnv, query.env())
			.likeRight(query.action() != null, AuditEvent::getAction, query.action())
			.eq(query.outcome() != null, AuditEvent::getOutcome, query.outcome())
			.ge(query.from() != null, AuditEvent::getAt, query.from())
			.lt(query.to() != null, AuditEvent::getAt, query.to())
			.orderByDesc(AuditEvent::getId)
			.last("LIMIT " + query.limit());
		return mapper.selectList(where);
	}

	private static String cut(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
	}

}
