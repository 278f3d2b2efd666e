package io.platform.release.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlScriptTest {

	private static final String TEXT = "CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);";

	@Test
	void checksumIsTheSha256HexOfTheText() {
		// echo -n 'select 1' | sha256sum
		assertThat(SqlScript.checksum("select 1"))
			.isEqualTo("822ae07d4783158bc1912bb623e5107cc9002d519e1143a9c200ed6ee18b6d0f");
	}

	@Test
	void windowsAndOldMacLineEndingsAreNotAnEdit() {
		assertThat(SqlScript.checksum(TEXT.replace("\n", "\r\n"))).isEqualTo(SqlScript.checksum(TEXT));
		assertThat(SqlScript.checksum(TEXT.replace("\n", "\r"))).isEqualTo(SqlScript.checksum(TEXT));
	}

	@Test
	void trailingWhitespaceOfTheWholeTextIsNotAnEdit() {
		assertThat(SqlScript.checksum(TEXT + "\n\n  \t\r\n")).isEqualTo(SqlScript.checksum(TEXT));
		assertThat(new SqlScript("a.sql", TEXT + "\n").checksum()).isEqualTo(SqlScript.checksum(TEXT));
	}

	@Test
	void leadingWhitespaceInnerWhitespaceAndCaseAreEdits() {
		assertThat(SqlScript.checksum("  " + TEXT)).isNotEqualTo(SqlScript.checksum(TEXT));
		assertThat(SqlScript.checksum(TEXT.replace("(1)", "( 1)"))).isNotEqualTo(SqlScript.checksum(TEXT));
		assertThat(SqlScript.checksum(TEXT.replace("  \n", "\n").replace(";\n", ";  \n")))
			.isNotEqualTo(SqlScript.checksum(TEXT));
		assertThat(SqlScript.checksum(TEXT.toLowerCase())).isNotEqualTo(SqlScript.checksum(TEXT));
	}

	@Test
	void normalisedTextKeepsInnerLinesAsTheyAre() {
		assertThat(SqlScript.normalise("a;  \r\nb;\r\n\r\n")).isEqualTo("a;  \nb;");
	}

}
