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
		PlatformProperties.Deploy settings = settings(" -XX:TieredStopAtLevel=1 ", null);
		String jvm = BuildStep.buildJvmOptions(settings, workTree);
		assertThat(jvm).isEqualTo("-XX:TieredStopAtLevel=1");
		assertThat(BuildStep.mavenOpts(jvm, "-Xmx1g -XX:TieredStopAtLevel=4", settings))
			.isEqualTo("-XX:TieredStopAtLevel=1 -Xmx1g -XX:TieredStopAtLevel=4");
		assertThat(BuildStep.mavenOpts(jvm, null, settings("-XX:TieredStopAtLevel=1", Path.of("/srv/m2"))))
			.isEqualTo("-XX:TieredStopAtLevel=1 -Dmaven.repo.local=" + Path.of("/srv/m2"));
	}

	@Test
	void aServiceWithItsOwnJvmConfigChoosesItsBuildJvm() throws Exception {
		Files.createDirectories(workTree.resolve(".mvn"));
		Files.writeString(workTree.resolve(".mvn/jvm.config"), "-Xmx2g\n");
		PlatformProperties.Deploy settings = settings("-XX:TieredStopAtLevel=1", null);
		String jvm = BuildStep.buildJvmOptions(settings, workTree);
		assertThat(jvm).isEmpty();
		assertThat(BuildStep.mavenOpts(jvm, "-Dfoo=bar", settings)).isEqualTo("-Dfoo=bar");
	}

	@Test
	void blankBuildJvmOptionsAddNothing() {
		assertThat(BuildStep.buildJvmOptions(settings(" ", null), workTree)).isEmpty();
		assertThat(BuildStep.buildJvmOptions(settings(null, null), workTree)).isEmpty();
		assertThat(BuildStep.mavenOpts("", " ", settings("", null))).isEmpty();
		assertThat(BuildStep.mavenOpts("", "-Dfoo=bar", settings(null, null))).isEqualTo("-Dfoo=bar");
	}

}
