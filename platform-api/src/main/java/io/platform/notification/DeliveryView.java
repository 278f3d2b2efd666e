package io.platform.notification;

import java.time.Instant;

/** One delivery: how it ended, after how many attempts, and what the channel answered. */
record DeliveryView(long id, String channel, String event, long releaseId, String env, Instant at,
		DeliveryOutcome outcome, int attempts, String answer, String error) {

	static DeliveryView of(NotificationDelivery delivery) {
		return new DeliveryView(delivery.getId(), delivery.getChannel(), delivery.getEvent(), delivery.getReleaseId(),
				delivery.getEnv(), delivery.getAt(), delivery.getOutcome(), delivery.getAttempts(), delivery.getAnswer(),
				delivery.getError());
	}

}
