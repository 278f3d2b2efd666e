package io.platform.env.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LineBufferTest {

	private static void write(LineBuffer buffer, String text) {
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			buffer.write(b);
		}
	}

	@Test
	void keepsALineUpToItsLimitAndSaysHowLongItWas() {
		LineBuffer buffer = new LineBuffer(10);
		write(buffer, "0123456789abcdefghij");

		assertThat(buffer.take()).isEqualTo("0123456789 [line cut at 10 of its 20 bytes]");
		assertThat(buffer.isEmpty()).isTrue();
		write(buffer, "next\r");
		assertThat(buffer.take()).isEqualTo("next");
	}

	@Test
	void theDefaultLimitIsOneMegabyte() {
		LineBuffer buffer = new LineBuffer();
		write(buffer, "x".repeat(LineBuffer.MAX_LINE_BYTES + 5));

		assertThat(buffer.take()).hasSize(LineBuffer.MAX_LINE_BYTES + " [line cut at 1048576 of its 1048581 bytes]".length());
	}

}
