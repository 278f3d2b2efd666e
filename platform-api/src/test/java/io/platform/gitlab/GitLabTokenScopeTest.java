package io.platform.gitlab;

import java.net.URI;

import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection's token goes with a repository URL only when it points at the connection's own GitLab. */
class GitLabTokenScopeTest {

	private static boolean sent(String repository, String base) throws Exception {
		return GitLabProvider.underBaseUrl(new URIish(repository), URI.create(base));
	}

	@Test
	void theTokenGoesOnlyToTheExactBaseUrlOverHttps() throws Exception {
		assertThat(sent("https://gitlab.example.com/group/app.git", "https://gitlab.example.com")).isTrue();
		assertThat(sent("https://GitLab.Example.com:443/group/app.git", "https://gitlab.example.com")).isTrue();
		assertThat(sent("https://host.example/gitlab/group/app.git", "https://host.example/gitlab")).isTrue();

		assertThat(sent("http://gitlab.example.com/group/app.git", "https://gitlab.example.com")).isFalse();
		assertThat(sent("https://gitlab.example.com:8443/group/app.git", "https://gitlab.example.com")).isFalse();
		assertThat(sent("https://gitlab.example.com.elsewhere.example/app.git", "https://gitlab.example.com")).isFalse();
		assertThat(sent("https://host.example/other/app.git", "https://host.example/gitlab")).isFalse();
		assertThat(sent("https://host.example/gitlabx/app.git", "https://host.example/gitlab")).isFalse();
		assertThat(sent("ssh://git@gitlab.example.com/group/app.git", "https://gitlab.example.com")).isFalse();
	}

	@Test
	void plainHttpCarriesTheTokenOnlyOnThisMachine() throws Exception {
		assertThat(sent("http://127.0.0.1:8929/group/app.git", "http://127.0.0.1:8929")).isTrue();
		assertThat(sent("http://gitlab.example.com/group/app.git", "http://gitlab.example.com")).isFalse();
	}

}
