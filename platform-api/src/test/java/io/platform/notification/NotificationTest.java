package io.platform.notification;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.platform.support.FreshPlatformHome;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application with retries that pause milliseconds, short timeouts, a link base, and a real SMTP
 * server (GreenMail, started once for every class carrying this) as its {@code spring.mail.*} server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "platform.runtime=process", "platform.notifications.retry-backoff=20ms",
				"platform.notifications.connect-timeout=1s", "platform.notifications.read-timeout=1s",
				"platform.external-url=https://platform.example.com/", "platform.notifications.mail-from=platform@example.com" })
@AutoConfigureMockMvc
@ContextConfiguration(initializers = { FreshPlatformHome.class, NotificationTest.Smtp.class })
@interface NotificationTest {

	/** One SMTP server for the test run. */
	final class Smtp implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		static final GreenMail SERVER = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

		static {
			SERVER.start();
			Runtime.getRuntime().addShutdownHook(new Thread(SERVER::stop));
		}

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestPropertyValues.of("spring.mail.host=127.0.0.1", "spring.mail.port=" + SERVER.getSmtp().getPort())
				.applyTo(context);
		}

	}

}
