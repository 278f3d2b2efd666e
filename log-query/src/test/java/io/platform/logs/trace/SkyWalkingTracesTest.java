package io.platform.logs.trace;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How an OAP that cannot answer shows up; the answers of a real OAP are in {@link SkyWalkingTracesIT}. */
class SkyWalkingTracesTest {

	private static final Instant NOW = Instant.parse("2026-11-22T13:00:00Z");

	@Test
	void theGraphQlEndpointIsAddedToTheQueryUrl() {
		assertThat(new SkyWalkingTraces(URI.create("http://oap:12800"), Duration.ofSeconds(1)))
			.hasToString("SkyWalking OAP at http://oap:12800/graphql");
		assertThat(new SkyWalkingTraces(URI.create("http://proxy/oap/"), Duration.ofSeconds(1)))
			.hasToString("SkyWalking OAP at http://proxy/oap/graphql");
		assertThat(new SkyWalkingTraces(URI.create("http://oap:12800/graphql"), Duration.ofSeconds(1)))
			.hasToString("SkyWalking OAP at http://oap:12800/graphql");
	}

	@Test
	void nothingListeningNamesTheUrlAndWhatToCheck() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		TraceSource traces = new SkyWalkingTraces(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(2));

		assertThatThrownBy(() -> traces.trace("t-1")).isInstanceOf(TraceSourceException.class)
			.hasMessageContaining("http://127.0.0.1:" + port + "/graphql")
			.hasMessageContaining("connection refused")
			.hasMessageContaining("check that OAP runs");
	}

	@Test
	void anOapThatNeverAnswersTimesOut() throws IOException {
		// Accepts connections (the backlog does) but never reads them, like a hung server.
		try (ServerSocket silent = new ServerSocket(0, 50, null)) {
			TraceSource traces = new SkyWalkingTraces(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
					Duration.ofMillis(300));

			assertThatThrownBy(() -> traces.instances("dev::orders", NOW, NOW)).isInstanceOf(TraceSourceException.class)
				.hasMessageContaining("http://127.0.0.1:" + silent.getLocalPort() + "/graphql")
				.hasMessageContaining("no answer within 300 ms");
		}
	}

	@Test
	void aGatewayErrorInFrontOfOapNamesTheStatus() throws IOException {
		// What a reverse proxy answers when the OAP behind it is down.
		HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		proxy.createContext("/", (exchange) -> {
			byte[] body = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(502, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		proxy.start();
		try {
			URI url = URI.create("http://127.0.0.1:" + proxy.getAddress().getPort());
			TraceSource traces = new SkyWalkingTraces(url, Duration.ofSeconds(2));

			assertThatThrownBy(() -> traces.trace("t-1")).isInstanceOf(TraceSourceException.class)
				.hasMessageContaining(url + "/graphql")
				.hasMessageContaining("HTTP 502")
				.hasMessageContaining("502 Bad Gateway");
		}
		finally {
			proxy.stop(0);
		}
	}

}
