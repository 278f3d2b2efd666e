package io.platform.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Gives each test application context its own empty {@code platform.home} (so a fresh H2 database),
 * removed when the context closes, and its first admin a known password; MockMvc requests are signed in
 * as that admin. Test classes that share the configuration share one context.
 */
public class FreshPlatformHome implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The first admin's password in every test context (user {@code admin}), from config/application.properties. */
	public static final String ADMIN_PASSWORD = "admin-password-for-tests";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Path home;
		try {
			home = Files.createTempDirectory("platform-home-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		TestPropertyValues.of("platform.home=" + home).applyTo(context);
		new SignedIn.MockMvcAsAdmin().initialize(context);
		context.addApplicationListener(event -> {
			if (event instanceof ContextClosedEvent) {
				delete(home);
			}
		});
	}

	private static void delete(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temp folder is harmless.
		}
	}

}
