package io.platform.deployment.engine;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.deployment.StepStatus;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.Workload;
import io.platform.environment.RuntimeTargets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On start, finishes what a stopped platform left: deployments that never started are queued again,
 * deployments caught mid-way fail ("interrupted at <step>") and lose their half-started instance,
 * RUNNING deployments whose instance still runs are kept, and no instance is left that no deployment
 * owns. It runs beside the start rather than before the platform is ready (listing a Docker engine's
 * containers is the first use of its client); the engine starts no deployment until it is done.
 */
@Component
class DeploymentRecovery implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DeploymentRecovery.class);

	private final DeploymentStore store;

	private final DeploymentEngine engine;

	private final RuntimeTargets runtimes;

	DeploymentRecovery(DeploymentStore store, DeploymentEngine engine, RuntimeTargets runtimes) {
		this.store = store;
		this.engine = engine;
		this.runtimes = runtimes;
	}

	@Override
	public void run(ApplicationArguments args) {
		Thread thread = new Thread(this::recoverThenOpen, "deployment-recovery");
		thread.setDaemon(true);
		thread.start();
	}

	private void recoverThenOpen() {
		try {
			recover();
		}
		catch (RuntimeException ex) {
			log.error("Recovering the deployments a stopped platform left failed; they stay as they were", ex);
		}
		finally {
			engine.open();
		}
	}

	void recover() {
		supersedeDoubles();
		for (Deployment deployment : store.withStatus(DeploymentStatus.QUEUED, DeploymentStatus.BUILDING,
				DeploymentStatus.STARTING)) {
			if (deployment.getStatus() == DeploymentStatus.QUEUED && deployment.getStep() == null) {
				log.info("Resuming queued deployment {} of {} into {}", deployment.getId(), deployment.getApp(),
						deployment.getEnv());
				engine.submit(deployment);
				continue;
			}
			String step = deployment.getStep() == null ? "start" : deployment.getStep().label();
			deployment.moveTo(DeploymentStatus.FAILED);
			deployment.setError("Interrupted at " + step + ": the platform stopped while this deployment ran. "
					+ "Deploy again; the previous deployment kept serving.");
			deployment.setStep(null);
			store.closeSteps(deployment.getId(), StepStatus.FAILED, "interrupted");
			store.save(deployment);
			log.info("Deployment {} was interrupted at {}; marked FAILED", deployment.getId(), step);
		}
		Set<String> owned = store.withStatus(DeploymentStatus.RUNNING)
			.stream()
			.map(Deployment::getWorkloadId)
			.filter(id -> id != null)
			.collect(Collectors.toCollection(HashSet::new));
		for (RuntimeDriver runtime : runtimes.all()) {
			try {
				for (Workload workload : runtime.workloads()) {
					if (!owned.contains(workload.id()) && !engine.holds(workload.deploymentId())) {
						log.info("Removing instance {} (deployment {}): no running deployment owns it", workload.name(),
								workload.deploymentId());
						runtime.remove(workload.id());
					}
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not look for instances no deployment owns on the {} runtime ({}); the next start looks again",
						runtime.kind(), ex.getMessage());
			}
		}
	}

	/** A crash during a switch can leave two RUNNING deployments of one lane: the newest one stays. */
	private void supersedeDoubles() {
		List<Deployment> running = store.withStatus(DeploymentStatus.RUNNING);
		running.stream()
			.collect(Collectors.groupingBy(d -> d.getApp() + "/" + d.getEnv()))
			.values()
			.forEach(lane -> lane.stream()
				.sorted(Comparator.comparing(Deployment::getId).reversed())
				.skip(1)
				.forEach(older -> {
					older.moveTo(DeploymentStatus.SUPERSEDED);
					store.save(older);
				}));
	}

}
