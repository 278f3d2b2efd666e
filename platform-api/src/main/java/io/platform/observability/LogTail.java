package io.platform.observability;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.platform.logs.log.LogLine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Live followers of deployments' log lines: the shipper hands over each batch it stored, and every
 * subscriber of a line's deployment gets the lines it asked for, in order. A slow or failing subscriber
 * is the subscriber's problem: it cannot hold up shipping (callers hand their lines on quickly).
 */
@Component
class LogTail {

	private static final Logger log = LoggerFactory.getLogger(LogTail.class);

	private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

	private record Subscriber(Predicate<LogLine> filter, Consumer<LogLine> consumer) {
	}

	/** Follows the lines of a deployment that pass {@code filter}; close the result to stop. */
	AutoCloseable subscribe(String deploymentId, Predicate<LogLine> filter, Consumer<LogLine> consumer) {
		Subscriber subscriber = new Subscriber(filter, consumer);
		subscribers.computeIfAbsent(deploymentId, id -> new CopyOnWriteArrayList<>()).add(subscriber);
		return () -> subscribers.computeIfPresent(deploymentId, (id, list) -> {
			list.remove(subscriber);
			return list.isEmpty() ? null : list;
		});
	}

	void publish(List<LogLine> lines) {
		if (subscribers.isEmpty()) {
			return;
		}
		for (LogLine line : lines) {
			List<Subscriber> interested = subscribers.get(line.deploymentId());
			if (interested == null) {
				continue;
			}
			for (Subscriber subscriber : interested) {
				if (subscriber.filter().test(line)) {
					try {
						subscriber.consumer().accept(line);
					}
					catch (RuntimeException ex) {
						log.debug("A log tail subscriber failed: {}", ex.getMessage());
					}
				}
			}
		}
	}

}
