package io.platform.env.runtime.docker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.RuntimeDriverContractTest;
import io.platform.env.runtime.RuntimeFailure;
import io.platform.env.runtime.Workload;
import io.platform.env.runtime.WorkloadSpec;
import io.platform.env.runtime.WorkloadState;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The driver contract against a real Docker engine ({@code DOCKER_HOST}, else the local socket). Skips
 * without an engine, except on CI where a missing engine fails the build.
 */
class DockerDriverIT extends RuntimeDriverContractTest {

	private static final String HOST = System.getenv().getOrDefault("DOCKER_HOST", DockerSettings.DEFAULT_HOST);

	private DockerClient docker;

	@Override
	protected RuntimeDriver createDriver(Path work) {
		if (!DockerDriver.answers(HOST, Duration.ofSeconds(3))) {
			String message = "No Docker engine answers at " + HOST;
			if ("true".equals(System.getenv("CI"))) {
				fail(message + ", and CI=true requires one");
			}
			message += "; Docker driver tests skipped";
			System.err.println(message);
			Assumptions.abort(message);
		}
		docker = client();
		return new DockerDriver(DockerSettings.defaults().withHost(HOST));
	}

	private static DockerClient client() {
		DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(HOST).build();
		return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
			.dockerHost(config.getDockerHost())
			.sslConfig(config.getSSLConfig())
			.responseTimeout(Duration.ofSeconds(60))
			.build());
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

}
