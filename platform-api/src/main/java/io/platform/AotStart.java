package io.platform;

import java.net.URL;
import java.security.CodeSource;

/**
 * Starts the packaged platform from the bean definitions the build generated ahead of time (Spring's AOT
 * processing, see the platform-api pom): no configuration classes to parse and no auto-configuration
 * conditions to evaluate at start, which saves a fifth of the start-up CPU. The bean set is fixed when
 * the jar is built; everything bound from properties (port, home, runtime, database, log store) still
 * comes from the command line. {@code -Dspring.aot.enabled=false} starts it the classic way.
 */
final class AotStart {

	static final String PROPERTY = "spring.aot.enabled";

	private AotStart() {
	}

	/** Turns AOT mode on when {@code mainClass} runs from a jar that holds its generated initializer. */
	static void enableWhenPackaged(Class<?> mainClass) {
		if (System.getProperty(PROPERTY) == null && isPackagedWithAotCode(mainClass)) {
			System.setProperty(PROPERTY, "true");
		}
	}

	/**
	 * From a jar only: a classes folder (an IDE, {@code mvn spring-boot:run}) may hold generated code older
	 * than the classes beside it.
	 */
	static boolean isPackagedWithAotCode(Class<?> mainClass) {
		CodeSource source = mainClass.getProtectionDomain().getCodeSource();
		URL location = source == null ? null : source.getLocation();
		boolean jar = location != null && ("jar".equals(location.getProtocol()) || location.getPath().endsWith(".jar"));
		if (!jar) {
			return false;
		}
		String initializer = mainClass.getName().replace('.', '/') + "__ApplicationContextInitializer.class";
		return mainClass.getClassLoader() != null && mainClass.getClassLoader().getResource(initializer) != null;
	}

}
