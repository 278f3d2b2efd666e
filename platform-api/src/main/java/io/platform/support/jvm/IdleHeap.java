package io.platform.support.jvm;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hands the memory start-up used back to the operating system once the platform has settled. The JVM
 * sizes the heap for a quarter of the machine and start-up leaves about a hundred megabytes of garbage
 * in it, committed and resident, although the platform then lives in forty. The application cannot pass
 * heap options to its own JVM, but HotSpot lets it change a few flags at run time: one full collection,
 * with the free share the heap may keep lowered for its duration, uncommits what is not live; and G1's
 * periodic collection (JEP 346) keeps returning memory after bursts of work while the platform idles.
 * Flags set on the command line are left alone.
 */
@Component
class IdleHeap {

	private static final Logger log = LoggerFactory.getLogger(IdleHeap.class);

	/** Long enough for the work that follows readiness (recovery, log followers) to be done. */
	static final Duration SETTLE = Duration.ofSeconds(5);

	static final Duration PERIODIC_COLLECTION = Duration.ofMinutes(5);

	@EventListener(ApplicationReadyEvent.class)
	void trimOnceSettled() {
		Thread thread = new Thread(() -> {
			try {
				Thread.sleep(SETTLE.toMillis());
				trim();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "idle-heap");
		thread.setDaemon(true);
		thread.start();
	}

	void trim() {
		HotSpotDiagnosticMXBean hotSpot;
		try {
			hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		}
		catch (RuntimeException | LinkageError ex) {
			log.debug("Not a HotSpot JVM: the heap stays as it is", ex);
			return;
		}
		if (hotSpot == null) {
			return;
		}
		try {
			VMOption minFree = hotSpot.getVMOption("MinHeapFreeRatio");
			VMOption maxFree = hotSpot.getVMOption("MaxHeapFreeRatio");
			if (isDefault(minFree) && isDefault(maxFree)) {
				hotSpot.setVMOption("MinHeapFreeRatio", "10");
				hotSpot.setVMOption("MaxHeapFreeRatio", "30");
				try {
					System.gc();
				}
				finally {
					hotSpot.setVMOption("MaxHeapFreeRatio", maxFree.getValue());
					hotSpot.setVMOption("MinHeapFreeRatio", minFree.getValue());
				}
			}
			if ("true".equals(hotSpot.getVMOption("UseG1GC").getValue())) {
				VMOption periodic = hotSpot.getVMOption("G1PeriodicGCInterval");
				if (isDefault(periodic) && "0".equals(periodic.getValue())) {
					hotSpot.setVMOption("G1PeriodicGCInterval", Long.toString(PERIODIC_COLLECTION.toMillis()));
				}
			}
		}
		catch (RuntimeException ex) {
			// A JVM without these flags, or one that refuses them: it works as before, only larger.
			log.debug("Could not trim the heap", ex);
		}
	}

	/** Not set on the command line (nor in a flags file or JDK_JAVA_OPTIONS). */
	private static boolean isDefault(VMOption option) {
		return option.getOrigin() == VMOption.Origin.DEFAULT || option.getOrigin() == VMOption.Origin.ERGONOMIC
				|| option.getOrigin() == VMOption.Origin.MANAGEMENT;
	}

}
