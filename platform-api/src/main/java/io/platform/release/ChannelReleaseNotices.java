package io.platform.release;

import io.platform.notification.Notice;
import io.platform.notification.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Release events go to the log and to the notification channels that follow the stage's environment and
 * event; delivery is asynchronous, so a slow or failing robot never holds up or fails a release.
 */
@Component
class ChannelReleaseNotices implements ReleaseNotices {

	private static final Logger log = LoggerFactory.getLogger(ReleaseNotices.class);

	private final Notifications notifications;

	ChannelReleaseNotices(Notifications notifications) {
		this.notifications = notifications;
	}

	@Override
	public void publish(ReleaseNotice notice) {
		log.info("Release {} '{}' {} in {} ({}) by {}: {}", notice.releaseId(), notice.title(), notice.event(),
				notice.env(), notice.apps(), notice.actor(), notice.detail());
		notifications.publish(new Notice(notice.event(), notice.releaseId(), notice.title(), notice.env(),
				notice.apps(), notice.actor(), notice.detail()));
	}

}
