package io.platform.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CommandLineTest {

	@Test
	void spacesSeparateWordsAndRunsOfWhitespaceCountOnce() {
		assertThat(CommandLine.split("  mvn   -B\tpackage\n-DskipTests  ")).containsExactly("mvn", "-B", "package",
				"-DskipTests");
	}

	@Test
	void emptyOrBlankLineHasNoWords() {
		assertThat(CommandLine.split("")).isEmpty();
		assertThat(CommandLine.split("   \t ")).isEmpty();
	}

	@Test
	void quotesGroupWordsAndAreRemoved() {
		assertThat(CommandLine.split("mvn \"-Dmsg=hello world\" '-Dother=a b' -P\"x y\"z")).containsExactly("mvn",
				"-Dmsg=hello world", "-Dother=a b", "-Px yz");
	}

	@Test
	void emptyQuotesMakeAnEmptyWord() {
		assertThat(CommandLine.split("echo \"\" ''")).containsExactly("echo", "", "");
	}

	@Test
	void backslashEscapesQuoteAndBackslashInsideDoubleQuotes() {
		assertThat(CommandLine.split("echo \"say \\\"hi\\\" \\\\ \\n\"")).containsExactly("echo", "say \"hi\" \\ \\n");
	}

	@Test
	void singleQuotesKeepEverythingLiterally() {
		assertThat(CommandLine.split("echo 'a \\' \"b\"")).containsExactly("echo", "a \\", "b");
	}

	@Test
	void backslashOutsideQuotesIsAPlainCharacter() {
		assertThat(CommandLine.split("echo a\\ b")).containsExactly("echo", "a\\", "b");
	}

	@Test
	void otherQuoteKindIsLiteralInsideQuotes() {
		assertThat(CommandLine.split("echo \"it's\" 'say \"x\"'")).containsExactly("echo", "it's", "say \"x\"");
	}

	@Test
	void unclosedDoubleQuoteIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.split("mvn \"-Dx=a b"))
			.withMessage("has an unclosed double quote");
	}

	@Test
	void unclosedSingleQuoteIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.split("mvn 'package"))
			.withMessage("has an unclosed single quote");
	}

	@Test
	void escapedQuoteDoesNotCloseTheQuote() {
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.split("echo \"a\\\""))
			.withMessageContaining("unclosed double quote");
	}

	@Test
	void shellMetacharactersStayLiteralWords() {
		assertThat(CommandLine.split("mvn package; rm -rf / | tee x && echo $(id) `id` > out < in & $HOME *"))
			.containsExactly("mvn", "package;", "rm", "-rf", "/", "|", "tee", "x", "&&", "echo", "$(id)", "`id`", ">",
					"out", "<", "in", "&", "$HOME", "*");
	}

	@Test
	void environmentPlaceholderIsKeptForLaterSubstitution() {
		assertThat(CommandLine.split("mvn -P{env} package")).containsExactly("mvn", "-P{env}", "package");
	}

}
