package io.platform.deployment.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentKind;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.deployment.StepName;
import io.platform.env.runtime.FixtureJar;
import io.platform.env.runtime.ImageSpec;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.env.runtime.Workload;
import io.platform.env.runtime.WorkloadSpec;
import io.platform.env.runtime.WorkloadState;
import io.platform.PlatformProperties;
import io.platform.application.ApplicationService;
import io.platform.deployment.DeploymentEvents;
import io.platform.deployment.DeploymentLogs;
import io.platform.deployment.step.Step;
import io.platform.environment.BindingService;
import io.platform.environment.EnvironmentService;
import io.platform.environment.RuntimeTargets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a restarted platform finds, as left by one that stopped hard: the recovery keeps what serves,
 * fails what was caught mid-way and removes its instance, and removes instances nobody owns.
 */
@SpringBootTest
class DeploymentRecoveryIT {

	static Path home;

	@Autowired
	DeploymentStore store;

	@Autowired
	RuntimeDriver runtime;

	@Autowired
	DeploymentRecovery recovery;

	@Autowired
	DeploymentEngine engine;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		home = Files.createTempDirectory("platform-recovery-");
		registry.add("platform.home", () -> home.resolve("home").toString());
		registry.add("platform.runtime", () -> "process");
	}

	/** The recovery of the context's own start runs beside it; the tests begin once it is done. */
	@BeforeEach
	void startRecovered() throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!engine.isOpen() && System.nanoTime() < end) {
			Thread.sleep(20);
		}
		assertThat(engine.isOpen()).isTrue();
	}

	@AfterEach
	void removeWorkloads() {
		runtime.workloads().forEach(w -> runtime.remove(w.id()));
	}

	@Test
	void restartKeepsServingDeploymentsFailsInterruptedOnesAndRemovesOrphans() throws Exception {
		String image = runtime.bake(new ImageSpec("svc", "dev", 1, "abc1234", List.of("main"),
				FixtureJar.build(home.resolve("fixture"))), line -> {
				});

		Deployment serving = deployment(DeploymentStatus.RUNNING, null, image);
		Workload servingWorkload = start(serving, image);

		Deployment interrupted = deployment(DeploymentStatus.STARTING, StepName.HEALTH, image);
		Workload halfStarted = start(interrupted, image);

		Workload orphan = runtime.start(spec(424242L, image), line -> {
		});

		recovery.recover();

		Deployment failed = store.get(interrupted.getId());
		assertThat(failed.getStatus()).isEqualTo(DeploymentStatus.FAILED);
		assertThat(failed.getError()).startsWith("Interrupted at health");
		assertThat(store.step(interrupted.getId(), StepName.HEALTH).getStatus().name()).isEqualTo("FAILED");
		assertThat(runtime.inspect(halfStarted.id()).phase()).isEqualTo(WorkloadState.Phase.MISSING);
		assertThat(runtime.inspect(orphan.id()).phase()).isEqualTo(WorkloadState.Phase.MISSING);

		assertThat(store.get(serving.getId()).getStatus()).isEqualTo(DeploymentStatus.RUNNING);
		assertThat(runtime.inspect(servingWorkload.id()).phase()).isEqualTo(WorkloadState.Phase.RUNNING);
	}

	@Test
	void aCrashDuringASwitchLeavesOnlyTheNewestServing() throws Exception {
		Deployment older = deployment(DeploymentStatus.RUNNING, null, "svc:test-1");
		older.setEnv("test");
		store.save(older);
		Deployment newer = deployment(DeploymentStatus.RUNNING, null, "svc:test-2");
		newer.setEnv("test");
		store.save(newer);

		recovery.recover();

		assertThat(store.get(older.getId()).getStatus()).isEqualTo(DeploymentStatus.SUPERSEDED);
		assertThat(store.get(newer.getId()).getStatus()).isEqualTo(DeploymentStatus.RUNNING);
	}

	@Test
	void noDeploymentStartsBeforeRecoveryHasOpenedTheEngine() throws Exception {
		DeploymentEngine restarted = new DeploymentEngine(store, context.getBean(DeploymentLogs.class),
				context.getBean(DeploymentEvents.class), context.getBean(ApplicationService.class),
				context.getBean(EnvironmentService.class), context.getBean(RuntimeTargets.class),
				context.getBean(BindingService.class), List.copyOf(context.getBeansOfType(Step.class).values()),
				context.getBean(PlatformProperties.class));
		try {
			// Of a service nobody registered: once it runs, it fails at once.
			Deployment waiting = deployment(DeploymentStatus.QUEUED, null, null);
			restarted.submit(waiting);
			Thread.sleep(300);
			assertThat(store.get(waiting.getId()).getStatus()).isEqualTo(DeploymentStatus.QUEUED);
			assertThat(restarted.holds(waiting.getId())).isTrue();

			restarted.open();

			long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (store.get(waiting.getId()).getStatus() == DeploymentStatus.QUEUED && System.nanoTime() < end) {
				Thread.sleep(20);
			}
			assertThat(store.get(waiting.getId()).getStatus()).isEqualTo(DeploymentStatus.FAILED);
		}
		finally {
			restarted.destroy();
		}
	}

	private Deployment deployment(DeploymentStatus status, StepName step, String image) {
		Deployment deployment = new Deployment();
		deployment.setApp("svc");
		deployment.setEnv("dev");
		deployment.setKind(DeploymentKind.DEPLOY);
		deployment.setBranchList(List.of("main"));
		deployment.setStatus(status);
		deployment.setStep(step);
		deployment.setImage(image);
		deployment.setBuildNumber(1);
		store.insert(deployment, List.of(StepName.values()));
		if (step != null) {
			var running = store.step(deployment.getId(), step);
			running.setStatus(io.platform.deployment.StepStatus.RUNNING);
			store.saveStep(running);
		}
		return deployment;
	}

	private Workload start(Deployment deployment, String image) throws InterruptedException {
		Workload workload = runtime.start(spec(deployment.getId(), image), line -> {
		});
		deployment.setWorkloadId(workload.id());
		store.save(deployment);
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (runtime.inspect(workload.id()).phase() != WorkloadState.Phase.RUNNING && System.nanoTime() < end) {
			Thread.sleep(100);
		}
		return workload;
	}

	private static WorkloadSpec spec(long deploymentId, String image) {
		return new WorkloadSpec("svc", "dev", deploymentId, image, 8080, Map.of(), List.of(), null);
	}

}
