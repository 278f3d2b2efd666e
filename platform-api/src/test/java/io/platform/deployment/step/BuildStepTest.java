package io.platform.deployment.step;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.platform.PlatformProperties;
import io.platform.application.Application;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentStore;
import io.platform.env.runtime.BuildSandbox;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.git.Integration;
import io.platform.env.runtime.WorkloadSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class BuildStepTest {

	@TempDir
	Path workTree;

	@org.junit.jupiter.api.Test
	void aHostBuildKeepsNoneOfThePlatformsSecrets() {
		java.util.Set<String> kept = BuildStep.hostBuildEnvironment(java.util.Set.of("PATH", "HOME", "JAVA_HOME", "LC_ALL",
				"https_proxy", "PLATFORM_ADMIN_PASSWORD", "PLATFORM_MASTER_KEY", "SPRING_DATASOURCE_PASSWORD", "AWS_SECRET_ACCESS_KEY"));
		org.assertj.core.api.Assertions.assertThat(kept)
			.containsExactlyInAnyOrder("PATH", "HOME", "JAVA_HOME", "LC_ALL", "https_proxy");
	}

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
	void aMissingDefaultBuildImageFailsTheBuildWithHowToMakeIt() throws Exception {
		assertThatThrownBy(() -> buildWithMissingImage(null)).isInstanceOf(StepFailure.class)
			.hasMessageContaining("platform-build:jdk17-maven")
			.hasMessageContaining("scripts/build-image.sh")
			.hasMessageContaining("set a build image on the service");
	}

	@Test
	void aMissingBuildImageOfTheServiceFailsTheBuildWithHowToGetIt() throws Exception {
		assertThatThrownBy(() -> buildWithMissingImage("team/build:1")).isInstanceOf(StepFailure.class)
			.hasMessageContaining("team/build:1")
			.hasMessageContaining("docker pull")
			.hasMessageContaining("platform-build:jdk17-maven");
	}

	private void buildWithMissingImage(String ownImage) throws Exception {
		Path home = Files.createDirectories(workTree.resolve("home"));
		PlatformProperties properties = new PlatformProperties(home, "localhost", PlatformProperties.Runtime.DOCKER,
				settings(null, home.resolve("m2")), new PlatformProperties.Docker(null, null, "platform-build:jdk17-maven", null, null),
				null);
		DeploymentStore store = mock(DeploymentStore.class);
		BuildSandbox sandbox = (spec, output) -> {
			throw new BuildSandbox.BuildImageMissing(spec.image(), "Build image " + spec.image()
					+ " is not on the Docker engine at unix:///var/run/docker.sock (it is not pulled here)", null);
		};
		RuntimeDriver runtime = mock(RuntimeDriver.class);
		when(runtime.kind()).thenReturn("docker");
		when(runtime.buildSandbox()).thenReturn(Optional.of(sandbox));
		Deployment deployment = new Deployment();
		deployment.setId(1L);
		deployment.setApp("orders");
		deployment.setEnv("dev");
		Application app = new Application();
		app.setName("orders");
		app.setBuildCommand("mvn -B package");
		app.setBuildImage(ownImage);
		StepContext context = new StepContext(deployment, app, null, runtime, workTree, line -> {
		}, new Cancellation(), () -> {
		});
		context.integration(new Integration("abc", List.of(), workTree));
		new BuildStep(store, properties).run(context);
	}

	@Test
	void blankBuildJvmOptionsAddNothing() {
		assertThat(BuildStep.buildJvmOptions(settings(" ", null), workTree)).isEmpty();
		assertThat(BuildStep.buildJvmOptions(settings(null, null), workTree)).isEmpty();
		assertThat(BuildStep.mavenOpts("", " ", null)).isEmpty();
		assertThat(BuildStep.mavenOpts("", "-Dfoo=bar", null)).isEqualTo("-Dfoo=bar");
	}

}
