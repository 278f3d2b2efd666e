package io.platform.identity;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On the first start (no admin yet) creates the user {@code admin} with the password from
 * {@code PLATFORM_ADMIN_PASSWORD}, or a random one printed once to the log. Only its hash is stored.
 */
@Component
class FirstAdmin implements ApplicationRunner {

	static final String USERNAME = "admin";

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	private final Users users;

	private final String configured;

	FirstAdmin(Users users, @Value("${platform.admin-password:${PLATFORM_ADMIN_PASSWORD:}}") String configured) {
		this.users = users;
		this.configured = configured;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (users.anyAdmin()) {
			return;
		}
		boolean generated = configured == null || configured.isBlank();
		String password = generated ? generate() : configured;
		if (!generated) {
			Users.checkPassword(password);
		}
		users.ensureAdmin(USERNAME, password);
		if (generated) {
			log.warn("\n\n  First start: the platform admin is '{}' with the password\n\n      {}\n\n"
					+ "  It is shown only this once (set PLATFORM_ADMIN_PASSWORD to choose it). Sign in and change it.\n",
					USERNAME, password);
		}
		else {
			log.info("First start: the platform admin '{}' has the password from PLATFORM_ADMIN_PASSWORD", USERNAME);
		}
	}

	private static String generate() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
