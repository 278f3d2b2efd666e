package io.platform.notification;

import io.platform.notification.NotificationChannels.Target;

/** Sends one message to one kind of channel, once; retrying is the caller's. Never throws. */
sealed interface Sender permits RobotSender, EmailSender {

	Attempt send(Target target, Message message);

}
