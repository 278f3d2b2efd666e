package io.platform.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.platform.application.Application;
import io.platform.application.ApplicationService;
import io.platform.deployment.engine.DeploymentEngine;
import io.platform.environment.BindingService;
import io.platform.environment.Environment;
import io.platform.environment.EnvironmentService;
import io.platform.environment.RuntimeTargets;
import io.platform.git.BranchHead;
import io.platform.git.BranchNames;
import io.platform.git.GitProvider;
import io.platform.git.GitRemote;
import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;
import io.platform.support.web.TooManyRequestsException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Starts, redeploys, rolls back and cancels deployments; answers what runs where. */
@Service
public class DeploymentService {

	private static final List<StepName> FULL = List.of(StepName.values());

	private static final List<StepName> FROM_IMAGE = List.of(StepName.START, StepName.HEALTH, StepName.SWITCH);

	private final DeploymentStore store;

	private final DeploymentEngine engine;

	private final ApplicationService applications;

	private final EnvironmentService environments;

	private final GitProvider git;

	private final RuntimeTargets runtimes;

	private final BindingService bindings;

	private final int maxQueued;

	DeploymentService(DeploymentStore store, DeploymentEngine engine, ApplicationService applications,
			EnvironmentService environments, GitProvider git, RuntimeTargets runtimes, BindingService bindings,
			@Value("${platform.deploy.max-queued:20}") int maxQueued) {
		this.bindings = bindings;
		this.maxQueued = maxQueued;
		this.store = store;
		this.engine = engine;
		this.applications = applications;
		this.environments = environments;
		this.git = git;
		this.runtimes = runtimes;
	}

	/** Checks everything a person can get wrong before anything is queued, then queues the deployment. */
	public Deployment start(String appName, StartDeploymentRequest request, String requestedBy) {
		Application app = applications.get(appName);
		Environment env = environment(request.env(), "env");
		List<String> branches = request.branches().stream().map(String::strip).toList();
		Set<String> seen = new HashSet<>();
		for (String branch : branches) {
			BranchNames.requireBranch("branches", branch);
			if (!seen.add(branch)) {
				throw new InvalidInputException("branches", "Branch '" + branch + "' is ticked twice.");
			}
		}
		// Unknown branches are a 400 now rather than a failed deployment later; the heads seen now are the
		// ones deployed, also when the deployment waits its turn.
		List<BranchHead> heads = git.resolve(new GitRemote(app.getName(), app.getRepoUrl()), branches);
		Deployment deployment = newDeployment(app.getName(), env.getName(), DeploymentKind.DEPLOY, null, branches,
				requestedBy);
		deployment.setHeadList(heads);
		return queue(deployment, FULL);
	}

	/**
	 * A deployment a release makes: exactly the given heads (pinned by the release), recorded as coming from
	 * that release. The caller has decided it may go into the environment (protected ones included), so no
	 * role is asked here.
	 */
	public Deployment startForRelease(String appName, String envName, List<BranchHead> heads, long releaseId,
			String requestedBy) {
		Application app = applications.get(appName);
		Environment env = environment(envName, "env");
		Deployment deployment = newDeployment(app.getName(), env.getName(), DeploymentKind.DEPLOY, null,
				heads.stream().map(BranchHead::branch).toList(), requestedBy);
		deployment.setHeadList(heads);
		deployment.setReleaseId(releaseId);
		return queue(deployment, FULL);
	}

	public Deployment redeploy(long id, String requestedBy) {
		Deployment source = store.get(id);
		Application app = applications.get(source.getApp());
		List<BranchHead> heads = git.resolve(new GitRemote(app.getName(), app.getRepoUrl()), source.branchList());
		Deployment deployment = newDeployment(source.getApp(), source.getEnv(), DeploymentKind.REDEPLOY,
				source.getId(), source.branchList(), requestedBy);
		deployment.setHeadList(heads);
		return queue(deployment, FULL);
	}

