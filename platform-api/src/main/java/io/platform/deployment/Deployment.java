package io.platform.deployment;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableField;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;
import io.platform.git.BranchHead;

/**
 * One service into one environment from one or more branches. Its status only moves through
 * {@link #moveTo}, which refuses transitions the state machine does not allow.
 */
@TableName("deployment")
public class Deployment {

	@TableId(type = IdType.AUTO)
	private Long id;

	private String app;

	private String env;

	private DeploymentKind kind;

	private Long sourceId;

	/** Ticked branches, in merge order, one per line (branch names cannot contain a newline). */
	private String branches;

	/** {@code branch commit} per line, as resolved when the deployment was requested. */
	private String heads;

	@TableField("commit_id")
	private String commit;

	private Integer buildNumber;

	private String image;

	private DeploymentStatus status;

	private StepName step;

	private String workloadId;

	private String url;

	private String error;

	private String requestedBy;

	private Instant createdAt;

	private Instant startedAt;

	private Instant finishedAt;

	/** The release this deployment was made for; {@code null} for a direct deployment. */
	private Long releaseId;

	public Long getReleaseId() {
		return releaseId;
	}

	public void setReleaseId(Long releaseId) {
		this.releaseId = releaseId;
	}

	/** Moves to {@code next}, stamping start and finish times; refuses what the state machine forbids. */
	public void moveTo(DeploymentStatus next) {
		if (!status.canMoveTo(next)) {
			throw new IllegalStateException(
					"Deployment " + id + " cannot move from " + status + " to " + next);
		}
		status = next;
		Instant now = Instant.now();
		if (startedAt == null && next != DeploymentStatus.CANCELLED) {
			startedAt = now;
		}
		if (next == DeploymentStatus.RUNNING || next == DeploymentStatus.FAILED
				|| next == DeploymentStatus.CANCELLED) {
			finishedAt = now;
		}
	}

	public boolean isFinal() {
		return !status.isActive();
	}

	public List<String> branchList() {
		return branches == null || branches.isEmpty() ? List.of() : List.of(branches.split("\n"));
	}

	public void setBranchList(List<String> list) {
		this.branches = String.join("\n", list);
	}

	public List<BranchHead> headList() {
		if (heads == null || heads.isEmpty()) {
			return List.of();
		}
		return Arrays.stream(heads.split("\n")).map(line -> {
			int space = line.lastIndexOf(' ');
			return new BranchHead(line.substring(0, space), line.substring(space + 1));
		}).toList();
	}

	public void setHeadList(List<BranchHead> list) {
		this.heads = String.join("\n", list.stream().map(h -> h.branch() + " " + h.commit()).toList());
	}

	public Long getId() {
		return id;
	}

	public void setId(Long id) {
		this.id = id;
	}

	public String getApp() {
		return app;
	}

	public void setApp(String app) {
		this.app = app;
	}

	public String getEnv() {
		return env;
	}

	public void setEnv(String env) {
		this.env = env;
	}

	public DeploymentKind getKind() {
		return kind;
	}

	public void setKind(DeploymentKind kind) {
		this.kind = kind;
	}

	public Long getSourceId() {
		return sourceId;
	}

	public void setSourceId(Long sourceId) {
		this.sourceId = sourceId;
	}

	public String getBranches() {
		return branches;
	}

	public void setBranches(String branches) {
		this.branches = branches;
	}

	public String getHeads() {
		return heads;
	}

	public void setHeads(String heads) {
		this.heads = heads;
	}

	public String getCommit() {
		return commit;
	}

	public void setCommit(String commit) {
		this.commit = commit;
	}

	public Integer getBuildNumber() {
		return buildNumber;
	}

	public void setBuildNumber(Integer buildNumber) {
		this.buildNumber = buildNumber;
	}

	public String getImage() {
		return image;
	}

	public void setImage(String image) {
		this.image = image;
	}

	public DeploymentStatus getStatus() {
		return status;
	}

	public void setStatus(DeploymentStatus status) {
		this.status = status;
	}

	public StepName getStep() {
		return step;
	}

	public void setStep(StepName step) {
		this.step = step;
	}

	public String getWorkloadId() {
		return workloadId;
	}

	public void setWorkloadId(String workloadId) {
		this.workloadId = workloadId;
	}

	public String getUrl() {
		return url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getError() {
		return error;
	}

	public void setError(String error) {
		this.error = error;
	}

	public String getRequestedBy() {
		return requestedBy;
	}

	public void setRequestedBy(String requestedBy) {
		this.requestedBy = requestedBy;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public void setCreatedAt(Instant createdAt) {
		this.createdAt = createdAt;
	}

	public Instant getStartedAt() {
		return startedAt;
	}

	public void setStartedAt(Instant startedAt) {
		this.startedAt = startedAt;
	}

	public Instant getFinishedAt() {
		return finishedAt;
	}

	public void setFinishedAt(Instant finishedAt) {
		this.finishedAt = finishedAt;
	}

}
