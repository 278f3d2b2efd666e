package io.platform.deployment.step;

import java.nio.file.Files;
import java.nio.file.Path;

import io.platform.PlatformProperties;
import io.platform.env.runtime.WorkloadSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BuildStepTest {

	@TempDir
	Path workTree;

	private static PlatformProperties.Deploy settings(String mavenJvmOptions, Path repository) {
		return new PlatformProperties.Deploy(null, null, 1, null, repository, null, mavenJvmOptions, 2, null);
	}

	@Test
	void theBuildJvmOptionsComeFirstSoThePlatformsOwnMavenOptsWin() {
		PlatformProperties.Deploy settings = settings(" -XX:TieredStopAtLevel=1 ", null);
		String jvm = BuildStep.buildJvmOptions(settings, workTree);
		assertThat(jvm).isEqualTo("-XX:TieredStopAtLevel=1");
		assertThat(BuildStep.mavenOpts(jvm, "-Xmx1g -XX:TieredStopAtLevel=4", null))
			.isEqualTo("-XX:TieredStopAtLevel=1 -Xmx1g -XX:TieredStopAtLevel=4");
		assertThat(BuildStep.mavenOpts(jvm, null, "/m2")).isEqualTo("-XX:TieredStopAtLevel=1 -Dmaven.repo.local=/m2");
	}

	@Test
	void aServiceWithItsOwnJvmConfigChoosesItsBuildJvm() throws Exception {
		Files.createDirectories(workTree.resolve(".mvn"));
		Files.writeString(workTree.resolve(".mvn/jvm.config"), "-Xmx2g\n");
		PlatformProperties.Deploy settings = settings("-XX:TieredStopAtLevel=1", null);
		String jvm = BuildStep.buildJvmOptions(settings, workTree);
		assertThat(jvm).isEmpty();
		assertThat(BuildStep.mavenOpts(jvm, "-Dfoo=bar", null)).isEqualTo("-Dfoo=bar");
	}

	@Test
	void theBuildLogNamesTheContainersLimitsAsAPersonWritesThem() {
		assertThat(BuildStep.describe(new WorkloadSpec.Resources(2L * 1024 * 1024 * 1024, 2))).isEqualTo("2 CPUs, 2 GB");
		assertThat(BuildStep.describe(new WorkloadSpec.Resources(1536L * 1024 * 1024, 1.5))).isEqualTo("1.5 CPUs, 1536 MB");
		assertThat(BuildStep.describe(new WorkloadSpec.Resources(0, 1))).isEqualTo("1 CPU, no memory limit");
		assertThat(BuildStep.describe(WorkloadSpec.Resources.NONE)).isEqualTo("no CPU limit, no memory limit");
	}

	@Test
	void theSharedMavenRepositoryIsTheConfiguredOneElseThePlatformUsers() {
		assertThat(settings(null, Path.of("/srv/m2")).mavenRepositoryOrDefault()).isEqualTo(Path.of("/srv/m2"));
		assertThat(settings(null, null).mavenRepositoryOrDefault())
			.isEqualTo(Path.of(System.getProperty("user.home"), ".m2", "repository"));
	}

	@Test
	void blankBuildJvmOptionsAddNothing() {
		assertThat(BuildStep.buildJvmOptions(settings(" ", null), workTree)).isEmpty();
		assertThat(BuildStep.buildJvmOptions(settings(null, null), workTree)).isEmpty();
		assertThat(BuildStep.mavenOpts("", " ", null)).isEmpty();
		assertThat(BuildStep.mavenOpts("", "-Dfoo=bar", null)).isEqualTo("-Dfoo=bar");
	}

}
