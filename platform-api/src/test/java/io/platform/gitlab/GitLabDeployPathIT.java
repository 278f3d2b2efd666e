package io.platform.gitlab;

import static io.platform.support.web.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentKind;
import io.platform.deployment.DeploymentService;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.git.BranchHead;
import io.platform.git.GitHttpServer;
import io.platform.git.GitProvider;
import io.platform.git.GitRemote;
import io.platform.git.Integration;
import io.platform.git.OriginRepository;
import io.platform.support.ApiTest;
import io.platform.support.crypto.SecretCipher;
import io.platform.support.web.UpstreamException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The deploy path of a GitLab service: clone and fetch over HTTP with the token as password, served by
 * JGit's GitServlet behind Basic authentication, and the push webhook that redeploys.
 */
@ApiTest
@TestPropertySource(properties = "platform.external-url=http://platform.example.com/")
class GitLabDeployPathIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path tmp;

	static OriginRepository origin;

	static GitHttpServer server;

	static FakeGitLab gitlab;

	@Autowired
	MockMvc mvc;

	@Autowired
	GitProvider git;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SecretCipher cipher;

	@Autowired
	DeploymentStore store;

	@Autowired
	DeploymentService deployments;

	@Value("${platform.home}")
	Path home;

	@BeforeAll
	static void start() throws Exception {
		origin = OriginRepository.create(tmp.resolve("repos/shop.git"));
		origin.commit("main", "Initial commit", Map.of("README.md", "shop\n"));
		origin.commit("feature/x", "Feature X", Map.of("x.txt", "x\n"));
		origin.commit("feature/y", "Feature Y", Map.of("y.txt", "y\n"));
		OriginRepository.create(tmp.resolve("repos/cart.git")).commit("main", "Cart", Map.of("cart.txt", "c\n"));
		server = GitHttpServer.start(tmp.resolve("repos"), tmp.resolve("tomcat"), "oauth2", FakeGitLab.TOKEN);
		gitlab = FakeGitLab.start();
		gitlab.serveGit(server.url("", null).replace("/git/", ""));
		gitlab.addProject(21, "team/shop", gitlab.repositoryUrl("shop.git"));
		gitlab.addProject(22, "team/cart", gitlab.repositoryUrl("cart.git"));
		gitlab.addProject(23, "team/elsewhere", gitlab.repositoryUrl("shop.git"));
	}

	@AfterAll
	static void stop() throws Exception {
		gitlab.close();
		server.close();
		origin.close();
	}

	@Test
	void clonesAndFetchesWithTheTokenAndKeepsItOutOfTheMirror() throws Exception {
		importProject("clone", "team/shop");
		GitRemote remote = new GitRemote("shop", gitlab.repositoryUrl("shop.git"));

		List<BranchHead> heads = git.resolve(remote, List.of("main", "feature/x", "feature/y"));
		assertThat(heads.get(0).commit()).isEqualTo(origin.head("main").name());
		Integration integration = git.integrate(remote, heads, tmp.resolve("work/shop"), line -> {
		});
		assertThat(integration.workTree().resolve("x.txt")).exists();
		assertThat(integration.workTree().resolve("y.txt")).exists();

		RevCommit pushed = origin.commit("main", "Pushed later", Map.of("later.txt", "later\n"));
		assertThat(git.resolve(remote, List.of("main")).get(0).commit()).isEqualTo(pushed.name());

		String config = Files.readString(home.resolve("git/mirrors/shop.git/config"));
		// No credential of any kind in the mirror: the token (and its user) go through a CredentialsProvider.
		assertThat(config).contains("url = http://127.0.0.1:").doesNotContain("oauth2@").doesNotContain(FakeGitLab.TOKEN);
	}

	@Test
	void theTokenGoesOnlyToTheConnectionsHost() throws Exception {
		importProject("elsewhere", "team/elsewhere");
		GitRemote remote = new GitRemote("elsewhere", gitlab.repositoryUrl("shop.git"));
		assertThat(git.resolve(remote, List.of("main"))).hasSize(1);

		// The same server under another name: a repository URL moved off GitLab's host gets no token.
		GitRemote moved = new GitRemote("elsewhere", gitlab.repositoryUrl("shop.git").replace("127.0.0.1", "localhost"));
		assertThatThrownBy(() -> git.resolve(moved, List.of("main"))).isInstanceOf(UpstreamException.class)
			.hasMessageContaining("not authorized");
		// The same host on another port is not the connection's base URL either.
		GitRemote otherPort = new GitRemote("elsewhere", server.url("shop.git", null));
		assertThatThrownBy(() -> git.resolve(otherPort, List.of("main"))).isInstanceOf(UpstreamException.class)
			.hasMessageContaining("not authorized");
	}

	@Test
	void pushWebhookRedeploysWhereAutoRedeployIsOnAndOnlyWithTheRightToken() throws Exception {
		importProject("hooks", "team/cart");
		String secret = cipher.decrypt(jdbc.queryForObject(
				"SELECT hook_secret_sealed FROM gitlab_project WHERE app = 'cart'", String.class));
		Deployment dev = running("cart", "dev", List.of("main"));
		Deployment test = running("cart", "test", List.of("main"));
		int before = store.history("cart", null, 100).size();

		push(null, 22, "refs/heads/main", "feature1").andExpect(problem(401));
		push("not-the-secret", 22, "refs/heads/main", "feature1").andExpect(problem(401))
			.andExpect(jsonPath("$.detail", containsString("X-Gitlab-Token")));
		push(secret, 21, "refs/heads/main", "feature1").andExpect(problem(401));
		assertThat(store.history("cart", null, 100)).hasSize(before);

		push(secret, 22, "refs/tags/v1.0", "feature1").andExpect(status().isOk())
			.andExpect(jsonPath("$.ignored", containsString("not a branch push")));
		push(secret, 22, "refs/heads/main", "0000000000000000000000000000000000000000").andExpect(status().isOk())
			.andExpect(jsonPath("$.ignored", containsString("deleted")));
		push(secret, 22, "refs/heads/other", "feature1").andExpect(status().isOk())
			.andExpect(jsonPath("$.started", hasSize(0)));
		assertThat(store.history("cart", null, 100)).hasSize(before);

		String body = push(secret, 22, "refs/heads/main", "feature1").andExpect(status().isOk())
			.andExpect(jsonPath("$.service").value("cart"))
			.andExpect(jsonPath("$.branch").value("main"))
			.andExpect(jsonPath("$.started", hasSize(1)))
			.andExpect(jsonPath("$.started[0].env").value("dev"))
			.andExpect(jsonPath("$.started[0].source").value(dev.getId()))
			.andExpect(jsonPath("$.skipped[0].env").value("test"))
			.andExpect(jsonPath("$.skipped[0].reason").value("auto-redeploy is off"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		long started = JSON.readTree(body).get("started").get(0).get("deployment").asLong();
		Deployment redeploy = store.get(started);
		assertThat(redeploy.getKind()).isEqualTo(DeploymentKind.REDEPLOY);
		assertThat(redeploy.getSourceId()).isEqualTo(dev.getId());
		assertThat(redeploy.getRequestedBy()).isEqualTo("gitlab push by jsmith");
		assertThat(redeploy.branchList()).containsExactly("main");
		assertThat(test.getId()).isNotNull();
		stop(started);
	}

	// --- helpers

	private void stop(long id) throws InterruptedException {
		if (!store.get(id).isFinal()) {
			try {
				deployments.cancel(id);
			}
			catch (RuntimeException ex) {
				// It ended meanwhile.
			}
		}
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (!deployments.isOver(store.get(id)) && Instant.now().isBefore(deadline)) {
			Thread.sleep(200);
		}
	}

	private Deployment running(String app, String env, List<String> branches) {
		Deployment deployment = new Deployment();
		deployment.setApp(app);
		deployment.setEnv(env);
		deployment.setKind(DeploymentKind.DEPLOY);
		deployment.setBranchList(branches);
		deployment.setStatus(DeploymentStatus.RUNNING);
		deployment.setRequestedBy("test");
		store.insert(deployment, List.of());
		return deployment;
	}

	private ResultActions push(String token, long projectId, String ref, String after) throws Exception {
		String payload;
		try (InputStream in = getClass().getResourceAsStream("push-event.json")) {
			payload = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		payload = payload.replace("\"project_id\": 15", "\"project_id\": " + projectId)
			.replace("\"id\": 15", "\"id\": " + projectId)
			.replace("refs/heads/master", ref)
			.replace("\"after\": \"da1560886d4f094c3e6c9ef40349f7d38b5d27d7\"",
					"\"after\": \"" + (after.startsWith("0000") ? after : "da1560886d4f094c3e6c9ef40349f7d38b5d27d7") + "\"");
		var request = post("/api/hooks/gitlab").contentType(MediaType.APPLICATION_JSON)
			.header("X-Gitlab-Event", "Push Hook")
			.content(payload);
		if (token != null) {
			request.header("X-Gitlab-Token", token);
		}
		return mvc.perform(request);
	}

	private void importProject(String connection, String path) throws Exception {
		String body = mvc.perform(post("/api/gitlab/connections").contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("name", connection, "baseUrl", gitlab.baseUrl(), "token", FakeGitLab.TOKEN))))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long id = JSON.readTree(body).get("id").asLong();
		mvc.perform(post("/api/gitlab/connections/{id}/imports", id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"projects\": [\"" + path + "\"]}")).andExpect(status().isOk());
	}

}
