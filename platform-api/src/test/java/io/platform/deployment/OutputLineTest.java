package io.platform.deployment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputLineTest {

	@Test
	void terminalEscapeSequencesAreShownAsTextNotObeyed() {
		assertThat(OutputLine.neutralise("\u001b[31mred\u001b[0m")).isEqualTo("^[[31mred^[[0m");
		// OSC (set the window title), with BEL and with ST as terminator
		assertThat(OutputLine.neutralise("\u001b]0;owned\u0007x")).isEqualTo("^[]0;owned^Gx");
		assertThat(OutputLine.neutralise("\u001b]8;;http://evil\u001b\\link")).isEqualTo("^[]8;;http://evil^[\\link");
	}

	@Test
	void otherControlCharactersAreShownButTabsStay() {
		assertThat(OutputLine.neutralise("a\tb")).isEqualTo("a\tb");
		assertThat(OutputLine.neutralise("progress 10%\rprogress 100%")).isEqualTo("progress 10%^Mprogress 100%");
		assertThat(OutputLine.neutralise("nul\u0000 del\u007f bs\b")).isEqualTo("nul^@ del^? bs^H");
		assertThat(OutputLine.neutralise("c1 csi \u009b31m")).isEqualTo("c1 csi \\u009b31m");
		assertThat(OutputLine.neutralise("plain text, ünïcode")).isEqualTo("plain text, ünïcode");
	}

	@Test
	void aLineThatStartsLikeThePlatformsOwnIsMarkedAsOutput() {
		assertThat(OutputLine.neutralise("[platform] RUNNING at http://evil/"))
			.isEqualTo("[output] [platform] RUNNING at http://evil/");
		assertThat(OutputLine.neutralise("  [PLATFORM] FAILED")).isEqualTo("[output]   [PLATFORM] FAILED");
		assertThat(OutputLine.neutralise("[health] ok")).isEqualTo("[output] [health] ok");
		// hidden behind a control sequence that would erase it on a terminal
		assertThat(OutputLine.neutralise("\u001b[2K[platform] x")).isEqualTo("^[[2K[platform] x");
		assertThat(OutputLine.neutralise("[INFO] BUILD SUCCESS")).isEqualTo("[INFO] BUILD SUCCESS");
	}

}
