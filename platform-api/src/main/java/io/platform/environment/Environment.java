package io.platform.environment;

import java.time.LocalDateTime;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** An isolated environment (dev, test, pre, prod, ...): its own servers, domain and middleware. */
@TableName("environment")
public class Environment {

	@TableId(type = IdType.AUTO)
	private Long id;

	private String name;

	private int sortOrder;

	private String domain;

	private boolean isProtected;

	private LocalDateTime createdAt;

	/** {@code null}: the platform's runtime; {@code process}; or a Docker engine URL. */
	private String runtime;

	private Integer memoryLimitMb;

	private Double cpuLimit;

	/** Approvals a release stage needs here; {@code null}: 1 when protected, none otherwise. */
	private Integer requiredApprovals;

	public Integer getRequiredApprovals() {
		return requiredApprovals;
	}

	public void setRequiredApprovals(Integer requiredApprovals) {
		this.requiredApprovals = requiredApprovals;
	}

	/** The approvals a release stage needs in this environment, the default applied. */
	public int requiredApprovalsOrDefault() {
		return requiredApprovals != null ? requiredApprovals : (isProtected ? 1 : 0);
	}

	public String getRuntime() {
		return runtime;
	}

	public void setRuntime(String runtime) {
		this.runtime = runtime;
	}

	public Integer getMemoryLimitMb() {
		return memoryLimitMb;
	}

	public void setMemoryLimitMb(Integer memoryLimitMb) {
		this.memoryLimitMb = memoryLimitMb;
	}

	public Double getCpuLimit() {
		return cpuLimit;
	}

	public void setCpuLimit(Double cpuLimit) {
		this.cpuLimit = cpuLimit;
	}

	public Long getId() {
		return id;
	}

	public void setId(Long id) {
		this.id = id;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public int getSortOrder() {
		return sortOrder;
	}

	public void setSortOrder(int sortOrder) {
		this.sortOrder = sortOrder;
	}

	public String getDomain() {
		return domain;
	}

	public void setDomain(String domain) {
		this.domain = domain;
	}

	public boolean getIsProtected() {
		return isProtected;
	}

	public void setIsProtected(boolean isProtected) {
		this.isProtected = isProtected;
	}

	public LocalDateTime getCreatedAt() {
		return createdAt;
	}

	public void setCreatedAt(LocalDateTime createdAt) {
		this.createdAt = createdAt;
	}

}
