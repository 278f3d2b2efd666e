package io.platform.release;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/**
 * One environment of a release's path. Its status moves only through {@link #start}, {@link #deployed},
 * {@link #fail} and {@link #signOff}, which refuse what {@link StageStatus#canMoveTo} forbids.
 */
@TableName("release_stage")
class ReleaseStage {

	@TableId(type = IdType.AUTO)
	public Long id;

	public Long releaseId;

	public int seq;

	public String env;

	private StageStatus status = StageStatus.PENDING;

	public Instant startedAt;

	public Instant finishedAt;

	public String startedBy;

	public String error;

	/** JSON: [{app, id}] of the last start. */
	public String deployments;

	/** JSON: the apps the last start skipped. */
	public String skipped;

	/** JSON: per app, the heads ("branch commit" lines) last deployed successfully here. */
	public String deployedHeads;

	/** JSON: per app, the heads signed off here. */
	public String signedOffHeads;

	public String signedOffBy;

	public Instant signedOffAt;

	public String signOffComment;

	public boolean emergency;

	public String emergencyReason;

	public String emergencyBy;

	public StageStatus getStatus() {
		return status;
	}

	/** For the mapper only: loading a row. */
	void setStatus(StageStatus status) {
		this.status = status;
	}

	void start(String by, Instant at) {
		moveTo(StageStatus.RUNNING);
		startedBy = by;
		startedAt = at;
		finishedAt = null;
		error = null;
		emergency = false;
		emergencyReason = null;
		emergencyBy = null;
	}

	void deployed(Instant at) {
		moveTo(StageStatus.DEPLOYED);
		finishedAt = at;
	}

	void fail(String why, Instant at) {
		moveTo(StageStatus.FAILED);
		error = why;
		finishedAt = at;
	}

	void signOff(String by, String comment, String heads, Instant at) {
		moveTo(StageStatus.PASSED);
		signedOffBy = by;
		signOffComment = comment;
		signedOffHeads = heads;
		signedOffAt = at;
	}

	private void moveTo(StageStatus next) {
		if (!status.canMoveTo(next)) {
			throw new IllegalStateException("The " + env + " stage of release " + releaseId + " cannot move from "
					+ status + " to " + next + ".");
		}
		status = next;
	}

}
