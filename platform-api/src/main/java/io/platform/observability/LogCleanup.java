package io.platform.observability;

import io.platform.application.ApplicationDeleting;
import io.platform.logs.log.LogStore;
import io.platform.logs.log.LogStoreException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Forgets a deleted service's log lines. Only once the deletion is committed: a deletion that is refused
 * (a deployment in progress) keeps every line.
 */
@Component
class LogCleanup {

	private static final Logger log = LoggerFactory.getLogger(LogCleanup.class);

	private final LogStore store;

	LogCleanup(LogStore store) {
		this.store = store;
	}

	@TransactionalEventListener
	void on(ApplicationDeleting event) {
		try {
			long deleted = store.deleteService(event.name());
			log.info("Deleted {} log lines of removed service {}", deleted < 0 ? "the" : deleted, event.name());
		}
		catch (LogStoreException ex) {
			// The service is gone either way; its lines age out with the store's retention.
			log.warn("Could not delete the log lines of removed service {}: {}", event.name(), ex.getMessage());
		}
	}

}
