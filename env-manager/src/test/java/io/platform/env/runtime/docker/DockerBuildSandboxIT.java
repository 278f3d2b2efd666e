package io.platform.env.runtime.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.platform.env.runtime.BuildSandbox;
import io.platform.env.runtime.BuildSpec;
import io.platform.env.runtime.WorkloadSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Builds in throw-away containers on a real Docker engine. The JRE base image stands in for a build image:
 * these builds need a shell, not Maven. Skips without an engine, except on CI where it fails.
 */
class DockerBuildSandboxIT {

	private static final String IMAGE = DockerSettings.DEFAULT_BASE_IMAGE;

	@TempDir
	Path home;

	private final String app = "sandbox-" + UUID.randomUUID().toString().substring(0, 8);

	private DockerClient docker;

	private DockerDriver driver;

	private BuildSandbox sandbox;

	private Path workTree;

	private Path repository;

	private final List<String> output = new CopyOnWriteArrayList<>();

	@BeforeEach
	void engine() throws Exception {
		Engine.require("build sandbox tests");
		docker = Engine.client();
		driver = new DockerDriver(DockerSettings.defaults().withHost(Engine.HOST).withOwner("test-" + app));
		sandbox = driver.buildSandbox().orElseThrow();
		// Laid out as the platform's home is: the key beside the workspaces the builds run in.
		Files.writeString(home.resolve("master.key"), "the-master-key-" + app);
		workTree = Files.createDirectories(home.resolve("workspaces").resolve("1").resolve("work"));
		repository = Files.createDirectories(home.resolve("m2"));
		Files.writeString(repository.resolve("cached.pom"), "cached");
	}

	@AfterEach
	void cleanUp() throws Exception {
		if (docker == null) {
			return;
		}
		for (Container container : buildContainers()) {
			docker.removeContainerCmd(container.getId()).withForce(true).exec();
		}
		driver.close();
		docker.close();
	}

	private List<Container> buildContainers() {
		return docker.listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(Map.of("io.platform.role", "build", "io.platform.app", app))
			.exec();
	}

	private BuildSpec spec(String script, WorkloadSpec.Resources resources) {
		return new BuildSpec(app, "dev", 7, IMAGE, List.of("sh", "-c", script), workTree, repository,
				Map.of("PLATFORM_ENV", "dev"), resources, Duration.ofMinutes(5));
	}

	private int run(String script) throws Exception {
		try (BuildSandbox.RunningBuild build = sandbox.start(spec(script, null), output::add)) {
			Integer exit = build.await(Duration.ofMinutes(2));
			assertThat(exit).as("the build ended").isNotNull();
			return exit;
		}
	}

	@Test
	void aBuildSeesItsWorkTreeAndTheMavenRepositoryButNotThePlatformsHomeOrTheEngine() throws Exception {
		Files.writeString(workTree.resolve("pom.xml"), "<project/>");
		int exit = run("pwd; ls /workspace; cat /m2/cached.pom; echo; echo \"HOME=$HOME uid=$(id -u):$(id -g)\"; "
				+ "cat " + home.resolve("master.key") + " ../master.key ../../master.key 2>&1; "
				+ "ls " + home + " 2>&1; test -S /var/run/docker.sock && echo engine-socket-visible; "
				+ "echo \"env $PLATFORM_ENV\"; echo built > /workspace/out.txt; exit 0");

		assertThat(exit).isZero();
		String all = String.join("\n", output);
		assertThat(output).startsWith("/workspace", "pom.xml").contains("cached", "env dev");
		assertThat(all).doesNotContain("the-master-key-").doesNotContain("engine-socket-visible")
			.contains("No such file or directory");
		String owner = Files.getAttribute(workTree, "unix:uid") + ":" + Files.getAttribute(workTree, "unix:gid");
		assertThat(all).contains("HOME=/tmp uid=" + owner);
		assertThat(workTree.resolve("out.txt")).hasContent("built");
		assertThat(Files.getAttribute(workTree.resolve("out.txt"), "unix:uid"))
			.isEqualTo(Files.getAttribute(workTree, "unix:uid"));
		assertThat(buildContainers()).as("removed once closed").isEmpty();
	}

