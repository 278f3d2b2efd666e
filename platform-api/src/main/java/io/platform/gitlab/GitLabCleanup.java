package io.platform.gitlab;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.application.ApplicationDeleting;
import io.platform.gitlab.GitLabMappers.ProjectMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Forgets a deleted service's GitLab project and auto-redeploy settings (the hook in GitLab stays, and is refused). */
@Component
class GitLabCleanup {

	private final ProjectMapper projects;

	private final AutoRedeploySettings autoRedeploy;

	GitLabCleanup(ProjectMapper projects, AutoRedeploySettings autoRedeploy) {
		this.projects = projects;
		this.autoRedeploy = autoRedeploy;
	}

	@EventListener
	void on(ApplicationDeleting event) {
		projects.delete(new LambdaQueryWrapper<GitLabProject>().eq(GitLabProject::getApp, event.name()));
		autoRedeploy.forget(event.name());
	}

}
