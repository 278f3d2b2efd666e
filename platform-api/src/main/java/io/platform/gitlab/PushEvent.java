package io.platform.gitlab;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The fields of GitLab's push event payload the platform uses (the rest is ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
record PushEvent(@JsonProperty("object_kind") String objectKind, String ref, String before, String after,
		@JsonProperty("user_username") String userUsername, @JsonProperty("project_id") Long projectId,
		Project project) {

	static final String NO_COMMIT = "0000000000000000000000000000000000000000";

	static final String HEADS = "refs/heads/";

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Project(Long id, @JsonProperty("path_with_namespace") String pathWithNamespace) {
	}

	Long anyProjectId() {
		return projectId != null ? projectId : project == null ? null : project.id();
	}

	String path() {
		return project == null ? null : project.pathWithNamespace();
	}

}
