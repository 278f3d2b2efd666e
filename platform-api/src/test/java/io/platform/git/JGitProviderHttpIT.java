package io.platform.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.platform.support.web.ConflictException;
import io.platform.support.web.UpstreamException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plain Git provider over smart HTTP, served by JGit's GitServlet in Tomcat, open and behind Basic auth. */
class JGitProviderHttpIT {

	@TempDir
	Path tmp;

	OriginRepository origin;

	JGitProvider git;

	@BeforeEach
	void setUp() throws Exception {
		origin = OriginRepository.create(tmp.resolve("repos/origin.git"));
		origin.commit("main", "Initial commit", Map.of("README.md", "hello\n"));
		git = new JGitProvider(tmp.resolve("home"), 10, tmp.resolve("ssh"));
	}

	@AfterEach
	void tearDown() {
		origin.close();
		git.destroy();
	}

	@Test
	void listsAndCreatesBranchesOnAnOpenServer() throws Exception {
		RevCommit feature = origin.commit("feature/a", "Feature A", Map.of("a.txt", "a\n"));
		try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), tmp.resolve("tomcat"), null, null)) {
			GitRemote remote = new GitRemote("hello", server.url("origin.git", null));

			assertThat(git.branches(remote)).extracting(Branch::name).containsExactly("feature/a", "main");
			Branch created = git.createBranch(remote, "release/1", "feature/a");

			assertThat(created.commit()).isEqualTo(feature.name());
			assertThat(origin.head("release/1")).isEqualTo(feature.getId());
			assertThat(git.branches(remote)).extracting(Branch::name).containsExactly("feature/a", "main", "release/1");
		}
	}

	@Test
	void worksWithTheRightCredentialsAndSaysNotAuthorizedWithAWrongPassword() throws Exception {
		try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), tmp.resolve("tomcat"), "dev", "s3cr3t-pw")) {
			GitRemote remote = new GitRemote("hello", server.url("origin.git", "dev:s3cr3t-pw"));

			assertThat(git.branches(remote)).extracting(Branch::name).containsExactly("main");
			assertThat(git.createBranch(remote, "feature/x", "main").name()).isEqualTo("feature/x");
			assertThat(origin.head("feature/x")).isNotNull();
			assertThat(git.resolve(remote, List.of("feature/x"))).hasSize(1);

			GitRemote wrong = new GitRemote("wrong", server.url("origin.git", "dev:not-the-password"));
			// Before any mirror exists, resolving asks the server for its refs with the same credentials.
			assertThat(git.resolve(new GitRemote("fresh", server.url("origin.git", "dev:s3cr3t-pw")), List.of("main")))
				.hasSize(1);
			assertThatThrownBy(() -> git.resolve(wrong, List.of("main"))).isInstanceOf(UpstreamException.class)
				.hasMessageContaining("not authorized")
				.hasMessageNotContaining("not-the-password");
			assertThatThrownBy(() -> git.branches(wrong)).isInstanceOf(UpstreamException.class)
				.hasMessageContaining("not authorized")
				.hasMessageContaining("http://dev:******@127.0.0.1:")
				.hasMessageNotContaining("not-the-password");

			GitRemote anonymous = new GitRemote("anonymous", server.url("origin.git", null));
			assertThatThrownBy(() -> git.branches(anonymous)).isInstanceOf(UpstreamException.class)
				.hasMessageContaining("not authorized");
		}
		// The mirror keeps the URL without the credentials.
		assertThat(tmp.resolve("home/git/mirrors/hello.git/config")).content()
			.contains("url = http://127.0.0.1:")
			.doesNotContain("s3cr3t-pw")
			.doesNotContain("dev@");
	}

	@Test
	void aTokenGivenAsTheUserReachesTheServerAsACredentialAndNeverTheMirrorsConfig() throws Exception {
		String token = "glpat-Xy12abCD34efGH56";
		try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), tmp.resolve("tomcat"), token, "")) {
			GitRemote remote = new GitRemote("tokened", server.url("origin.git", token));

			assertThat(git.branches(remote)).extracting(Branch::name).containsExactly("main");
			assertThat(git.createBranch(remote, "feature/t", "main").name()).isEqualTo("feature/t");
			assertThat(origin.head("feature/t")).isNotNull();

			GitRemote wrong = new GitRemote("wrong-token", server.url("origin.git", "glpat-NotTheRightOne99"));
			assertThatThrownBy(() -> git.branches(wrong)).isInstanceOf(UpstreamException.class)
				.hasMessageContaining("not authorized")
				.hasMessageContaining("http://******@127.0.0.1:")
				.hasMessageNotContaining("glpat");
		}
		assertThat(tmp.resolve("home/git/mirrors/tokened.git/config")).content()
			.contains("url = http://127.0.0.1:")
			.doesNotContain(token);
	}

	@Test
	void aPasswordHoldingAnAtSignWorksAndStaysOutOfTheMirrorsConfigAndTheErrors() throws Exception {
		try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), tmp.resolve("tomcat"), "dev", "p@ss-w0rd")) {
			GitRemote remote = new GitRemote("at-sign", server.url("origin.git", "dev:p@ss-w0rd"));

			assertThat(git.branches(remote)).extracting(Branch::name).containsExactly("main");

			GitRemote wrong = new GitRemote("at-sign-wrong", server.url("origin.git", "dev:p@ss-wr0ng"));
			assertThatThrownBy(() -> git.branches(wrong)).isInstanceOf(UpstreamException.class)
				.hasMessageContaining("http://dev:******@127.0.0.1:")
				.hasMessageNotContaining("p@ss")
				.hasMessageNotContaining("ss-wr0ng");
		}
		assertThat(tmp.resolve("home/git/mirrors/at-sign.git/config")).content()
			.contains("url = http://127.0.0.1:")
			.doesNotContain("p@ss")
			.doesNotContain("ss-w0rd");
	}

	@Test
	void aPushTheServerRefusesIsAConflictCarryingItsReason() throws Exception {
		try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), tmp.resolve("tomcat"), "dev", "pw")) {
			GitRemote remote = new GitRemote("hello", server.url("origin.git", "dev:pw"));

			assertThatThrownBy(() -> git.createBranch(remote, "protected/release", "main"))
				.isInstanceOf(ConflictException.class)
				.hasMessageContaining("refused to create branch 'protected/release'")
				.hasMessageContaining(GitHttpServer.PROTECTED_REASON);
			assertThat(origin.head("protected/release")).isNull();
			assertThat(git.branches(remote)).extracting(Branch::name).containsExactly("main");
		}
	}

	@Test
	void anUnknownRepositoryIsReportedAsNotFound() throws Exception {
		try (GitHttpServer server = GitHttpServer.start(tmp.resolve("repos"), tmp.resolve("tomcat"), null, null)) {
			assertThatThrownBy(() -> git.branches(new GitRemote("nope", server.url("nope.git", null))))
				.isInstanceOf(UpstreamException.class)
				.hasMessageContaining("repository not found");
		}
	}

}
