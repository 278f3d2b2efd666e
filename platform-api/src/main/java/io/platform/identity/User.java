package io.platform.identity;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.FieldStrategy;
import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableField;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A person who signs in: locally with a password, or through LDAP or OIDC. */
@TableName("platform_user")
public class User {

	/** Where a user's identity comes from. */
	public enum Source {

		LOCAL, LDAP, OIDC

	}

	@TableId(type = IdType.AUTO)
	private Long id;

	private String username;

	private String displayName;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	private String email;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	private String passwordHash;

	private Source source;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	private String externalId;

	@TableField("is_admin")
	private boolean admin;

	private boolean enabled;

	private Instant createdAt;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	private Instant lastSignInAt;

	public Long getId() {
		return id;
	}

	public void setId(Long id) {
		this.id = id;
	}

	public String getUsername() {
		return username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getDisplayName() {
		return displayName;
	}

	public void setDisplayName(String displayName) {
		this.displayName = displayName;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public String getPasswordHash() {
		return passwordHash;
	}

	public void setPasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	public Source getSource() {
		return source;
	}

	public void setSource(Source source) {
		this.source = source;
	}

	public String getExternalId() {
		return externalId;
	}

	public void setExternalId(String externalId) {
		this.externalId = externalId;
	}

	public boolean isAdmin() {
		return admin;
	}

	public void setAdmin(boolean admin) {
		this.admin = admin;
	}

	public boolean isEnabled() {
		return enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public void setCreatedAt(Instant createdAt) {
		this.createdAt = createdAt;
	}

	public Instant getLastSignInAt() {
		return lastSignInAt;
	}

	public void setLastSignInAt(Instant lastSignInAt) {
		this.lastSignInAt = lastSignInAt;
	}

}
