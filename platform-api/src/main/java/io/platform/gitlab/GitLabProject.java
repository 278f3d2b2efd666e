package io.platform.gitlab;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** The GitLab project a service was imported from; its webhook secret is sealed by the SecretCipher. */
@TableName("gitlab_project")
class GitLabProject {

	@TableId(type = IdType.AUTO)
	private Long id;

	private String app;

	private Long connectionId;

	private Long projectId;

	private String pathWithNamespace;

	private String defaultBranch;

	private String hookSecretSealed;

	private Long hookId;

	private Instant createdAt;

	Long getId() {
		return id;
	}

	void setId(Long id) {
		this.id = id;
	}

	String getApp() {
		return app;
	}

	void setApp(String app) {
		this.app = app;
	}

	Long getConnectionId() {
		return connectionId;
	}

	void setConnectionId(Long connectionId) {
		this.connectionId = connectionId;
	}

	Long getProjectId() {
		return projectId;
	}

	void setProjectId(Long projectId) {
		this.projectId = projectId;
	}

	String getPathWithNamespace() {
		return pathWithNamespace;
	}

	void setPathWithNamespace(String pathWithNamespace) {
		this.pathWithNamespace = pathWithNamespace;
	}

	String getDefaultBranch() {
		return defaultBranch;
	}

	void setDefaultBranch(String defaultBranch) {
		this.defaultBranch = defaultBranch;
	}

	String getHookSecretSealed() {
		return hookSecretSealed;
	}

	void setHookSecretSealed(String hookSecretSealed) {
		this.hookSecretSealed = hookSecretSealed;
	}

	Long getHookId() {
		return hookId;
	}

	void setHookId(Long hookId) {
		this.hookId = hookId;
	}

	Instant getCreatedAt() {
		return createdAt;
	}

	void setCreatedAt(Instant createdAt) {
		this.createdAt = createdAt;
	}

}
