package io.platform.release.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlErrorsTest {

	@Test
	void passwordsWrittenInStatementsAreMasked() {
		assertThat(SqlErrors.mask("CREATE USER 'r'@'%' IDENTIFIED BY 'S3cret!x'"))
			.isEqualTo("CREATE USER 'r'@'%' IDENTIFIED BY '******'");
		assertThat(SqlErrors.mask("ALTER USER r IDENTIFIED WITH mysql_native_password BY 'it''s'"))
			.doesNotContain("it''s");
		assertThat(SqlErrors.mask("SET PASSWORD FOR r = PASSWORD('abc\\'d')")).doesNotContain("abc");
		assertThat(SqlErrors.mask("SET PASSWORD FOR r = 'plain-one'")).doesNotContain("plain-one");
	}

	@Test
	void givenSecretsAreMaskedWherever() {
		assertThat(SqlErrors.mask("Access denied; tried hunter22 twice", "hunter22")).isEqualTo(
				"Access denied; tried ****** twice");
	}

	@Test
	void excerptIsTheFirst200Characters() {
		assertThat(SqlErrors.excerpt("x".repeat(500))).hasSize(203).endsWith("...");
		assertThat(SqlErrors.excerpt("  SELECT 1 ")).isEqualTo("SELECT 1");
	}

}
