package io.platform.notification;

/** How a delivery ended: the channel took the message, or it did not after every attempt. */
public enum DeliveryOutcome {

	SENT, FAILED

}
