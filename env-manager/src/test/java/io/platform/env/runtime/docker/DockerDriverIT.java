package io.platform.env.runtime.docker;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import io.platform.env.runtime.ImageSpec;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.RuntimeDriverContractTest;
import io.platform.env.runtime.RuntimeFailure;
import io.platform.env.runtime.Workload;
import io.platform.env.runtime.WorkloadSpec;
import io.platform.env.runtime.WorkloadState;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver contract against a real Docker engine ({@code DOCKER_HOST}, else the local socket). Skips
 * without an engine, except on CI where a missing engine fails the build.
 */
class DockerDriverIT extends RuntimeDriverContractTest {

	private static final String HOST = Engine.HOST;

	private DockerClient docker;

	@Override
	protected RuntimeDriver createDriver(Path work) {
		Engine.require("Docker driver tests");
		docker = Engine.client();
		return new DockerDriver(DockerSettings.defaults().withHost(HOST));
	}

	/** Everything this run made carries its environment's label: containers, then networks, then images. */
	@Override
	protected void cleanUpRuntime() {
		if (docker == null) {
			return;
		}
		Map<String, String> mine = Map.of(DockerDriver.LABEL_ENV, env);
		docker.listContainersCmd().withShowAll(true).withLabelFilter(mine).exec().forEach(container -> {
			try {
				docker.removeContainerCmd(container.getId()).withForce(true).exec();
			}
			catch (NotFoundException ex) {
				// Gone already.
			}
		});
		docker.listNetworksCmd().withFilter("label", List.of(DockerDriver.LABEL_ENV + "=" + env)).exec()
			.forEach(network -> docker.removeNetworkCmd(network.getId()).exec());
		docker.listImagesCmd().withLabelFilter(mine).exec()
			.forEach(image -> docker.removeImageCmd(image.getId()).withForce(true).exec());
		try {
			docker.close();
		}
		catch (IOException ex) {
			// Closing is best effort.
		}
	}

	@Test
	void bakedImageCarriesItsLabels() {
		Map<String, String> labels = docker.inspectImageCmd(image).exec().getConfig().getLabels();
		assertThat(labels).containsEntry("io.platform.managed", "true")
			.containsEntry("io.platform.app", APP)
			.containsEntry("io.platform.env", env)
			.containsEntry("io.platform.build", "1")
			.containsEntry("io.platform.commit", "0123abcd")
			.containsEntry("io.platform.branches", "main,feature/login,fix/$HOME\"quoted\"");
	}

	@Test
	void containerJoinsTheEnvironmentNetworkUnderItsAppName() throws Exception {
		Workload workload = start(Map.of());
		InspectContainerResponse container = docker.inspectContainerCmd(workload.id()).exec();
		ContainerNetwork network = container.getNetworkSettings().getNetworks().get("platform-" + env);
		assertThat(network).as("attached to platform-%s", env).isNotNull();
		assertThat(network.getAliases()).contains(APP);
		assertThat(container.getNetworkSettings().getNetworks()).hasSize(1);
		assertThat(container.getHostConfig().getRestartPolicy().getName()).isIn(null, "", "no");
		assertThat(container.getConfig().getLabels()).containsEntry("io.platform.deployment",
				String.valueOf(workload.deploymentId()));
		Network created = docker.inspectNetworkCmd().withNetworkId("platform-" + env).exec();
		assertThat(created.getLabels()).containsEntry("io.platform.managed", "true");
		assertThat(workload.host()).isEqualTo("127.0.0.1");
		awaitHealthy(workload);
	}

	@Test
	void containersReachTheirEnvironmentsServicesByNameButNoContainerOfAnotherEnvironment() throws Exception {
		String otherEnv = env + "x";
		try {
			Workload client = start(Map.of());
			Workload peer = start(new WorkloadSpec("peer", env, 900, image, 8080, Map.of(), List.of("-Xmx64m"), null));
			Workload stranger = start(new WorkloadSpec("stranger", otherEnv, 901, image, 8080, Map.of(), List.of("-Xmx64m"), null));
			awaitHealthy(client);
			awaitHealthy(peer);
			awaitHealthy(stranger);
			String strangerIp = docker.inspectContainerCmd(stranger.id()).exec().getNetworkSettings().getNetworks()
				.get("platform-" + otherEnv).getIpAddress();

			assertThat(get(client, "/fetch?url=http://peer:8080/health").body()).isEqualTo("OK 200");
			assertThat(get(client, "/fetch?url=http://" + strangerIp + ":8080/health").body()).startsWith("FAIL");
			assertThat(get(client, "/fetch?url=http://stranger:8080/health").body()).startsWith("FAIL");
		}
		finally {
			Map<String, String> other = Map.of(DockerDriver.LABEL_ENV, otherEnv);
			docker.listContainersCmd().withShowAll(true).withLabelFilter(other).exec()
				.forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
			docker.listNetworksCmd().withFilter("label", List.of(DockerDriver.LABEL_ENV + "=" + otherEnv)).exec()
				.forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
		}
	}

