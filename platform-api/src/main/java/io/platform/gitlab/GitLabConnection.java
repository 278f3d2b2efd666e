package io.platform.gitlab;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A GitLab instance the platform talks to, with its access token sealed by the SecretCipher. */
@TableName("gitlab_connection")
class GitLabConnection {

	@TableId(type = IdType.AUTO)
	private Long id;

	private String name;

	private String baseUrl;

	private String tokenSealed;

	private String username;

	private Instant createdAt;

	Long getId() {
		return id;
	}

	void setId(Long id) {
		this.id = id;
	}

	String getName() {
		return name;
	}

	void setName(String name) {
		this.name = name;
	}

	String getBaseUrl() {
		return baseUrl;
	}

	void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	String getTokenSealed() {
		return tokenSealed;
	}

	void setTokenSealed(String tokenSealed) {
		this.tokenSealed = tokenSealed;
	}

	String getUsername() {
		return username;
	}

	void setUsername(String username) {
		this.username = username;
	}

	Instant getCreatedAt() {
		return createdAt;
	}

	void setCreatedAt(Instant createdAt) {
		this.createdAt = createdAt;
	}

	@Override
	public String toString() {
		return "GitLabConnection[" + id + ", " + name + ", " + baseUrl + "]";
	}

}
