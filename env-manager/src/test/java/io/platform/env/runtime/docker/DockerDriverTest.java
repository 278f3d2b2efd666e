package io.platform.env.runtime.docker;

import java.net.ServerSocket;
import java.time.Duration;

import io.platform.env.runtime.RuntimeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerDriverTest {

	@Test
	void imageNameSplitsAtTheColonAfterTheLastPathSegment() {
		assertThat(DockerDriver.ImageName.parse("orders:dev-12"))
			.isEqualTo(new DockerDriver.ImageName("orders", "dev-12"));
		assertThat(DockerDriver.ImageName.parse("registry.local:5000/team/orders:pre-3"))
			.isEqualTo(new DockerDriver.ImageName("registry.local:5000/team/orders", "pre-3"));
		assertThat(DockerDriver.ImageName.parse("registry.local:5000/orders"))
			.isEqualTo(new DockerDriver.ImageName("registry.local:5000/orders", "latest"));
		assertThat(DockerDriver.ImageName.parse("orders")).isEqualTo(new DockerDriver.ImageName("orders", "latest"));
	}

	@Test
	void anEngineThatAcceptsButNeverAnswersFailsTheCallWithinTheTimeout() throws Exception {
		// Accepts connections (the backlog does) and never reads or answers them.
		try (ServerSocket silent = new ServerSocket(0, 50, null)) {
			String host = "tcp://127.0.0.1:" + silent.getLocalPort();
			try (DockerDriver driver = new DockerDriver(
					DockerSettings.defaults().withHost(host).withTimeout(Duration.ofSeconds(1)))) {
				long start = System.nanoTime();

				assertThatThrownBy(() -> driver.inspect("some-container")).isInstanceOf(RuntimeFailure.class)
					.hasMessageContaining("Docker engine at " + host + " could not inspect container some-container");
				assertThatThrownBy(() -> driver.imageExists("orders:dev-1")).isInstanceOf(RuntimeFailure.class)
					.hasMessageContaining("Docker engine at " + host);

				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			}
		}
	}

}