	@Test
	void resourceLimitsReachTheContainer() {
		WorkloadSpec limited = new WorkloadSpec(APP, env, 9001, image, 8080, Map.of(), List.of("-Xmx64m"),
				new WorkloadSpec.Resources(256L * 1024 * 1024, 0.5));
		Workload workload = start(limited);
		InspectContainerResponse container = docker.inspectContainerCmd(workload.id()).exec();
		assertThat(container.getHostConfig().getMemory()).isEqualTo(256L * 1024 * 1024);
		assertThat(container.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
	}

	@Test
	void containerOverItsMemoryLimitIsReportedOomKilled() throws Exception {
		// A heap far above the limit, touched up front, makes the kernel kill the JVM.
		WorkloadSpec starved = new WorkloadSpec(APP, env, 9002, image, 8080, Map.of(),
				List.of("-Xms192m", "-Xmx192m", "-XX:+AlwaysPreTouch"), new WorkloadSpec.Resources(64L * 1024 * 1024, 0));
		Workload workload = start(starved);
		await("the starved container to exit",
				() -> driver.inspect(workload.id()).phase() == WorkloadState.Phase.EXITED);
		WorkloadState state = driver.inspect(workload.id());
		assertThat(state.exitCode()).isEqualTo(137);
		assertThat(state.message()).contains("OOMKilled");
	}

	@Test
	void missingBaseImageFailsNamingTheImageAndTheScript() {
		try (DockerDriver withoutBase = new DockerDriver(
				DockerSettings.defaults().withHost(HOST).withBaseImage("platform-no-such-base:0"))) {
			assertThatThrownBy(() -> withoutBase.bake(imageSpec(3), output::add)).isInstanceOf(RuntimeFailure.class)
				.hasMessageContaining("platform-no-such-base:0")
				.hasMessageContaining("scripts/base-image.sh");
		}
		assertThat(driver.imageExists(APP + ":" + env + "-3")).isFalse();
	}

	@Test
	void bakedImageHoldsTheArtifactAsAppJarRunsItAndKeepsTheBaseImagesEnvironment() throws IOException {
		InspectImageResponse base = docker.inspectImageCmd(DockerSettings.DEFAULT_BASE_IMAGE).exec();
		InspectImageResponse baked = docker.inspectImageCmd(image).exec();
		assertThat(baked.getParent()).isEqualTo(base.getId());
		assertThat(baked.getConfig().getEnv()).containsExactly(base.getConfig().getEnv());
		// The image runs its jar by itself; the base image's entrypoint (if any) stays in front.
		assertThat(baked.getConfig().getCmd()).containsExactly("java", "-jar", DockerDriver.APP_JAR);
		assertThat(baked.getConfig().getEntrypoint()).isEqualTo(base.getConfig().getEntrypoint());
		assertThat(baked.getConfig().getUser()).isEqualTo(base.getConfig().getUser());
		assertThat(baked.getConfig().getWorkingDir()).isEqualTo(base.getConfig().getWorkingDir());
		assertThat(baked.getConfig().getHostName()).isEmpty();
		// The base image's labels and the platform's, nothing of the container the image was made in.
		Map<String, String> labels = new HashMap<>(
				base.getConfig().getLabels() == null ? Map.of() : base.getConfig().getLabels());
		labels.putAll(Map.of("io.platform.managed", "true", "io.platform.app", APP, "io.platform.env", env,
				"io.platform.build", "1", "io.platform.commit", "0123abcd", "io.platform.branches",
				"main,feature/login,fix/$HOME\"quoted\""));
		assertThat(baked.getConfig().getLabels()).containsExactlyInAnyOrderEntriesOf(labels);

		// A container that never starts: what the image holds, read through the engine's archive API.
		String id = docker.createContainerCmd(image).withCmd("true").withLabels(Map.of(DockerDriver.LABEL_ENV, env))
			.exec().getId();
		try (InputStream archive = docker.copyArchiveFromContainerCmd(id, DockerDriver.APP_JAR).exec();
				TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
			TarArchiveEntry jar = tar.getNextEntry();
			assertThat(jar.getName()).isEqualTo("app.jar");
			assertThat(jar.getMode() & 07777).isEqualTo(0644);
			assertThat(jar.getLongUserId()).isZero();
			assertThat(tar.readAllBytes()).isEqualTo(Files.readAllBytes(fixtureJar));
		}
		finally {
			docker.removeContainerCmd(id).withForce(true).exec();
		}
	}

	@Test
	void bakeLeavesNoContainerBehindAlsoWhenTheCommitFails() {
		String owner = UUID.randomUUID().toString();
		try (DockerDriver owned = new DockerDriver(DockerSettings.defaults().withHost(HOST).withOwner(owner))) {
			assertThat(owned.bake(imageSpec(4), output::add)).isEqualTo(APP + ":" + env + "-4");
			assertThat(bakeContainers(owner)).isEmpty();

			// The engine refuses repository names with capitals only when it commits.
			ImageSpec refused = new ImageSpec("Fixture", env, 5, "0123abcd", List.of("main"), fixtureJar);
			assertThatThrownBy(() -> owned.bake(refused, output::add)).isInstanceOf(RuntimeFailure.class)
				.hasMessageContaining("could not bake Fixture:" + env + "-5")
				.hasMessageContaining("lowercase");
			assertThat(bakeContainers(owner)).isEmpty();
		}
	}

	@Test
	void leftoverBakeContainersOfTheOwnerAreRemovedOnceOlderThanAnyBake() {
		String owner = UUID.randomUUID().toString();
		String other = UUID.randomUUID().toString();
		String leftover = bakeContainerName(owner);
		String othersLeftover = bakeContainerName(other);
		List<String> created = new ArrayList<>();
		try {
			for (String name : List.of(leftover, othersLeftover)) {
				created.add(docker.createContainerCmd(DockerSettings.DEFAULT_BASE_IMAGE).withName(name)
					.withEntrypoint("true").exec().getId());
			}
			DockerSettings settings = DockerSettings.defaults().withHost(HOST).withOwner(owner);
			try (DockerDriver now = new DockerDriver(settings)) {
				now.workloads();
				assertThat(bakeContainers(owner)).as("a bake container as young as a bake in progress")
					.containsExactly(leftover);
			}
			Clock later = Clock.offset(Clock.systemUTC(), DockerDriver.BAKE_LEFTOVER_AGE.plusMinutes(1));
			try (DockerDriver afterwards = new DockerDriver(settings, later)) {
				assertThat(afterwards.workloads()).extracting(Workload::id).doesNotContainAnyElementsOf(created);
				assertThat(bakeContainers(owner)).isEmpty();
				assertThat(bakeContainers(other)).as("another owner's").containsExactly(othersLeftover);
			}
		}
		finally {
			created.forEach(id -> {
				try {
					docker.removeContainerCmd(id).withForce(true).exec();
				}
				catch (NotFoundException ex) {
					// Removed by the driver.
				}
			});
		}
	}

	@Test
	void bakeInProgressIsNoLeftoverEvenWhenOld() {
		String owner = UUID.randomUUID().toString();
		Clock later = Clock.offset(Clock.systemUTC(), DockerDriver.BAKE_LEFTOVER_AGE.plusMinutes(1));
		List<List<String>> seenWhileBaking = new CopyOnWriteArrayList<>();
		try (DockerDriver owned = new DockerDriver(DockerSettings.defaults().withHost(HOST).withOwner(owner), later)) {
			owned.bake(imageSpec(6), line -> {
				output.add(line);
				if (line.startsWith("Baking ")) {
					seenWhileBaking.add(bakeContainers(owner));
					owned.workloads();
				}
			});
			assertThat(seenWhileBaking).singleElement().satisfies(names -> assertThat(names).hasSize(1));
			assertThat(owned.imageExists(APP + ":" + env + "-6")).isTrue();
			assertThat(bakeContainers(owner)).isEmpty();
		}
	}

	private static String bakeContainerName(String owner) {
		return DockerDriver.BAKE_PREFIX + owner.substring(0, 8) + "-" + UUID.randomUUID().toString().replace("-", "");
	}

	/** Names of the bake containers of {@code owner} on the engine. */
	private List<String> bakeContainers(String owner) {
		String prefix = DockerDriver.BAKE_PREFIX + owner.substring(0, 8) + "-";
		return docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(prefix)).exec().stream()
			.map(c -> c.getNames()[0].replaceFirst("^/", ""))
			.filter(name -> name.startsWith(prefix))
			.toList();
	}

	@Test
	void aFollowOutlivesTheAnswerTimeout() throws Exception {
		Workload workload = start(Map.of());
		awaitHealthy(workload);
		List<String> followed = new CopyOnWriteArrayList<>();
		try (DockerDriver hurried = new DockerDriver(
				DockerSettings.defaults().withHost(HOST).withTimeout(Duration.ofSeconds(1)));
				Closeable following = hurried.follow(workload.id(), followed::add)) {
			await("the start to be followed", () -> followed.stream().anyMatch(l -> l.startsWith("fixture: listening on")));
			// Quiet for longer than the answer timeout: the follow must not be cut.
			Thread.sleep(3000);
			get(workload, "/health?from=later");

			await("a line printed after the quiet spell", () -> followed.contains("fixture: GET /health?from=later"));
			assertThat(hurried.inspect(workload.id()).phase()).isEqualTo(WorkloadState.Phase.RUNNING);
		}
	}

}
