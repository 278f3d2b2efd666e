package io.platform.release;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Release notices are logged while no other bean delivers them (to chat robots or mail). */
@Configuration(proxyBeanMethods = false)
class ReleaseHooksConfig {

	private static final Logger log = LoggerFactory.getLogger(ReleaseNotices.class);

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

}
