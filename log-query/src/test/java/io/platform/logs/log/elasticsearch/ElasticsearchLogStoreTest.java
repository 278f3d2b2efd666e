package io.platform.logs.log.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import io.platform.logs.log.LogStoreException;
import org.junit.jupiter.api.Test;

class ElasticsearchLogStoreTest {

	@Test
	void aNodeThatAcceptsButNeverAnswersFailsWithinTheTimeout() throws Exception {
		// Accepts connections (the backlog does) and never answers.
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			ElasticsearchLogSettings settings = ElasticsearchLogSettings
				.of(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
				.withTimeout(Duration.ofSeconds(1));
			long start = System.nanoTime();

			assertThatThrownBy(() -> new ElasticsearchLogStore(settings).close()).isInstanceOf(LogStoreException.class)
				.hasMessageContaining("Cannot install the index template");

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
	}

	@Test
	void theTimeoutIsThirtySecondsUnlessSet() {
		assertThat(ElasticsearchLogSettings.of(URI.create("http://127.0.0.1:9200")).timeout())
			.isEqualTo(Duration.ofSeconds(30));
	}

}
