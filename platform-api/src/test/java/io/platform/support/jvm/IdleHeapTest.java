package io.platform.support.jvm;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Against this test's own JVM (HotSpot, G1 unless told otherwise), whose flags it restores. */
class IdleHeapTest {

	private final HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

	@Test
	void trimmingGivesGarbageBackAndLeavesTheFreeRatiosAsTheyWere() {
		String minFree = hotSpot.getVMOption("MinHeapFreeRatio").getValue();
		String maxFree = hotSpot.getVMOption("MaxHeapFreeRatio").getValue();
		makeGarbage();
		long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();

		new IdleHeap().trim();

		assertThat(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted()).isLessThan(before);
		assertThat(hotSpot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo(minFree);
		assertThat(hotSpot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo(maxFree);
	}

	@Test
	void g1CollectsPeriodicallyWhileIdle() {
		new IdleHeap().trim();

		if ("true".equals(hotSpot.getVMOption("UseG1GC").getValue())) {
			assertThat(hotSpot.getVMOption("G1PeriodicGCInterval").getValue())
				.isEqualTo(Long.toString(IdleHeap.PERIODIC_COLLECTION.toMillis()));
		}
	}

	/** About 200 MB allocated, kept until the heap has grown to hold part of it, then dropped. */
	private static void makeGarbage() {
		List<byte[]> held = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			held.add(new byte[1024 * 1024]);
			if (held.size() > 64) {
				held.remove(0);
			}
		}
		held.clear();
	}

}
