package io.platform.deployment.step;

import java.nio.file.Files;
import java.nio.file.Path;

import io.platform.PlatformProperties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BuildStepTest {

	@TempDir
	Path workTree;

	private static PlatformProperties.Deploy settings(String mavenJvmOptions, Path repository) {
		return new PlatformProperties.Deploy(null, null, 1, null, repository, null, mavenJvmOptions);
	}

	@Test
	void theBuildJvmOptionsComeFirstSoThePlatformsOwnMavenOptsWin() {
		assertThat(BuildStep.mavenOpts("-Xmx1g -XX:TieredStopAtLevel=4", settings("-XX:TieredStopAtLevel=1", null), workTree))
			.isEqualTo("-XX:TieredStopAtLevel=1 -Xmx1g -XX:TieredStopAtLevel=4");
		assertThat(BuildStep.mavenOpts(null, settings("-XX:TieredStopAtLevel=1", Path.of("/srv/m2")), workTree))
			.isEqualTo("-XX:TieredStopAtLevel=1 -Dmaven.repo.local=" + Path.of("/srv/m2"));
	}

	@Test
	void aServiceWithItsOwnJvmConfigChoosesItsBuildJvm() throws Exception {
		Files.createDirectories(workTree.resolve(".mvn"));
		Files.writeString(workTree.resolve(".mvn/jvm.config"), "-Xmx2g\n");
		assertThat(BuildStep.mavenOpts("-Dfoo=bar", settings("-XX:TieredStopAtLevel=1", null), workTree))
			.isEqualTo("-Dfoo=bar");
	}

	@Test
	void blankBuildJvmOptionsAddNothing() {
		assertThat(BuildStep.mavenOpts(" ", settings("", null), workTree)).isEmpty();
		assertThat(BuildStep.mavenOpts("-Dfoo=bar", settings(null, null), workTree)).isEqualTo("-Dfoo=bar");
	}

}
