package io.platform.gitlab;

import static io.platform.support.web.Problems.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.ServerSocket;
import java.util.Map;

import io.platform.support.ApiTest;
import io.platform.support.crypto.SecretCipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The GitLab API path against a recorded-response GitLab: connections, projects, import, branches. */
@ApiTest
@TestPropertySource(properties = "platform.external-url=http://platform.example.com/")
class GitLabApiTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static FakeGitLab gitlab;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SecretCipher cipher;

	/** The recorded project other/inventory, which a test may change for a while. */
	static Map<String, Object> inventory;

	@BeforeAll
	static void startGitLab() throws Exception {
		gitlab = FakeGitLab.start();
		gitlab.addProject(11, "team/billing", "https://gitlab.example.com/team/billing.git");
		gitlab.addProject(12, "team/orders-api", "https://gitlab.example.com/team/orders-api.git");
		gitlab.addProject(13, "team/search_Svc", "https://gitlab.example.com/team/search_Svc.git");
		inventory = gitlab.addProject(14, "other/inventory", "https://gitlab.example.com/other/inventory.git");
		gitlab.addProject(15, "team/catalog", "https://gitlab.example.com/team/catalog.git");
		gitlab.addProject(16, "ops/billing-ops", "https://gitlab.example.com/ops/billing-ops.git");
		gitlab.addBranch(15, "main", "7b5c3cc8be40ee161ae89a06bba6229da1032a0c", true, true, false);
		for (int i = 0; i < 250; i++) {
			gitlab.addBranch(15, String.format("feature/f%03d", i), String.format("%040x", i + 1), false, false, i % 2 == 0);
		}
	}

	@AfterAll
	static void stopGitLab() {
		gitlab.close();
	}

	@Test
	void connectionKeepsTheTokenSealedAndNeverAnswersWithIt() throws Exception {
		String body = connect("sealed", FakeGitLab.TOKEN).andExpect(status().isCreated())
			.andExpect(header().string("Location", containsString("/api/gitlab/connections/")))
			.andExpect(jsonPath("$.username").value(FakeGitLab.USER))
			.andExpect(jsonPath("$.baseUrl").value(gitlab.baseUrl()))
			.andExpect(jsonPath("$.token").doesNotExist())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long id = JSON.readTree(body).get("id").asLong();

		String stored = jdbc.queryForObject("SELECT token_sealed FROM gitlab_connection WHERE id = ?", String.class, id);
		assertThat(stored).startsWith("v1:").doesNotContain(FakeGitLab.TOKEN);
		assertThat(cipher.decrypt(stored)).isEqualTo(FakeGitLab.TOKEN);
		assertThat(body).doesNotContain(FakeGitLab.TOKEN);
		assertThat(mvc.perform(get("/api/gitlab/connections")).andReturn().getResponse().getContentAsString())
			.contains("\"sealed\"")
			.doesNotContain(FakeGitLab.TOKEN);
		mvc.perform(post("/api/gitlab/connections/{id}/check", id))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value(FakeGitLab.USER));
	}

	@Test
	void connectingSaysWhatIsWrongWithTheHostOrToken() throws Exception {
		connect("bad-token", "glpat-wrong").andExpect(status().isBadGateway())
			.andExpect(problem(502))
			.andExpect(jsonPath("$.detail", containsString("rejected the token (401)")))
			.andExpect(jsonPath("$.detail", not(containsString("glpat-wrong"))));
		connect("no-scope", FakeGitLab.READ_ONLY_TOKEN).andExpect(status().isBadGateway())
			.andExpect(jsonPath("$.detail", containsString("lacks the api scope")));
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		connect("unreachable", FakeGitLab.TOKEN, "http://127.0.0.1:" + closedPort).andExpect(status().isBadGateway())
			.andExpect(jsonPath("$.detail", containsString("Could not reach GitLab at http://127.0.0.1:" + closedPort)))
			.andExpect(jsonPath("$.detail", containsString("connection refused")));
		connect("not-a-url", FakeGitLab.TOKEN, "gitlab.example.com").andExpect(problem(400))
			.andExpect(jsonPath("$.detail", containsString("http(s)://host")));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM gitlab_connection WHERE name IN ('bad-token', 'no-scope', 'unreachable')",
				Integer.class)).isZero();
	}

	@Test
	void listsProjectsPageByPageAndByGroup() throws Exception {
		long id = connection("projects");

		mvc.perform(get("/api/gitlab/connections/{id}/projects", id).param("page", "2").param("perPage", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items", hasSize(2)))
			.andExpect(jsonPath("$.items[0].pathWithNamespace").value("team/search_Svc"))
			.andExpect(jsonPath("$.items[0].httpUrlToRepo").value("https://gitlab.example.com/team/search_Svc.git"))
			.andExpect(jsonPath("$.page").value(2))
			.andExpect(jsonPath("$.perPage").value(2))
			.andExpect(jsonPath("$.total").value(6))
			.andExpect(jsonPath("$.totalPages").value(3));
		mvc.perform(get("/api/gitlab/connections/{id}/projects", id).param("search", "INVEN"))
			.andExpect(jsonPath("$.items[*].pathWithNamespace").value(contains("other/inventory")))
			.andExpect(jsonPath("$.total").value(1));
		mvc.perform(get("/api/gitlab/connections/{id}/projects", id).param("group", "other"))
			.andExpect(jsonPath("$.items", hasSize(1)));
		mvc.perform(get("/api/gitlab/connections/{id}/projects", id).param("perPage", "500")).andExpect(problem(400));
		mvc.perform(get("/api/gitlab/connections/{id}/projects", 999_999)).andExpect(problem(404));
	}

	@Test
	void aProjectWhoseWebAddressIsNotHttpIsListedWithoutALink() throws Exception {
		long id = connection("links");
		Object before = inventory.put("web_url", "javascript:alert(document.cookie)");
		try {
			mvc.perform(get("/api/gitlab/connections/{id}/projects", id).param("search", "INVEN"))
				.andExpect(jsonPath("$.items[0].pathWithNamespace").value("other/inventory"))
				.andExpect(jsonPath("$.items[0].webUrl").value(org.hamcrest.Matchers.nullValue()));
		}
		finally {
			inventory.put("web_url", before);
		}
		mvc.perform(get("/api/gitlab/connections/{id}/projects", id).param("search", "INVEN"))
			.andExpect(jsonPath("$.items[0].webUrl").value("https://gitlab.example.com/other/inventory"));
	}

	@Test
	void importRegistersServicesWithTheirCloneUrlAndPushWebhook() throws Exception {
		long id = connection("imports");

		mvc.perform(post("/api/gitlab/connections/{id}/imports", id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"projects\": [\"team/billing\", \"13\"]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].service").value("billing"))
			.andExpect(jsonPath("$[0].repoUrl").value("https://gitlab.example.com/team/billing.git"))
			.andExpect(jsonPath("$[0].defaultBranch").value("main"))
			.andExpect(jsonPath("$[0].hookRegistered").value(true))
			.andExpect(jsonPath("$[1].service").value("search-svc"))
			.andExpect(jsonPath("$[1].projectId").value(13));

		mvc.perform(get("/api/apps/billing"))
			.andExpect(jsonPath("$.repoUrl").value("https://gitlab.example.com/team/billing.git"));
		// The importer owns what they imported.
		mvc.perform(get("/api/apps/billing/members"))
			.andExpect(jsonPath("$[0].username").value("admin"))
			.andExpect(jsonPath("$[0].role").value("OWNER"));
		FakeGitLab.Call hook = gitlab.calls("POST", "/api/v4/projects/11/hooks").get(0);
		assertThat(hook.params()).containsEntry("url", "http://platform.example.com/api/hooks/gitlab")
			.containsEntry("push_events", "true");
		String secret = jdbc.queryForObject("SELECT hook_secret_sealed FROM gitlab_project WHERE app = 'billing'",
				String.class);
		assertThat(hook.params().get("token")).hasSizeGreaterThan(30).isEqualTo(cipher.decrypt(secret));
		assertThat(secret).doesNotContain(hook.params().get("token"));

		// The same project twice, an unknown project: refused before anything is registered.
		mvc.perform(post("/api/gitlab/connections/{id}/imports", id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"projects\": [\"team/orders-api\", \"team/billing\"]}")).andExpect(problem(409));
		mvc.perform(post("/api/gitlab/connections/{id}/imports", id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"projects\": [\"team/orders-api\", \"team/nope\"]}"))
			.andExpect(problem(404))
			.andExpect(jsonPath("$.detail", containsString("team/nope")));
		mvc.perform(get("/api/apps/orders-api")).andExpect(status().isNotFound());
		// A connection that services use cannot go.
		mvc.perform(delete("/api/gitlab/connections/{id}", id)).andExpect(problem(409));
	}

	@Test
	void importSucceedsAndSaysWhyWhenTheWebhookCannotBeRegistered() throws Exception {
		long id = connection("no-hooks");
		gitlab.hooksAllowed = false;
		try {
			mvc.perform(post("/api/gitlab/connections/{id}/imports", id).contentType(MediaType.APPLICATION_JSON)
				.content("{\"projects\": [\"other/inventory\"]}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[0].service").value("inventory"))
				.andExpect(jsonPath("$[0].hookRegistered").value(false))
				.andExpect(jsonPath("$[0].hookProblem", containsString("may not add webhooks to other/inventory (403")));
		}
		finally {
			gitlab.hooksAllowed = true;
		}
		mvc.perform(post("/api/gitlab/services/inventory/hook")).andExpect(jsonPath("$.hookRegistered").value(true));
	}

	@Test
	void branchesComeFromTheApiWholeOrPageByPage() throws Exception {
		importProject("branches", "team/catalog");

		mvc.perform(get("/api/apps/catalog/branches"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(251)))
			.andExpect(jsonPath("$[0].name").value("feature/f000"))
			.andExpect(jsonPath("$[250].name").value("main"))
			.andExpect(jsonPath("$[250].commit").value("7b5c3cc8be40ee161ae89a06bba6229da1032a0c"))
			.andExpect(jsonPath("$[250].message").value("Work on main"))
			.andExpect(jsonPath("$[250].author").value("John Smith"))
			.andExpect(jsonPath("$[250].committedAt").value("2026-11-20T08:15:30Z"))
			.andExpect(jsonPath("$[250].protected").value(true))
			.andExpect(jsonPath("$[250].default").value(true))
			.andExpect(jsonPath("$[250].merged").value(false));

		mvc.perform(get("/api/apps/catalog/branches").param("search", "f1").param("page", "2").param("perPage", "30"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Total", "100"))
			.andExpect(header().string("X-Total-Pages", "4"))
			.andExpect(header().string("X-Page", "2"))
			.andExpect(header().string("X-Per-Page", "30"))
			.andExpect(jsonPath("$", hasSize(30)))
			.andExpect(jsonPath("$[0].name").value("feature/f130"));
		assertThat(gitlab.calls("GET", "/api/v4/projects/15/repository/branches").stream()
			.anyMatch(c -> "f1".equals(c.params().get("search")) && "2".equals(c.params().get("page")))).isTrue();
		mvc.perform(get("/api/apps/catalog/branches").param("page", "0")).andExpect(problem(400));
	}

	@Test
	void createsBranchesThroughTheApiAndExplainsGitLabsRefusals() throws Exception {
		importProject("create", "team/orders-api");
		gitlab.addBranch(12, "main", "1111111111111111111111111111111111111111", true, true, false);

		createBranch("orders-api", "feature/new", "main").andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value("feature/new"))
			.andExpect(jsonPath("$.commit").value("1111111111111111111111111111111111111111"))
			.andExpect(jsonPath("$.protected").value(false));
		createBranch("orders-api", "feature/new", "main").andExpect(problem(409))
			.andExpect(jsonPath("$.detail", containsString("already exists")));
		createBranch("orders-api", "feature/other", "no-such-ref").andExpect(problem(400))
			.andExpect(jsonPath("$.errors[0].field").value("from"))
			.andExpect(jsonPath("$.detail", containsString("Invalid reference name: no-such-ref")));
		createBranch("orders-api", "release/9", "main").andExpect(problem(409))
			.andExpect(jsonPath("$.detail", containsString("You are not allowed to push into this branch")));
		createBranch("orders-api", "a..b", "main").andExpect(problem(400)).andExpect(jsonPath("$.errors[0].field").value("name"));
	}

	@Test
	void autoRedeployIsOnInDevAndOffElsewhereUntilChanged() throws Exception {
		importProject("auto", "ops/billing-ops");

		mvc.perform(get("/api/apps/billing-ops/auto-redeploy"))
			.andExpect(jsonPath("$.dev").value(true))
			.andExpect(jsonPath("$.test").value(false))
			.andExpect(jsonPath("$.prod").value(false));
		mvc.perform(put("/api/apps/billing-ops/auto-redeploy")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"test\": true, \"dev\": false}"))
			.andExpect(jsonPath("$.dev").value(false))
			.andExpect(jsonPath("$.test").value(true))
			.andExpect(jsonPath("$.pre").value(false));
		// An environment left out keeps its setting.
		mvc.perform(put("/api/apps/billing-ops/auto-redeploy")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"dev\": true}"))
			.andExpect(jsonPath("$.dev").value(true))
			.andExpect(jsonPath("$.test").value(true));
		mvc.perform(put("/api/apps/billing-ops/auto-redeploy")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"nowhere\": true}")).andExpect(problem(400));
	}

	// --- helpers

	private void importProject(String connection, String path) throws Exception {
		long id = connection(connection);
		mvc.perform(post("/api/gitlab/connections/{id}/imports", id).contentType(MediaType.APPLICATION_JSON)
			.content("{\"projects\": [\"" + path + "\"]}")).andExpect(status().isOk());
	}

	private long connection(String name) throws Exception {
		String body = connect(name, FakeGitLab.TOKEN).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode node = JSON.readTree(body);
		return node.get("id").asLong();
	}

	private ResultActions connect(String name, String token) throws Exception {
		return connect(name, token, gitlab.baseUrl() + "/");
	}

	private ResultActions connect(String name, String token, String baseUrl) throws Exception {
		return mvc.perform(post("/api/gitlab/connections").contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("name", name, "baseUrl", baseUrl, "token", token))));
	}

	private ResultActions createBranch(String app, String name, String from) throws Exception {
		return mvc.perform(post("/api/apps/{app}/branches", app).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(Map.of("name", name, "from", from))));
	}

}
