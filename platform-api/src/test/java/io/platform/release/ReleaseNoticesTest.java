package io.platform.release;

import java.util.List;

import io.platform.notification.Notice;
import io.platform.notification.Notifications;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class ReleaseNoticesTest {

	@Test
	void aReleaseEventReachesTheNotificationChannelsWithEverythingItSays() {
		Notifications notifications = mock(Notifications.class);
		new ChannelReleaseNotices(notifications).publish(new ReleaseNotices.ReleaseNotice(ReleaseNotices.STAGE_FAILED, 7,
				"Spring sale", "prod", List.of("alpha", "beta"), "author1", "Item alpha failed"));
		verify(notifications).publish(new Notice("STAGE_FAILED", 7, "Spring sale", "prod", List.of("alpha", "beta"),
				"author1", "Item alpha failed"));
	}

	@Test
	void aFaultyNoticeNeverReachesTheRelease() {
		ReleaseNotices failing = notice -> {
			throw new IllegalStateException("webhook down");
		};
		assertThatNoException().isThrownBy(() -> ReleaseNotices.quietly(failing, new ReleaseNotices.ReleaseNotice(
				ReleaseNotices.STAGE_FAILED, 1, "t", "prod", List.of(), "x", null)));
	}

}
