package io.platform.release;

import java.util.List;
import java.util.stream.Collectors;

import io.platform.support.web.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Minimal, working defaults for the release hooks, used only while no other bean provides them: SQL scripts
 * are refused (a stage whose items have scripts does not start, nothing is skipped silently), notices are
 * logged.
 */
@Configuration(proxyBeanMethods = false)
class ReleaseHooksConfig {

	private static final Logger log = LoggerFactory.getLogger(ReleaseNotices.class);

	@Bean
	@ConditionalOnMissingBean(ReleaseSql.class)
	ReleaseSql refusingReleaseSql() {
		return new RefusingSql();
	}

	@Bean
	@ConditionalOnMissingBean(ReleaseNotices.class)
	ReleaseNotices loggedReleaseNotices() {
		return notice -> {
			try {
				log.info("Release {} '{}' {} in {} ({}) by {}: {}", notice.releaseId(), notice.title(), notice.event(),
						notice.env(), notice.apps(), notice.actor(), notice.detail());
			}
			catch (RuntimeException ex) {
				// A notice never fails a release.
			}
		};
	}

	/** Until SQL can run against the services' databases, a release with scripts cannot start a stage. */
	static final class RefusingSql implements ReleaseSql {

		/** Refuses before anything deploys, so that the stage does not start half-way. */
		void checkNone(List<ReleaseItemView> items) {
			String withScripts = items.stream()
				.filter(item -> !item.sql().isEmpty())
				.map(item -> item.app() + " (" + item.sql().stream().map(ReleaseItemView.Script::name)
					.collect(Collectors.joining(", ")) + ")")
				.collect(Collectors.joining("; "));
			if (!withScripts.isEmpty()) {
				throw new ConflictException("SQL scripts cannot run yet: " + withScripts
						+ ". Remove the scripts from the release and run them by hand, or wait for SQL support.");
			}
		}

		@Override
		public void runBeforeDeploy(long releaseId, String env, String app, List<SqlScriptRef> scripts, String user) {
			if (!scripts.isEmpty()) {
				throw new ConflictException("SQL scripts cannot run yet: " + app + " has "
						+ scripts.stream().map(SqlScriptRef::name).toList());
			}
		}

	}

}
