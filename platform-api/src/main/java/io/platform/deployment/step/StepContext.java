package io.platform.deployment.step;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import io.platform.application.Application;
import io.platform.deployment.Deployment;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.Workload;
import io.platform.environment.Environment;
import io.platform.git.BranchHead;
import io.platform.git.GitRemote;
import io.platform.git.Integration;

/**
 * What the steps of one run share: the deployment, its service and environment, the runtime, the log,
 * and the typed outputs each step leaves for the next. Outputs the later steps need after a restart are
 * also on the persisted {@link Deployment} (heads, commit, build number, image, workload id).
 */
public final class StepContext {

	private final Deployment deployment;

	private final Application application;

	private final Environment environment;

	private final RuntimeDriver runtime;

	private final Path workspace;

	private final Consumer<String> log;

	private final Cancellation cancellation;

	private final Runnable saver;

	private List<BranchHead> heads;

	private Integration integration;

	private Path artifact;

	private Workload workload;

	public StepContext(Deployment deployment, Application application, Environment environment,
			RuntimeDriver runtime, Path workspace, Consumer<String> log, Cancellation cancellation, Runnable saver) {
		this.deployment = deployment;
		this.application = application;
		this.environment = environment;
		this.runtime = runtime;
		this.workspace = workspace;
		this.log = log;
		this.cancellation = cancellation;
		this.saver = saver;
	}

	/** Persists the deployment now (for outputs others must see before the step ends, such as a workload id). */
	public void save() {
		saver.run();
	}

	public Deployment deployment() {
		return deployment;
	}

	public Application application() {
		return application;
	}

	public Environment environment() {
		return environment;
	}

	public RuntimeDriver runtime() {
		return runtime;
	}

	public GitRemote remote() {
		return new GitRemote(application.getName(), application.getRepoUrl());
	}

	/** Directory of this run's checkout and build; removed when the run ends. */
	public Path workspace() {
		return workspace;
	}

	public void log(String line) {
		log.accept(line);
	}

	public Consumer<String> log() {
		return log;
	}

	public Cancellation cancellation() {
		return cancellation;
	}

	public List<BranchHead> heads() {
		return heads;
	}

	public void heads(List<BranchHead> heads) {
		this.heads = heads;
	}

	public Integration integration() {
		return integration;
	}

	public void integration(Integration integration) {
		this.integration = integration;
	}

	public Path artifact() {
		return artifact;
	}

	public void artifact(Path artifact) {
		this.artifact = artifact;
	}

	public Workload workload() {
		return workload;
	}

	public void workload(Workload workload) {
		this.workload = workload;
	}

}
