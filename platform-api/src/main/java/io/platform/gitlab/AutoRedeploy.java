package io.platform.gitlab;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** Whether a push to a branch deployed in {@code env} redeploys the service there. */
@TableName("auto_redeploy")
class AutoRedeploy {

	@TableId(type = IdType.AUTO)
	private Long id;

	private String app;

	private String env;

	private boolean enabled;

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

	String getEnv() {
		return env;
	}

	void setEnv(String env) {
		this.env = env;
	}

	boolean isEnabled() {
		return enabled;
	}

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
