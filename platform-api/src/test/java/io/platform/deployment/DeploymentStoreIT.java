package io.platform.deployment;

import java.util.List;

import io.platform.git.BranchHead;
import io.platform.support.persistence.MariaDbTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Deployments and their steps on a real MariaDB: long texts fit, cleared fields are written, history reads back. */
@MariaDbTest
class DeploymentStoreIT {

	@Autowired
	DeploymentStore store;

	@Test
	void aDeploymentWithLongTextsAndItsStepsRoundTrip() {
		Deployment deployment = new Deployment();
		deployment.setApp("orders");
		deployment.setEnv("dev");
		deployment.setKind(DeploymentKind.DEPLOY);
		List<String> branches = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "feature/" + "x".repeat(200) + i).toList();
		deployment.setBranchList(branches);
		deployment.setStatus(DeploymentStatus.QUEUED);
		store.insert(deployment, List.of(StepName.values()));

		deployment.moveTo(DeploymentStatus.BUILDING);
		deployment.setStep(StepName.BUILD);
		deployment.setHeadList(branches.stream().map(b -> new BranchHead(b, "a".repeat(40))).toList());
		deployment.setBuildNumber(store.lastBuildNumber("orders", "dev") + 1);
		deployment.setError("e".repeat(20_000));
		store.save(deployment);

		deployment.moveTo(DeploymentStatus.FAILED);
		deployment.setStep(null);
		store.save(deployment);

		Deployment read = store.get(deployment.getId());
		assertThat(read.branchList()).isEqualTo(branches);
		assertThat(read.headList()).hasSize(20);
		assertThat(read.getError()).hasSize(20_000);
		assertThat(read.getStep()).isNull();
		assertThat(read.getStatus()).isEqualTo(DeploymentStatus.FAILED);
		assertThat(read.getStartedAt()).isNotNull();
		assertThat(store.steps(deployment.getId())).extracting(DeploymentStep::getName)
			.containsExactly(StepName.values());
		assertThat(store.lastBuildNumber("orders", "dev")).isEqualTo(1);
		assertThat(store.history("orders", "dev", 10)).extracting(Deployment::getId).containsExactly(deployment.getId());

		assertThat(store.deleteAll("orders")).containsExactly(deployment.getId());
		assertThat(store.history("orders", null, 10)).isEmpty();
	}

}
