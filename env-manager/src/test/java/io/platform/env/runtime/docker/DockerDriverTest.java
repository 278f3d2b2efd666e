package io.platform.env.runtime.docker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

}
