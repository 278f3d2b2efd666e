package io.platform.release;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentService;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.git.BranchHead;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deploys a started stage's items one after the other in the background: the SQL hook, then a deployment,
 * then polls it until it is over (with a deadline); the first item that fails fails the stage, and the rest
 * is not deployed. Saves the stage after each item.
 */
@Component
class StageRunner {

	private static final Logger log = LoggerFactory.getLogger(StageRunner.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration DEADLINE = Duration.ofHours(1);

	/** One item to deploy: the heads pinned at the start and its SQL scripts. */
	record Work(String app, List<BranchHead> heads, List<ReleaseSql.SqlScriptRef> scripts) {
	}

	record Run(long releaseId, String title, String env, List<String> apps, List<Work> work, String user) {
	}

	private final ReleaseMappers.StageMapper stages;

	private final DeploymentService deployments;

	private final DeploymentStore store;

	private final ReleaseSql sql;

	private final ReleaseNotices notices;

	private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
		Thread thread = new Thread(task, "release-stage");
		thread.setDaemon(true);
		return thread;
	});

	StageRunner(ReleaseMappers.StageMapper stages, DeploymentService deployments, DeploymentStore store, ReleaseSql sql,
			ReleaseNotices notices) {
		this.stages = stages;
		this.deployments = deployments;
		this.store = store;
		this.sql = sql;
		this.notices = notices;
	}

	void run(Run run) {
		executor.submit(() -> {
			try {
				deploy(run);
			}
			catch (RuntimeException ex) {
				log.error("Release {} stage {} stopped unexpectedly", run.releaseId(), run.env(), ex);
				finish(run, "The stage stopped unexpectedly: " + ex.getMessage());
			}
		});
	}

	/** A stage left RUNNING by a platform that stopped is not followed by anyone: it failed. */
	@EventListener(ApplicationReadyEvent.class)
	void failLeftovers() {
		for (ReleaseStage stage : stages.selectList(new QueryWrapper<ReleaseStage>().eq("status", StageStatus.RUNNING))) {
			stage.fail("The platform stopped while the stage was running; start it again.", Instant.now());
			stages.updateById(stage);
		}
	}

	@PreDestroy
	void stop() {
		executor.shutdownNow();
	}

	private void deploy(Run run) {
		for (Work work : run.work()) {
			String failure = deployOne(run, work);
			if (failure != null) {
				finish(run, failure);
				return;
			}
		}
		finish(run, null);
	}

	/** Deploys one item and waits for it; the reason it failed, or null. */
	private String deployOne(Run run, Work work) {
		try {
			sql.runBeforeDeploy(run.releaseId(), run.env(), work.app(), work.scripts(), run.user());
		}
		catch (RuntimeException ex) {
			return "Item " + work.app() + ": its SQL failed: " + ex.getMessage();
		}
		Deployment deployment;
		try {
			deployment = deployments.startForRelease(work.app(), run.env(), work.heads(), run.releaseId(), run.user());
		}
		catch (RuntimeException ex) {
			return "Item " + work.app() + ": its deployment could not start: " + ex.getMessage();
		}
		ReleaseStage stage = stage(run);
		List<ReleaseView.StageDeployment> list = new ArrayList<>(ReleaseJson.deployments(stage.deployments));
		list.add(new ReleaseView.StageDeployment(work.app(), deployment.getId()));
		stage.deployments = ReleaseJson.write(list);
		stages.updateById(stage);
		Instant deadline = Instant.now().plus(DEADLINE);
		while (!deployments.isOver(deployment)) {
			if (Instant.now().isAfter(deadline)) {
				return "Item " + work.app() + ": deployment " + deployment.getId() + " did not end within " + DEADLINE
						+ "; it is " + deployment.getStatus() + ".";
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "Item " + work.app() + ": the platform stopped while deployment " + deployment.getId()
						+ " ran.";
			}
			deployment = store.get(deployment.getId());
		}
		if (deployment.getStatus() != DeploymentStatus.RUNNING) {
			return "Item " + work.app() + ": deployment " + deployment.getId() + " ended " + deployment.getStatus()
					+ (deployment.getError() == null ? "." : ": " + deployment.getError());
		}
		stage = stage(run);
		Map<String, List<BranchHead>> deployed = ReleaseJson.heads(stage.deployedHeads);
		deployed.put(work.app(), work.heads());
		stage.deployedHeads = ReleaseJson.write(deployed);
		stages.updateById(stage);
		return null;
	}

	private void finish(Run run, String failure) {
		ReleaseStage stage = stage(run);
		if (failure == null) {
			stage.deployed(Instant.now());
		}
		else {
			stage.fail(failure, Instant.now());
		}
		stages.updateById(stage);
		ReleaseNotices.quietly(notices, new ReleaseNotices.ReleaseNotice(failure == null ? ReleaseNotices.STAGE_DEPLOYED
				: ReleaseNotices.STAGE_FAILED, run.releaseId(), run.title(), run.env(), run.apps(), run.user(), failure));
	}

	private ReleaseStage stage(Run run) {
		return stages.selectOne(new QueryWrapper<ReleaseStage>().eq("release_id", run.releaseId()).eq("env", run.env()));
	}

}
