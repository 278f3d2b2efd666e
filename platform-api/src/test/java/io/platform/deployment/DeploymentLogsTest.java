package io.platform.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.platform.PlatformProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentLogsTest {

	@TempDir
	Path home;

	private DeploymentLogs logs(DataSize cap) {
		return new DeploymentLogs(new PlatformProperties(home, "localhost", PlatformProperties.Runtime.PROCESS,
				new PlatformProperties.Deploy(null, null, 1, cap, null, null, null, 0, null), null, null));
	}

	@Test
	void aSubscriberGetsTheLogSoFarThenNewLinesWithoutGapsOrRepeats() throws Exception {
		DeploymentLogs logs = logs(DataSize.ofMegabytes(1));
		logs.append(1, "one");
		logs.append(1, "two");
		List<String> seen = new ArrayList<>();
		try (AutoCloseable subscription = logs.subscribe(1, seen::add)) {
			logs.append(1, "three");
		}
		logs.append(1, "four");
		assertThat(seen).containsExactly("one", "two", "three");
		assertThat(logs.read(1)).isEqualTo("one\ntwo\nthree\nfour\n");
	}

	@Test
	void aRunawayLogStopsAtItsCapAndSaysSo() {
		DeploymentLogs logs = logs(DataSize.ofKilobytes(1));
		for (int i = 0; i < 1000; i++) {
			logs.append(2, "line " + i + " of a build that never stops talking");
		}
		String text = logs.read(2);
		assertThat(text.length()).isLessThan(1200);
		assertThat(text).endsWith("[platform] log truncated: it reached its limit of 1 KB\n");
	}

	@Test
	void logsSurviveClosingAndAreKeptPerDeployment() {
		DeploymentLogs logs = logs(DataSize.ofMegabytes(1));
		logs.append(3, "three");
		logs.append(4, "four");
		logs.close(3);
		assertThat(logs.read(3)).isEqualTo("three\n");
		assertThat(logs.read(4)).isEqualTo("four\n");
		assertThat(logs.read(5)).isEmpty();
	}

}
