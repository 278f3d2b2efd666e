package io.platform.env.runtime.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.platform.env.runtime.ImageSpec;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.RuntimeDriverContractTest;
import io.platform.env.runtime.RuntimeFailure;
import io.platform.env.runtime.Workload;
import io.platform.env.runtime.WorkloadState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessDriverTest extends RuntimeDriverContractTest {

	private Path home;

	@Override
	protected RuntimeDriver createDriver(Path work) {
		home = work.resolve("home");
		return new ProcessDriver(home);
	}

	@Test
	void bakedJarIsStoredUnderTheHomeByTag() {
		assertThat(home.resolve("images").resolve(APP).resolve(env + "-1.jar")).isRegularFile();
	}

	@Test
	void newDriverOverTheSameHomeFindsARunningWorkload() throws Exception {
		Workload workload = start(Map.of());
		awaitHealthy(workload);
		get(workload, "/health?before=restart");
		try (ProcessDriver restarted = new ProcessDriver(home)) {
			assertThat(restarted.workloads()).contains(workload);
			assertThat(restarted.inspect(workload.id()).phase()).isEqualTo(WorkloadState.Phase.RUNNING);
			assertThat(restarted.tail(workload.id(), 20)).contains("fixture: GET /health?before=restart");
			restarted.remove(workload.id());
			assertThat(restarted.inspect(workload.id()).phase()).isEqualTo(WorkloadState.Phase.MISSING);
		}
		assertThat(driver.inspect(workload.id()).phase()).isEqualTo(WorkloadState.Phase.MISSING);
		assertThat(home.resolve("workloads").resolve(workload.name())).doesNotExist();
	}

	@Test
	void exitCodeSurvivesARestartOfThePlatform() throws Exception {
		Workload crashed = start(Map.of("CRASH", "1"));
		await("the crashing app to exit", () -> driver.inspect(crashed.id()).phase() == WorkloadState.Phase.EXITED);
		await("the exit code to be recorded",
				() -> Files.exists(home.resolve("workloads").resolve(crashed.name()).resolve(ProcessDriver.EXIT_FILE)));
		try (ProcessDriver restarted = new ProcessDriver(home)) {
			WorkloadState state = restarted.inspect(crashed.id());
			assertThat(state.phase()).isEqualTo(WorkloadState.Phase.EXITED);
			assertThat(state.exitCode()).isEqualTo(3);
		}
	}

	@Test
	void appSeesOnlyItsOwnVariablesNotThePlatforms() throws Exception {
		Workload workload = start(Map.of("ONLY_MINE", "yes"));
		awaitHealthy(workload);
		List<String> names = get(workload, "/env").body().lines().map(line -> line.substring(0, line.indexOf('=')))
			.toList();
		assertThat(names).contains("ONLY_MINE", "SERVER_PORT", "SERVER_ADDRESS")
			.allMatch(name -> List.of("ONLY_MINE", "SERVER_PORT", "SERVER_ADDRESS", "PATH", "LANG", "LC_ALL", "TZ",
					"TMPDIR").contains(name));
	}

	@Test
	void namesThatWouldEscapeTheHomeAreRefused() {
		ImageSpec escaping = new ImageSpec("..", env, 1, "c", List.of(), fixtureJar);
		assertThatThrownBy(() -> driver.bake(escaping, output::add)).isInstanceOf(RuntimeFailure.class);
		assertThatThrownBy(() -> driver.inspect("../images")).isInstanceOf(RuntimeFailure.class);
		assertThat(driver.imageExists("fixture:../" + env + "-1")).isFalse();
	}

}