	public Deployment rollback(long id, String requestedBy) {
		Deployment source = store.get(id);
		applications.get(source.getApp());
		if (source.getStatus() != DeploymentStatus.RUNNING && source.getStatus() != DeploymentStatus.SUPERSEDED) {
			throw new ConflictException("Deployment " + id + " never served (it is " + source.getStatus()
					+ "); roll back to a deployment that ran.");
		}
		if (source.getImage() == null || !runtimes.driver(source.getEnv()).imageExists(source.getImage())) {
			throw new ConflictException("The image " + source.getImage() + " of deployment " + id
					+ " no longer exists; redeploy its branches to build it again.");
		}
		Deployment rollback = newDeployment(source.getApp(), source.getEnv(), DeploymentKind.ROLLBACK, source.getId(),
				source.branchList(), requestedBy);
		rollback.setHeads(source.getHeads());
		rollback.setCommit(source.getCommit());
		rollback.setBuildNumber(source.getBuildNumber());
		rollback.setImage(source.getImage());
		return queue(rollback, FROM_IMAGE);
	}

	public Deployment cancel(long id) {
		Deployment deployment = store.get(id);
		if (deployment.isFinal()) {
			throw new ConflictException("Deployment " + id + " has already ended (" + deployment.getStatus()
					+ "); only a queued or running deployment can be cancelled.");
		}
		if (!engine.cancel(id)) {
			// Not held by this engine (a leftover): end it here.
			deployment.moveTo(DeploymentStatus.CANCELLED);
			deployment.setError("Cancelled.");
			store.save(deployment);
			store.closeSteps(id, StepStatus.CANCELLED, "cancelled");
		}
		return store.get(id);
	}

	/** Whether nothing more will happen to the deployment (it ended and the engine let it go). */
	public boolean isOver(Deployment deployment) {
		return deployment.isFinal() && !engine.holds(deployment.getId());
	}

	public DeploymentView view(long id) {
		return view(store.get(id));
	}

	public DeploymentView view(Deployment deployment) {
		return DeploymentView.of(deployment, store.steps(deployment.getId()), health(deployment));
	}

	private DeploymentView.WorkloadHealth health(Deployment deployment) {
		if (deployment.getStatus() != DeploymentStatus.RUNNING || deployment.getWorkloadId() == null) {
			return null;
		}
		try {
			return switch (runtimes.driver(deployment.getEnv()).inspect(deployment.getWorkloadId()).phase()) {
				case RUNNING -> DeploymentView.WorkloadHealth.HEALTHY;
				case STARTING -> DeploymentView.WorkloadHealth.PROGRESSING;
				case EXITED -> DeploymentView.WorkloadHealth.DEGRADED;
				case MISSING -> DeploymentView.WorkloadHealth.MISSING;
			};
		}
		catch (RuntimeException ex) {
			// The runtime does not answer: say nothing rather than fail the whole view.
			return null;
		}
	}

	public List<DeploymentView> history(String appName, String envName, int limit) {
		Application app = applications.get(appName);
		String env = envName == null || envName.isBlank() ? null : environment(envName, "env").getName();
		return store.history(app.getName(), env, limit).stream().map(this::view).toList();
	}

	public OverviewView overview() {
		List<String> envs = environments.list().stream().map(Environment::getName).toList();
		Map<String, Map<String, OverviewView.Summary>> running = new LinkedHashMap<>();
		Map<String, Map<String, OverviewView.Summary>> active = new LinkedHashMap<>();
		for (Deployment d : store.withStatus(DeploymentStatus.QUEUED, DeploymentStatus.BUILDING,
				DeploymentStatus.STARTING, DeploymentStatus.RUNNING)) {
			Map<String, Map<String, OverviewView.Summary>> target = d.getStatus() == DeploymentStatus.RUNNING ? running
					: active;
			Map<String, OverviewView.Summary> row = target.computeIfAbsent(d.getApp(), a -> new LinkedHashMap<>());
			// Oldest first: the newest RUNNING one wins; the oldest active one is the one in progress.
			if (d.getStatus() == DeploymentStatus.RUNNING || !row.containsKey(d.getEnv())) {
				row.put(d.getEnv(), OverviewView.Summary.of(d));
			}
		}
		List<OverviewView.AppRow> rows = new ArrayList<>();
		for (Application app : applications.list()) {
			Map<String, OverviewView.Cell> cells = new LinkedHashMap<>();
			for (String env : envs) {
				cells.put(env, new OverviewView.Cell(running.getOrDefault(app.getName(), Map.of()).get(env),
						active.getOrDefault(app.getName(), Map.of()).get(env)));
			}
			rows.add(new OverviewView.AppRow(app.getName(), cells));
		}
		return new OverviewView(envs, rows);
	}

