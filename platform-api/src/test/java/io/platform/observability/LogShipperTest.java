package io.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentEvents;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.env.runtime.RuntimeDriver;
import io.platform.environment.BindingService;
import io.platform.environment.RuntimeTargets;
import io.platform.logs.log.LogLine;
import io.platform.logs.log.LogQuery;
import io.platform.logs.log.lucene.LogRetention;
import io.platform.logs.log.lucene.LuceneLogStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

/** What a service prints faster than it can be shipped is dropped, counted, and said in its log. */
class LogShipperTest {

	@TempDir
	Path tmp;

	@Test
	void linesBeyondTheQueueAreDroppedCountedAndNamedInTheDeploymentsLog() throws Exception {
		AtomicReference<Consumer<String>> output = new AtomicReference<>();
		RuntimeDriver runtime = mock(RuntimeDriver.class);
		when(runtime.follow(anyString(), any())).thenAnswer(call -> {
			output.set(call.getArgument(1));
			return (java.io.Closeable) () -> {
			};
		});
		RuntimeTargets runtimes = mock(RuntimeTargets.class);
		when(runtimes.driver("dev")).thenReturn(runtime);
		BindingService bindings = mock(BindingService.class);
		when(bindings.masker("noisy", "dev")).thenReturn(UnaryOperator.identity());
		DeploymentEvents events = new DeploymentEvents();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		try (LuceneLogStore store = new LuceneLogStore(tmp.resolve("logs"), LogRetention.none())) {
			LogShipper shipper = new LogShipper(store, runtimes, bindings, mock(DeploymentStore.class), events,
					new LogTail(), provider(meters), 10, DataSize.ofBytes(64));
			try {
				Deployment deployment = new Deployment();
				deployment.setId(7L);
				deployment.setApp("noisy");
				deployment.setEnv("dev");
				deployment.setWorkloadId("w-7");
				deployment.setStatus(DeploymentStatus.STARTING);
				events.changed(deployment);
				long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				while (output.get() == null && System.nanoTime() < end) {
					Thread.sleep(20);
				}
				assertThat(output.get()).as("the shipper follows the instance").isNotNull();

				// Far more at once than the queue holds (10): most are dropped before the next shipping tick.
				for (int i = 0; i < 500; i++) {
					output.get().accept("line " + i);
				}

				List<LogLine> lines = awaitLines(store, 1 + 1);
				double dropped = meters.counter(LogShipper.DROPPED_METRIC, "app", "noisy", "env", "dev").count();
				assertThat(dropped).isPositive();
				List<LogLine> notices = lines.stream().filter(l -> l.message().contains("log lines dropped")).toList();
				long named = notices.stream()
					.mapToLong(l -> Long.parseLong(l.message().replaceAll("^\\[platform\\] (\\d+) .*", "$1")))
					.sum();
				assertThat(named).isEqualTo((long) dropped);
				assertThat(lines.size() - notices.size() + named).as("every line is stored or counted").isEqualTo(500);
			}
			finally {
				shipper.destroy();
			}
		}
	}

	private static ObjectProvider<MeterRegistry> provider(MeterRegistry registry) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("meters", registry);
		return beans.getBeanProvider(MeterRegistry.class);
	}

	/** Waits until the log of deployment 7 stops growing (and holds at least {@code least} lines). */
	private static List<LogLine> awaitLines(LuceneLogStore store, int least) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		List<LogLine> last = List.of();
		while (System.nanoTime() < end) {
			Thread.sleep(500);
			store.refresh();
			List<LogLine> now = store.search(new LogQuery("noisy", "dev", "7", null, null, null, null, null,
					LogQuery.MAX_LIMIT, null)).lines();
			if (now.size() >= least && now.size() == last.size()) {
				return now;
			}
			last = now;
		}
		return last;
	}

}
