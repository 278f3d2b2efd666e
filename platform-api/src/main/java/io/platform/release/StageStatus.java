package io.platform.release;

import java.util.Set;

/**
 * Where a release's stage is: PENDING until its first start; RUNNING while its items deploy; DEPLOYED when
 * they all run; PASSED once signed off; FAILED when an item failed. A stage may be started again once it has
 * ended (DEPLOYED, PASSED or FAILED).
 */
enum StageStatus {

	PENDING, RUNNING, DEPLOYED, PASSED, FAILED;

	boolean canMoveTo(StageStatus next) {
		return switch (this) {
			case PENDING, DEPLOYED, PASSED, FAILED -> next == RUNNING || (this == DEPLOYED && next == PASSED);
			case RUNNING -> Set.of(DEPLOYED, FAILED).contains(next);
		};
	}

}
