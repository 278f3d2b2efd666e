package io.platform.deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.support.web.NotFoundException;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Saves deployments and their steps; every change of status or step is written as it happens. */
@Component
public class DeploymentStore {

	private final DeploymentMapper deployments;

	private final DeploymentStepMapper steps;

	DeploymentStore(DeploymentMapper deployments, DeploymentStepMapper steps) {
		this.deployments = deployments;
		this.steps = steps;
	}

	/** Inserts a new deployment with its planned steps (PENDING, or SKIPPED when not part of the plan). */
	@Transactional
	public Deployment insert(Deployment deployment, List<StepName> plan) {
		deployment.setCreatedAt(Instant.now());
		deployments.insert(deployment);
		for (StepName name : StepName.values()) {
			DeploymentStep step = new DeploymentStep();
			step.setDeploymentId(deployment.getId());
			step.setSeq(name.ordinal());
			step.setName(name);
			step.setStatus(plan.contains(name) ? StepStatus.PENDING : StepStatus.SKIPPED);
			steps.insert(step);
		}
		return deployment;
	}

	public Deployment get(long id) {
		Deployment deployment = deployments.selectById(id);
		if (deployment == null) {
			throw new NotFoundException("Deployment " + id + " does not exist.");
		}
		return deployment;
	}

	public List<DeploymentStep> steps(long deploymentId) {
		return steps.selectList(new LambdaQueryWrapper<DeploymentStep>()
			.eq(DeploymentStep::getDeploymentId, deploymentId)
			.orderByAsc(DeploymentStep::getSeq));
	}

	public void save(Deployment deployment) {
		deployments.updateById(deployment);
	}

	public void saveStep(DeploymentStep step) {
		steps.updateById(step);
	}

	public DeploymentStep step(long deploymentId, StepName name) {
		return steps.selectOne(new LambdaQueryWrapper<DeploymentStep>()
			.eq(DeploymentStep::getDeploymentId, deploymentId)
			.eq(DeploymentStep::getSeq, name.ordinal()));
	}

	/** Marks every step that has not run as CANCELLED (or FAILED for the one that was running). */
	@Transactional
	public void closeSteps(long deploymentId, StepStatus runningBecomes, String message) {
		Instant now = Instant.now();
		for (DeploymentStep step : steps(deploymentId)) {
			if (step.getStatus() == StepStatus.RUNNING) {
				step.setStatus(runningBecomes);
				step.setFinishedAt(now);
				step.setMessage(message);
				steps.updateById(step);
			}
			else if (step.getStatus() == StepStatus.PENDING) {
				step.setStatus(StepStatus.CANCELLED);
				steps.updateById(step);
			}
		}
	}

	/** History of a service, newest first, optionally in one environment. */
	public List<Deployment> history(String app, String env, int limit) {
		LambdaQueryWrapper<Deployment> query = new LambdaQueryWrapper<Deployment>().eq(Deployment::getApp, app);
		if (env != null) {
			query.eq(Deployment::getEnv, env);
		}
		return deployments.selectList(query.orderByDesc(Deployment::getId).last("LIMIT " + limit));
	}

	/** Deployments currently serving (RUNNING) of a service in an environment. */
	public List<Deployment> running(String app, String env) {
		return deployments.selectList(new LambdaQueryWrapper<Deployment>().eq(Deployment::getApp, app)
			.eq(Deployment::getEnv, env)
			.eq(Deployment::getStatus, DeploymentStatus.RUNNING));
	}

	/** Every deployment in one of the given statuses, oldest first. */
	public List<Deployment> withStatus(DeploymentStatus... statuses) {
		return deployments.selectList(new LambdaQueryWrapper<Deployment>().in(Deployment::getStatus, List.of(statuses))
			.orderByAsc(Deployment::getId));
	}

	public int lastBuildNumber(String app, String env) {
		return deployments.lastBuildNumber(app, env);
	}

	/** Removes every deployment of a service (when the service is deleted); returns their ids. */
	@Transactional
	public List<Long> deleteAll(String app) {
		List<Long> ids = new ArrayList<>(deployments
			.selectList(new LambdaQueryWrapper<Deployment>().eq(Deployment::getApp, app).select(Deployment::getId))
			.stream()
			.map(Deployment::getId)
			.toList());
		if (!ids.isEmpty()) {
			steps.delete(new LambdaQueryWrapper<DeploymentStep>().in(DeploymentStep::getDeploymentId, ids));
			deployments.deleteByIds(ids);
		}
		return ids;
	}

}
