package io.platform.deployment;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.platform.deployment.DeploymentStatus.BUILDING;
import static io.platform.deployment.DeploymentStatus.CANCELLED;
import static io.platform.deployment.DeploymentStatus.FAILED;
import static io.platform.deployment.DeploymentStatus.QUEUED;
import static io.platform.deployment.DeploymentStatus.RUNNING;
import static io.platform.deployment.DeploymentStatus.STARTING;
import static io.platform.deployment.DeploymentStatus.SUPERSEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DeploymentStatusTest {

	@Test
	void theHappyPathMovesForwardOnly() {
		assertThat(QUEUED.canMoveTo(BUILDING)).isTrue();
		assertThat(BUILDING.canMoveTo(STARTING)).isTrue();
		assertThat(STARTING.canMoveTo(RUNNING)).isTrue();
		assertThat(RUNNING.canMoveTo(SUPERSEDED)).isTrue();
		assertThat(STARTING.canMoveTo(BUILDING)).isFalse();
		assertThat(QUEUED.canMoveTo(RUNNING)).isFalse();
	}

	@Test
	void aRollbackGoesFromQueuedStraightToStarting() {
		assertThat(QUEUED.canMoveTo(STARTING)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(names = { "QUEUED", "BUILDING", "STARTING" })
	void everyNonFinalStatusCanFailOrBeCancelled(DeploymentStatus status) {
		assertThat(status.isActive()).isTrue();
		assertThat(status.canMoveTo(FAILED)).isTrue();
		assertThat(status.canMoveTo(CANCELLED)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(names = { "SUPERSEDED", "FAILED", "CANCELLED" })
	void finalStatusesGoNowhere(DeploymentStatus status) {
		assertThat(EnumSet.allOf(DeploymentStatus.class)).noneMatch(status::canMoveTo);
	}

	@Test
	void aRunningDeploymentCannotFailOrBeCancelledOnlySuperseded() {
		assertThat(RUNNING.isActive()).isFalse();
		assertThat(RUNNING.canMoveTo(FAILED)).isFalse();
		assertThat(RUNNING.canMoveTo(CANCELLED)).isFalse();
	}

	@Test
	void moveToRefusesForbiddenTransitionsAndStampsTimes() {
		Deployment deployment = new Deployment();
		deployment.setId(7L);
		deployment.setStatus(QUEUED);
		deployment.moveTo(BUILDING);
		assertThat(deployment.getStartedAt()).isNotNull();
		assertThat(deployment.getFinishedAt()).isNull();
		deployment.moveTo(FAILED);
		assertThat(deployment.getFinishedAt()).isNotNull();
		assertThatIllegalStateException().isThrownBy(() -> deployment.moveTo(RUNNING))
			.withMessageContaining("FAILED to RUNNING");
	}

	@Test
	void branchesAndHeadsRoundTripThroughTheirColumns() {
		Deployment deployment = new Deployment();
		deployment.setBranchList(java.util.List.of("feature/a", "feature/b"));
		deployment.setHeadList(java.util.List.of(new io.platform.git.BranchHead("feature/a", "abc"),
				new io.platform.git.BranchHead("feature/b", "def")));
		assertThat(deployment.branchList()).containsExactly("feature/a", "feature/b");
		assertThat(deployment.headList()).extracting(io.platform.git.BranchHead::commit).containsExactly("abc", "def");
	}

}
