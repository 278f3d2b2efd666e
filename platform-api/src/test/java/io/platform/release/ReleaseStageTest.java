package io.platform.release;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseStageTest {

	private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

	private static ReleaseStage stage(StageStatus status) {
		ReleaseStage stage = new ReleaseStage();
		stage.releaseId = 7L;
		stage.env = "pre";
		stage.setStatus(status);
		return stage;
	}

	@Test
	void aNewStageIsPendingAndStartsRunningStampedWithWhoAndWhen() {
		ReleaseStage stage = new ReleaseStage();
		assertThat(stage.getStatus()).isEqualTo(StageStatus.PENDING);
		stage.start("dev1", NOW);
		assertThat(stage.getStatus()).isEqualTo(StageStatus.RUNNING);
		assertThat(stage.startedBy).isEqualTo("dev1");
		assertThat(stage.startedAt).isEqualTo(NOW);
	}

	@Test
	void aRunningStageBecomesDeployedWhenEveryItemRuns() {
		ReleaseStage stage = stage(StageStatus.RUNNING);
		stage.deployed(NOW);
		assertThat(stage.getStatus()).isEqualTo(StageStatus.DEPLOYED);
		assertThat(stage.finishedAt).isEqualTo(NOW);
	}

	@Test
	void aRunningStageFailsWithTheReason() {
		ReleaseStage stage = stage(StageStatus.RUNNING);
		stage.fail("Item a: deployment 3 ended FAILED", NOW);
		assertThat(stage.getStatus()).isEqualTo(StageStatus.FAILED);
		assertThat(stage.error).contains("Item a");
	}

	@Test
	void aDeployedStagePassesWhenSignedOffWithTheHeadsItRan() {
		ReleaseStage stage = stage(StageStatus.DEPLOYED);
		stage.signOff("tester1", "looks good", "{\"a\":[]}", NOW);
		assertThat(stage.getStatus()).isEqualTo(StageStatus.PASSED);
		assertThat(stage.signedOffBy).isEqualTo("tester1");
		assertThat(stage.signOffComment).isEqualTo("looks good");
		assertThat(stage.signedOffHeads).isEqualTo("{\"a\":[]}");
		assertThat(stage.signedOffAt).isEqualTo(NOW);
	}

	@Test
	void anEndedStageStartsAgainAndForgetsTheLastError() {
		for (StageStatus ended : new StageStatus[] { StageStatus.DEPLOYED, StageStatus.PASSED, StageStatus.FAILED }) {
			ReleaseStage stage = stage(ended);
			stage.error = "old";
			stage.emergency = true;
			stage.start("dev1", NOW);
			assertThat(stage.getStatus()).isEqualTo(StageStatus.RUNNING);
			assertThat(stage.error).isNull();
			assertThat(stage.emergency).isFalse();
		}
	}

	@Test
	void transitionsTheStateMachineForbidsAreRefused() {
		assertThatThrownBy(() -> stage(StageStatus.RUNNING).start("dev1", NOW))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("RUNNING to RUNNING");
		assertThatThrownBy(() -> stage(StageStatus.PENDING).deployed(NOW)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> stage(StageStatus.PENDING).signOff("t", null, null, NOW))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> stage(StageStatus.RUNNING).signOff("t", null, null, NOW))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> stage(StageStatus.FAILED).signOff("t", null, null, NOW))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> stage(StageStatus.PASSED).fail("x", NOW)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> stage(StageStatus.DEPLOYED).deployed(NOW)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> stage(StageStatus.PASSED).signOff("t", null, null, NOW))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void everyAllowedTransitionIsListed() {
		for (StageStatus from : StageStatus.values()) {
			for (StageStatus to : StageStatus.values()) {
				boolean expected = switch (from) {
					case PENDING, FAILED, PASSED -> to == StageStatus.RUNNING;
					case RUNNING -> to == StageStatus.DEPLOYED || to == StageStatus.FAILED;
					case DEPLOYED -> to == StageStatus.RUNNING || to == StageStatus.PASSED;
				};
				assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(expected);
			}
		}
	}

}
