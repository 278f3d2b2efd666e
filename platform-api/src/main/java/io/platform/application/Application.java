package io.platform.application;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.FieldStrategy;
import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableField;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A service the platform builds and deploys: where its code lives and how to build, run and probe it. */
@TableName("application")
public class Application {

	@TableId(type = IdType.AUTO)
	private Long id;

	private String name;

	private String repoUrl;

	private String buildCommand;

	// Optional fields: an update that clears them must write the null (mybatis-plus skips nulls by default).
	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	private String artifact;

	private int port;

	private String healthPath;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	private String jvmOptions;

	@TableField(updateStrategy = FieldStrategy.ALWAYS)
	private String buildImage;

	private Instant createdAt;

	private Instant updatedAt;

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

	public String getRepoUrl() {
		return repoUrl;
	}

	public void setRepoUrl(String repoUrl) {
		this.repoUrl = repoUrl;
	}

	public String getBuildCommand() {
		return buildCommand;
	}

	public void setBuildCommand(String buildCommand) {
		this.buildCommand = buildCommand;
	}

	public String getArtifact() {
		return artifact;
	}

	public void setArtifact(String artifact) {
		this.artifact = artifact;
	}

	public int getPort() {
		return port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public String getHealthPath() {
		return healthPath;
	}

	public void setHealthPath(String healthPath) {
		this.healthPath = healthPath;
	}

	public String getJvmOptions() {
		return jvmOptions;
	}

	public void setJvmOptions(String jvmOptions) {
		this.jvmOptions = jvmOptions;
	}

	/** The image this service builds in on a Docker runtime; {@code null}: the platform's default. */
	public String getBuildImage() {
		return buildImage;
	}

	public void setBuildImage(String buildImage) {
		this.buildImage = buildImage;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public void setCreatedAt(Instant createdAt) {
		this.createdAt = createdAt;
	}

	public Instant getUpdatedAt() {
		return updatedAt;
	}

	public void setUpdatedAt(Instant updatedAt) {
		this.updatedAt = updatedAt;
	}

}
