package io.platform.gitlab;

/**
 * A service registered from a GitLab project. {@code hookRegistered} says whether GitLab now sends pushes
 * to the platform; when not, {@code hookProblem} says why (the service is registered all the same).
 */
record ImportedService(String service, String repoUrl, long projectId, String pathWithNamespace,
		String defaultBranch, boolean hookRegistered, String hookProblem) {
}
