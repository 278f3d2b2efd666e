package io.platform.release;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ReleaseHooksConfigTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ReleaseHooksConfig.class);

	@Test
	void withoutAnotherBeanNoticesAreLogged() {
		runner.run(context -> assertThatNoException().isThrownBy(() -> context.getBean(ReleaseNotices.class)
			.publish(new ReleaseNotices.ReleaseNotice(ReleaseNotices.STAGE_STARTED, 1, "t", "test", List.of("svc"),
					"dev1", null))));
	}

	@Test
	void anotherNoticesBeanReplacesTheDefault() {
		List<String> seen = new ArrayList<>();
		ReleaseNotices notices = notice -> seen.add(notice.event());
		runner.withBean(ReleaseNotices.class, () -> notices).run(context -> {
			assertThat(context).hasSingleBean(ReleaseNotices.class);
			assertThat(context.getBean(ReleaseNotices.class)).isSameAs(notices);
		});
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