	/** Per service, the branch heads running in {@code from} and not in {@code to}, and the other way round. */
	public EnvironmentDiff diff(String from, String to) {
		String fromEnv = environment(from, "from").getName();
		String toEnv = environment(to, "to").getName();
		List<EnvironmentDiff.AppDiff> apps = new ArrayList<>();
		for (Application app : applications.list()) {
			Deployment left = newestRunning(app.getName(), fromEnv);
			Deployment right = newestRunning(app.getName(), toEnv);
			if (left == null && right == null) {
				continue;
			}
			List<BranchHead> leftHeads = left == null ? List.of() : left.headList();
			List<BranchHead> rightHeads = right == null ? List.of() : right.headList();
			List<BranchHead> onlyLeft = leftHeads.stream().filter(h -> !rightHeads.contains(h)).toList();
			List<BranchHead> onlyRight = rightHeads.stream().filter(h -> !leftHeads.contains(h)).toList();
			boolean same = left != null && right != null && onlyLeft.isEmpty() && onlyRight.isEmpty()
					&& Objects.equals(left.getCommit(), right.getCommit());
			apps.add(new EnvironmentDiff.AppDiff(app.getName(), EnvironmentDiff.Side.of(left),
					EnvironmentDiff.Side.of(right), onlyLeft, onlyRight, same));
		}
		Set<String> fromKeys = bindings.keys(fromEnv);
		Set<String> toKeys = bindings.keys(toEnv);
		return new EnvironmentDiff(fromEnv, toEnv, apps,
				new EnvironmentDiff.BindingDiff(fromKeys.stream().filter(k -> !toKeys.contains(k)).toList(),
						toKeys.stream().filter(k -> !fromKeys.contains(k)).toList()));
	}

	private Deployment newestRunning(String app, String env) {
		return store.running(app, env).stream().max(Comparator.comparing(Deployment::getId)).orElse(null);
	}

	private Environment environment(String name, String field) {
		if (name == null || name.isBlank()) {
			throw new InvalidInputException(field, "Name an environment in '" + field + "'.");
		}
		try {
			return environments.get(name);
		}
		catch (NotFoundException ex) {
			throw new InvalidInputException(field, ex.getMessage());
		}
	}

	/** Refuses a deployment that would wait behind too many others of its lane; nothing is saved then. */
	private synchronized Deployment queue(Deployment deployment, List<StepName> plan) {
		int waiting = engine.waiting(deployment.getApp(), deployment.getEnv());
		if (waiting >= maxQueued) {
			throw new TooManyRequestsException(waiting + " deployments of " + deployment.getApp() + " already wait in "
					+ deployment.getEnv() + " (at most " + maxQueued + ", platform.deploy.max-queued); wait for them "
					+ "to run, or cancel some, then deploy again.", Duration.ofSeconds(30), "Deployment queue full");
		}
		store.insert(deployment, plan);
		engine.submit(deployment);
		return deployment;
	}

	private static Deployment newDeployment(String app, String env, DeploymentKind kind, Long sourceId,
			List<String> branches, String requestedBy) {
		Deployment deployment = new Deployment();
		deployment.setApp(app);
		deployment.setEnv(env);
		deployment.setKind(kind);
		deployment.setSourceId(sourceId);
		deployment.setBranchList(branches);
		deployment.setStatus(DeploymentStatus.QUEUED);
		deployment.setRequestedBy(requestedBy);
		return deployment;
	}

}
