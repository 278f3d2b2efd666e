package io.platform.release;

import java.util.ArrayList;
import java.util.List;

import io.platform.support.web.ConflictException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseHooksConfigTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ReleaseHooksConfig.class);

	@Test
	void withoutOtherBeansTheDefaultsRefuseScriptsAndLogNotices() {
		runner.run(context -> {
			ReleaseSql sql = context.getBean(ReleaseSql.class);
			assertThat(sql).isInstanceOf(ReleaseHooksConfig.RefusingSql.class);
			assertThatNoException().isThrownBy(() -> sql.runBeforeDeploy(1, "test", "svc", List.of(), "dev1"));
			assertThatThrownBy(() -> sql.runBeforeDeploy(1, "test", "svc",
					List.of(new ReleaseSql.SqlScriptRef("V1.sql", "select 1")), "dev1"))
				.isInstanceOf(ConflictException.class)
				.hasMessageContaining("SQL scripts cannot run yet")
				.hasMessageContaining("V1.sql");
			assertThatNoException().isThrownBy(() -> context.getBean(ReleaseNotices.class)
				.publish(new ReleaseNotices.ReleaseNotice(ReleaseNotices.STAGE_STARTED, 1, "t", "test", List.of("svc"),
						"dev1", null)));
		});
	}

	@Test
	void anotherBeanReplacesEachDefault() {
		List<String> seen = new ArrayList<>();
		ReleaseSql sql = (releaseId, env, app, scripts, user) -> seen.add(app);
		ReleaseNotices notices = notice -> seen.add(notice.event());
		runner.withBean(ReleaseSql.class, () -> sql).withBean(ReleaseNotices.class, () -> notices).run(context -> {
			assertThat(context).hasSingleBean(ReleaseSql.class).hasSingleBean(ReleaseNotices.class);
			assertThat(context.getBean(ReleaseSql.class)).isSameAs(sql);
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
