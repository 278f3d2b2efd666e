package io.platform.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;

import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;
import io.platform.support.web.UpstreamException;
import org.gitlab4j.api.GitLabApiException;
import org.junit.jupiter.api.Test;

class GitLabFailuresTest {

	private static final String URL = "https://gitlab.example.com";

	@Test
	void mapsGitLabStatusesToProblemsAPersonCanActOn() {
		assertThat(GitLabFailures.of(new GitLabApiException("401 Unauthorized", 401), URL, "x"))
			.isInstanceOf(UpstreamException.class)
			.hasMessageContaining("rejected the token (401)");
		assertThat(GitLabFailures.of(new GitLabApiException("insufficient_scope", 403), URL, "x"))
			.isInstanceOf(UpstreamException.class)
			.hasMessageContaining("lacks the api scope");
		assertThat(GitLabFailures.of(new GitLabApiException("404 Project Not Found", 404), URL, "project a/b"))
			.isInstanceOf(NotFoundException.class)
			.hasMessage("Project a/b was not found in GitLab at " + URL + " (or the token cannot see it).");
		assertThat(GitLabFailures.of(new GitLabApiException("Branch already exists", 400), URL, "x"))
			.isInstanceOf(ConflictException.class);
		assertThat(GitLabFailures.of(new GitLabApiException("400 Bad request - name is missing", 400), URL, "x"))
			.isInstanceOf(InvalidInputException.class)
			.hasMessage("GitLab refused x: name is missing.");
		assertThat(GitLabFailures.of(new GitLabApiException(new ConnectException("Connection refused")), URL, "x"))
			.isInstanceOf(UpstreamException.class)
			.hasMessage("Could not reach GitLab at " + URL + ": connection refused.");
	}

	@Test
	void namesServicesAfterTheProjectPath() {
		assertThat(GitLabImports.serviceName("orders-api")).isEqualTo("orders-api");
		assertThat(GitLabImports.serviceName("Search_Svc")).isEqualTo("search-svc");
		assertThat(GitLabImports.serviceName("2fa..gateway-")).isEqualTo("app-2fa-gateway");
		assertThat(GitLabImports.serviceName("x".repeat(80))).hasSize(63);
	}

	@Test
	void refusesBaseUrlsThatAreNotAnInstanceAddress() {
		assertThat(GitLabConnections.baseUrl(" https://gitlab.example.com/ ")).isEqualTo(URL);
		assertThat(GitLabConnections.baseUrl("http://10.0.0.5:8929/gitlab")).isEqualTo("http://10.0.0.5:8929/gitlab");
		for (String bad : new String[] { "gitlab.example.com", "ftp://gitlab.example.com",
				"https://user:glpat-x@gitlab.example.com", "https://gitlab.example.com/?a=b" }) {
			assertThatThrownBy(() -> GitLabConnections.baseUrl(bad)).isInstanceOf(InvalidInputException.class)
				.hasMessageNotContaining("glpat-x");
		}
	}

}
