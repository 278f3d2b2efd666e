package io.platform.release;

import java.util.List;

/**
 * Hook point: tells people what happened to a release (stage started, deployed, passed, failed; approval
 * requested, given, rejected; emergency). Implementations never let an exception out: a notice that could
 * not be sent never fails a release.
 */
interface ReleaseNotices {

	String STAGE_STARTED = "STAGE_STARTED";

	String STAGE_DEPLOYED = "STAGE_DEPLOYED";

	String STAGE_PASSED = "STAGE_PASSED";

	String STAGE_FAILED = "STAGE_FAILED";

	String APPROVAL_REQUESTED = "APPROVAL_REQUESTED";

	String APPROVAL_GIVEN = "APPROVAL_GIVEN";

	String APPROVAL_REJECTED = "APPROVAL_REJECTED";

	String EMERGENCY = "EMERGENCY";

	void publish(ReleaseNotice notice);

	/** Publishes through {@code notices}, keeping any exception of a faulty implementation away from the release. */
	static void quietly(ReleaseNotices notices, ReleaseNotice notice) {
		try {
			notices.publish(notice);
		}
		catch (RuntimeException ex) {
			org.slf4j.LoggerFactory.getLogger(ReleaseNotices.class).warn("Release notice {} of release {} failed",
					notice.event(), notice.releaseId(), ex);
		}
	}

	record ReleaseNotice(String event, long releaseId, String title, String env, List<String> apps, String actor,
			String detail) {
	}

}
