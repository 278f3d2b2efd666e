package io.platform.support.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

	@TempDir
	Path home;

	@Test
	void roundTripsWithAFreshIvEachTime() {
		SecretCipher cipher = new SecretCipher(new byte[32]);

		String first = cipher.encrypt("glpat-secret-token");
		String second = cipher.encrypt("glpat-secret-token");

		assertThat(first).startsWith("v1:").doesNotContain("glpat").isNotEqualTo(second);
		assertThat(cipher.decrypt(first)).isEqualTo("glpat-secret-token");
		assertThat(cipher.decrypt(second)).isEqualTo("glpat-secret-token");
		assertThat(cipher.decrypt(cipher.encrypt(""))).isEmpty();
	}

	@Test
	void detectsATamperedValue() {
		SecretCipher cipher = new SecretCipher(new byte[32]);
		byte[] bytes = Base64.getDecoder().decode(cipher.encrypt("token").substring(3));
		bytes[bytes.length - 20] ^= 1;
		String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);

		assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("was changed, or sealed with another master key");
		assertThatThrownBy(() -> cipher.decrypt("token")).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> cipher.decrypt("v1:AAAA")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("too short");
	}

	@Test
	void refusesAValueSealedWithAnotherKey() {
		byte[] other = new byte[32];
		other[0] = 1;
		String sealed = new SecretCipher(new byte[32]).encrypt("token");

		assertThatThrownBy(() -> new SecretCipher(other).decrypt(sealed)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("another master key");
	}

	@Test
	void createsTheKeyFileOnceReadableByTheOwnerOnly() throws Exception {
		String sealed = SecretCipher.of(null, home).encrypt("token");
		Path file = home.resolve("master.key");

		assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(SecretCipher.of("", home).decrypt(sealed)).isEqualTo("token");
	}

	@Test
	void takesTheKeyFromTheEnvironmentVariableBeforeTheFile() {
		byte[] key = new byte[32];
		key[31] = 7;
		String env = Base64.getEncoder().encodeToString(key);

		String sealed = SecretCipher.of(env, home).encrypt("token");

		assertThat(new SecretCipher(key).decrypt(sealed)).isEqualTo("token");
		assertThat(home.resolve("master.key")).doesNotExist();
		assertThatThrownBy(() -> SecretCipher.of("c2hvcnQ=", home)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("32 bytes");
	}

}
