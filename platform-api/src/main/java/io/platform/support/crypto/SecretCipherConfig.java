package io.platform.support.crypto;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretCipherConfig {

	@Bean
	SecretCipher secretCipher(@Value("${platform.home}") Path home) {
		return SecretCipher.of(System.getenv(SecretCipher.ENV_VARIABLE), home);
	}

}
