package io.platform.gitlab;

import java.util.List;

import io.platform.support.web.HttpUrls;
import org.gitlab4j.api.models.Project;

/**
 * A GitLab project offered for import; {@code service} names the service already imported from it.
 * {@code webUrl} is shown as a link: null unless GitLab gave an http(s) address.
 */
record GitLabProjectView(long id, String name, String pathWithNamespace, String httpUrlToRepo, String defaultBranch,
		String webUrl, String service) {

	static GitLabProjectView of(Project project, String service) {
		return new GitLabProjectView(project.getId(), project.getName(), project.getPathWithNamespace(),
				project.getHttpUrlToRepo(), project.getDefaultBranch(), HttpUrls.httpOrNull(project.getWebUrl()), service);
	}

	/** One page of projects; {@code total} and {@code totalPages} as GitLab counted them (null when it did not). */
	record Page(List<GitLabProjectView> items, int page, int perPage, Integer total, Integer totalPages) {
	}

}
