package io.platform.release.sql;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.FieldStrategy;
import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableField;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A row of the SQL ledger: one attempt of a script of a service in an environment. */
@TableName("sql_ledger")
class SqlLedgerEntry {

	@TableId(type = IdType.AUTO)
	private Long id;

	private String app;

	private String name;

	private String env;

	private String checksum;

	private SqlOutcome outcome;

	/** 1 while RUNNING and once RAN, null once FAILED (written even when null). */
	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	private Integer claimed;

	private Instant ranAt;

	private String ranBy;

	private Long releaseId;

	private String error;

	private Long durationMs;

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

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getEnv() {
		return env;
	}

	public void setEnv(String env) {
		this.env = env;
	}

	public String getChecksum() {
		return checksum;
	}

	public void setChecksum(String checksum) {
		this.checksum = checksum;
	}

	public SqlOutcome getOutcome() {
		return outcome;
	}

	public void setOutcome(SqlOutcome outcome) {
		this.outcome = outcome;
	}

	public Integer getClaimed() {
		return claimed;
	}

	public void setClaimed(Integer claimed) {
		this.claimed = claimed;
	}

	public Instant getRanAt() {
		return ranAt;
	}

	public void setRanAt(Instant ranAt) {
		this.ranAt = ranAt;
	}

	public String getRanBy() {
		return ranBy;
	}

	public void setRanBy(String ranBy) {
		this.ranBy = ranBy;
	}

	public Long getReleaseId() {
		return releaseId;
	}

	public void setReleaseId(Long releaseId) {
		this.releaseId = releaseId;
	}

	public String getError() {
		return error;
	}

	public void setError(String error) {
		this.error = error;
	}

	public Long getDurationMs() {
		return durationMs;
	}

	public void setDurationMs(Long durationMs) {
		this.durationMs = durationMs;
	}

}