	@Test
	void theExitCodeAndEveryLineOfOutputComeBackInOrder() throws Exception {
		int exit = run("i=1; while [ $i -le 300 ]; do echo line $i; i=$((i+1)); done; echo to-stderr >&2; exit 3");
		assertThat(exit).isEqualTo(3);
		assertThat(output).hasSize(301).contains("to-stderr");
		assertThat(output.stream().filter(l -> l.startsWith("line ")).toList()).first().isEqualTo("line 1");
		assertThat(output.stream().filter(l -> l.startsWith("line ")).toList()).last().isEqualTo("line 300");
		assertThat(buildContainers()).isEmpty();
	}

	@Test
	void theContainerHasTheLimitsNoCapabilitiesAndOnlyTheTwoMounts() throws Exception {
		var limits = new WorkloadSpec.Resources(256L * 1024 * 1024, 1.5);
		try (BuildSandbox.RunningBuild build = sandbox.start(spec("echo started; sleep 60", limits), output::add)) {
			InspectContainerResponse container = docker.inspectContainerCmd(buildContainers().get(0).getId()).exec();
			assertThat(container.getHostConfig().getMemory()).isEqualTo(256L * 1024 * 1024);
			assertThat(container.getHostConfig().getMemorySwap()).isEqualTo(256L * 1024 * 1024);
			assertThat(container.getHostConfig().getNanoCPUs()).isEqualTo(1_500_000_000L);
			assertThat(container.getHostConfig().getCapDrop()).extracting(Enum::name).containsExactly("ALL");
			assertThat(container.getHostConfig().getPrivileged()).isFalse();
			assertThat(container.getMounts()).extracting(m -> m.getDestination().getPath() + " <- " + m.getSource())
				.containsExactlyInAnyOrder("/workspace <- " + workTree, "/m2 <- " + repository);
			assertThat(container.getConfig().getLabels()).containsEntry("io.platform.managed", "true")
				.containsEntry("io.platform.role", "build")
				.containsKey("io.platform.build-deadline")
				.doesNotContainKey("io.platform.deployment");
			assertThat(driver.workloads()).as("a build is no workload").isEmpty();
			build.kill();
		}
		assertThat(buildContainers()).isEmpty();
	}

	@Test
	void killEndsARunningBuildAtOnceAndLeavesNoContainer() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		try (BuildSandbox.RunningBuild build = sandbox.start(spec("echo started; sleep 300", null), line -> {
			output.add(line);
			started.countDown();
		})) {
			assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
			assertThat(build.await(Duration.ofMillis(200))).as("still running").isNull();
			long t0 = System.nanoTime();
			new Thread(build::kill).start();
			assertThat(build.await(Duration.ofSeconds(30))).isNotNull().isNotZero();
			assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
		}
		// Closing waits for the removal the kill started.
		assertThat(buildContainers()).isEmpty();
	}

	@Test
	void aMissingBuildImageSaysSoAndLeavesNothing() {
		BuildSpec spec = new BuildSpec(app, "dev", 7, "platform-no-such-image:" + app, List.of("true"), workTree,
				repository, Map.of(), null, null);
		assertThatThrownBy(() -> sandbox.start(spec, output::add)).isInstanceOf(BuildSandbox.BuildImageMissing.class)
			.hasMessageContaining("platform-no-such-image:" + app)
			.hasMessageContaining("not on the Docker engine");
		assertThat(buildContainers()).isEmpty();
	}

	@Test
	void aCommandTheImageLacksFailsToStartAndLeavesNothing() {
		BuildSpec spec = new BuildSpec(app, "dev", 7, IMAGE, List.of("no-such-build-tool", "package"), workTree,
				repository, Map.of(), null, null);
		assertThatThrownBy(() -> sandbox.start(spec, output::add)).hasMessageContaining("no-such-build-tool");
		assertThat(buildContainers()).isEmpty();
	}

	@Test
	void aBuildContainerLeftByAnEarlierPlatformProcessIsRemoved() {
		String id = docker.createContainerCmd(IMAGE)
			.withName(DockerBuildSandbox.BUILD_PREFIX + app + "-dev-1-leftover")
			.withCmd("sleep", "300")
			.withLabels(Map.of("io.platform.managed", "true", "io.platform.role", "build", "io.platform.app", app,
					"io.platform.owner", "test-" + app))
			.exec()
			.getId();
		docker.startContainerCmd(id).exec();
		driver.workloads();
		assertThat(buildContainers()).isEmpty();
	}

}
