package io.platform.application;

import java.nio.file.Files;
import java.nio.file.Path;

import io.platform.support.SignedIn;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The branches API over HTTP, with the real JGit provider and a real repository behind a file:// URL. */
@SpringBootTest
@AutoConfigureMockMvc
@org.springframework.test.context.ContextConfiguration(initializers = SignedIn.MockMvcAsAdmin.class)
@ExtendWith(OutputCaptureExtension.class)
class BranchControllerIT {

	/** What a file outside the mirror holds; it must never show in an answer or in the log. */
	static final String SECRET_CONTENT = "file-content-that-must-stay-private-7f3a";

	@TempDir
	static Path tmp;

	static RevCommit initial;

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("platform.home", () -> tmp.resolve("home").toString());
	}

	@BeforeAll
	static void origin() throws Exception {
		try (Git git = Git.init().setDirectory(tmp.resolve("work").toFile()).setInitialBranch("main").call()) {
			Files.writeString(tmp.resolve("work/README.md"), "hello\n");
			git.add().addFilepattern("README.md").call();
			initial = git.commit().setMessage("Initial commit").setAuthor("Ada", "ada@example.com")
				.setCommitter("Ada", "ada@example.com").setSign(false).call();
			Git.cloneRepository().setBare(true).setURI(tmp.resolve("work").toUri().toString())
				.setDirectory(tmp.resolve("origin.git").toFile()).call().close();
		}
		Files.createDirectories(tmp.resolve("home"));
		Files.writeString(tmp.resolve("home/private.txt"), SECRET_CONTENT + "\n");
	}

	private void register(String name) throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + name + "\",\"repoUrl\":\"" + tmp.resolve("origin.git").toUri() + "\"}"))
			.andExpect(status().isCreated());
	}

	@Test
	void listsCreatesAndRefusesBranches() throws Exception {
		register("hello");

		mvc.perform(get("/api/apps/hello/branches"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value("main"))
			.andExpect(jsonPath("$[0].commit").value(initial.name()))
			.andExpect(jsonPath("$[0].message").value("Initial commit"))
			.andExpect(jsonPath("$[0].author").value("Ada"))
			.andExpect(jsonPath("$[0].committedAt").value(endsWith("Z")));

		mvc.perform(post("/api/apps/hello/branches").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"feature/login\",\"from\":\"main\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/apps/hello/branches/feature%2Flogin"))
			.andExpect(jsonPath("$.name").value("feature/login"))
			.andExpect(jsonPath("$.commit").value(initial.name()));

		mvc.perform(get("/api/apps/hello/branches"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(2))
			.andExpect(jsonPath("$[0].name").value("feature/login"));
		try (Repository origin = Git.open(tmp.resolve("origin.git").toFile()).getRepository()) {
			assertThat(origin.exactRef("refs/heads/feature/login").getObjectId()).isEqualTo(initial.getId());
		}

		mvc.perform(post("/api/apps/hello/branches").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"feature/login\",\"from\":\"main\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("'feature/login' already exists")));

		mvc.perform(post("/api/apps/hello/branches").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"my feature\",\"from\":\"main\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Branch name 'my feature' must not contain spaces."))
			.andExpect(jsonPath("$.errors[0].field").value("name"));

		mvc.perform(post("/api/apps/hello/branches").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"fix\",\"from\":\"nowhere\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("'nowhere' is not a branch, tag or commit")))
			.andExpect(jsonPath("$.errors[0].field").value("from"));

		mvc.perform(post("/api/apps/hello/branches").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"fix\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
	}

	@Test
	void anUnknownServiceIsNotFound() throws Exception {
		mvc.perform(get("/api/apps/ghost/branches"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("Service 'ghost' is not registered."));
		mvc.perform(post("/api/apps/ghost/branches").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"from\":\"main\"}"))
			.andExpect(status().isNotFound());
	}

	@Test
	void removingAServiceDropsItsMirror() throws Exception {
		register("short-lived");
		mvc.perform(get("/api/apps/short-lived/branches")).andExpect(status().isOk());
		assertThat(tmp.resolve("home/git/mirrors/short-lived.git")).isDirectory();

		mvc.perform(delete("/api/apps/short-lived")).andExpect(status().isNoContent());

		assertThat(tmp.resolve("home/git/mirrors/short-lived.git")).doesNotExist();
	}

	@Test
	void plainGitBranchesCanBeSearchedAndPagedWithCountsInTheHeaders() throws Exception {
		register("paged");
		for (String name : new String[] { "paged/a", "paged/b", "paged/c", "other/d" }) {
			mvc.perform(post("/api/apps/paged/branches").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + name + "\",\"from\":\"main\"}")).andExpect(status().isCreated());
		}

		mvc.perform(get("/api/apps/paged/branches").param("search", "PAGED/").param("page", "2").param("perPage", "2"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Total", "3"))
			.andExpect(header().string("X-Total-Pages", "2"))
			.andExpect(header().string("X-Page", "2"))
			.andExpect(header().string("X-Per-Page", "2"))
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].name").value("paged/c"))
			.andExpect(jsonPath("$[0].protected").doesNotExist());
		// Without paging parameters: every branch, as before, and no counts.
		mvc.perform(get("/api/apps/paged/branches")).andExpect(header().doesNotExist("X-Total"))
			.andExpect(jsonPath("$[?(@.name == 'other/d')]").exists());
		mvc.perform(get("/api/apps/paged/branches").param("perPage", "101")).andExpect(status().isBadRequest());
	}

	/**
	 * From a mirror's refs/heads, five levels up is platform.home: private.txt exists there, missing.txt does
	 * not. Both names must get the same 400 before any ref lookup, and the file must not be read into a log.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "../../../../../private.txt", "../../../../../missing.txt",
			"../../../../../../../../../../../../etc/os-release", "refs/heads/../../../../../../private.txt",
			"-delete", "main.lock", "a//b", "x@{1}", "HEAD" })
	void refsThatAreNotGitRefNamesAreRefusedEverywhereAlikeAndNothingIsRead(String ref, CapturedOutput output)
			throws Exception {
		if (mvc.perform(get("/api/apps/traversal")).andReturn().getResponse().getStatus() == 404) {
			register("traversal");
		}
		// The mirror exists, as it does after the branches were listed once.
		mvc.perform(get("/api/apps/traversal/branches")).andExpect(status().isOk());
		String json = ref.replace("\\", "\\\\").replace("\"", "\\\"");

		mvc.perform(post("/api/apps/traversal/deployments").contentType(MediaType.APPLICATION_JSON)
			.content("{\"env\":\"dev\",\"branches\":[\"main\",\"" + json + "\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("'" + ref + "' is not a valid Git")))
			.andExpect(jsonPath("$.errors[0].field").value("branches"));

		mvc.perform(post("/api/apps/traversal/branches").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"from-traversal\",\"from\":\"" + json + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("'" + ref + "' is not a valid Git")))
			.andExpect(jsonPath("$.errors[0].field").value("from"));

		mvc.perform(get("/api/apps/traversal/deployments")).andExpect(jsonPath("$.length()").value(0));
		assertThat(output.getAll()).doesNotContain(SECRET_CONTENT).doesNotContain("PRETTY_NAME")
			.doesNotContain("Unexpected error");
	}

}
