package io.platform.git;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GitUrlsTest {

	@Test
	void masksThePasswordAndNothingElse() {
		assertThat(GitUrls.mask("https://dev:p%40ss*word@git.example.com/team/app.git"))
			.isEqualTo("https://dev:******@git.example.com/team/app.git");
		assertThat(GitUrls.mask("https://dev@git.example.com/team/app.git"))
			.isEqualTo("https://dev@git.example.com/team/app.git");
		assertThat(GitUrls.mask("git@git.example.com:team/app.git")).isEqualTo("git@git.example.com:team/app.git");
		assertThat(GitUrls.mask("file:///srv/git/app.git")).isEqualTo("file:///srv/git/app.git");
	}

	@Test
	void remoteAccessKeepsThePasswordOutOfTheUrlJGitSees() {
		RemoteAccess access = RemoteAccess.of("http://dev:s3cret@127.0.0.1:8080/git/app.git");

		assertThat(access.url()).isEqualTo("http://dev@127.0.0.1:8080/git/app.git");
		assertThat(access.masked()).isEqualTo("http://dev:******@127.0.0.1:8080/git/app.git");
		assertThat(access.credentials()).isNotNull();
		assertThat(access.scrub("failed for s3cret")).isEqualTo("failed for ******");
		assertThat(access.toString()).doesNotContain("s3cret");
	}

}
