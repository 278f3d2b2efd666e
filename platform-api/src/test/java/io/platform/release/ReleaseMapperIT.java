package io.platform.release;

import java.time.Instant;
import java.util.List;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import io.platform.environment.Environment;
import io.platform.environment.EnvironmentRequest;
import io.platform.environment.EnvironmentService;
import io.platform.support.persistence.MariaDbTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The release tables on MariaDB: every column written and read back, long texts included. */
@MariaDbTest
class ReleaseMapperIT {

	private static final Instant AT = Instant.parse("2026-03-29T01:30:15.123Z");

	@Autowired
	ReleaseMappers.ReleaseMapper releases;

	@Autowired
	ReleaseMappers.ItemMapper items;

	@Autowired
	ReleaseMappers.StageMapper stages;

	@Autowired
	ReleaseMappers.ApprovalMapper approvals;

	@Autowired
	ReleaseMappers.WindowMapper windows;

	@Autowired
	ReleaseMappers.FreezeMapper freezes;

	@Autowired
	EnvironmentService environments;

	@Test
	void aReleaseWithItsItemsStagesAndApprovalsIsWrittenAndReadBack() {
		Release release = new Release();
		release.title = "t".repeat(200);
		release.description = "d".repeat(20000);
		release.rollbackPlan = "roll back";
		release.author = "a".repeat(64);
		release.createdAt = AT;
		release.updatedAt = AT;
		releases.insert(release);
		assertThat(releases.selectById(release.id)).usingRecursiveComparison().isEqualTo(release);

		ReleaseItem item = new ReleaseItem();
		item.releaseId = release.id;
		item.app = "svc";
		item.branches = "feature-a\nfeature-b";
		item.sqlScripts = ReleaseJson.write(List.of(new ReleaseItemView.Script("V1.sql", "x".repeat(30000))));
		items.insert(item);
		assertThat(items.selectById(item.id)).usingRecursiveComparison().isEqualTo(item);

		ReleaseStage stage = new ReleaseStage();
		stage.releaseId = release.id;
		stage.env = "prod";
		stage.start("dev1", AT);
		stage.emergency = true;
		stage.emergencyReason = "r".repeat(1000);
		stage.emergencyBy = "owner1";
		stage.deployments = ReleaseJson.write(List.of(new ReleaseView.StageDeployment("svc", 42)));
		stages.insert(stage);
		stage.deployed(AT);
		stage.deployedHeads = "{\"svc\":[{\"branch\":\"main\",\"commit\":\"abc\"}]}";
		stage.signOff("tester1", "ok", stage.deployedHeads, AT);
		stages.updateById(stage);
		ReleaseStage read = stages.selectById(stage.id);
		assertThat(read).usingRecursiveComparison().isEqualTo(stage);
		assertThat(read.getStatus()).isEqualTo(StageStatus.PASSED);
		assertThat(stages.selectCount(new QueryWrapper<ReleaseStage>().eq("emergency", true).eq("release_id", release.id)))
			.isOne();

		ReleaseApproval approval = new ReleaseApproval();
		approval.releaseId = release.id;
		approval.env = "prod";
		approval.username = "owner1";
		approval.decision = ReleaseApproval.Decision.REJECT;
		approval.comment = "c".repeat(1000);
		approval.at = AT;
		approvals.insert(approval);
		assertThat(approvals.selectById(approval.id)).usingRecursiveComparison().isEqualTo(approval);
	}

	@Test
	void windowsFreezesAndRequiredApprovalsAreWrittenAndReadBack() {
		ReleaseWindow window = new ReleaseWindow();
		window.env = "prod";
		window.days = "MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY";
		window.fromTime = "22:00";
		window.toTime = "02:00";
		window.zone = "America/Argentina/ComodRivadavia";
		windows.insert(window);
		assertThat(windows.selectById(window.id)).usingRecursiveComparison().isEqualTo(window);

		ReleaseFreeze freeze = new ReleaseFreeze();
		freeze.env = "prod";
		freeze.fromAt = AT;
		freeze.toAt = AT.plusSeconds(86400);
		freeze.reason = "f".repeat(1000);
		freezes.insert(freeze);
		assertThat(freezes.selectById(freeze.id)).usingRecursiveComparison().isEqualTo(freeze);

		Environment prod = environments.get("prod");
		assertThat(prod.getRequiredApprovals()).isNull();
		assertThat(prod.requiredApprovalsOrDefault()).isEqualTo(1);
		environments.update("prod", new EnvironmentRequest("prod", null, null, null, null, null, null, 3),
				java.util.Set.of("name", "requiredApprovals"));
		assertThat(environments.get("prod").getRequiredApprovals()).isEqualTo(3);
		assertThat(environments.get("prod").getIsProtected()).isTrue();
	}

}
