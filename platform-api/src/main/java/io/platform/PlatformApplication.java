package io.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PlatformApplication {

	public static void main(String[] args) throws Throwable {
		if (UnpackedLaunch.relaunch(PlatformApplication.class, args)) {
			return;
		}
		AotStart.enableWhenPackaged(PlatformApplication.class);
		SpringApplication.run(PlatformApplication.class, args);
	}

}
