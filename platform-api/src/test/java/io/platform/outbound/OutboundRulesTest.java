package io.platform.outbound;

import io.platform.support.FreshPlatformHome;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admins' allowlists of where the platform may connect on a user's say-so, over the API: each refusal
 * is a 400 naming the setting to change, and nothing is saved or contacted. (Refused hosts end in
 * {@code .invalid}: no request could reach anything even if a check failed.)
 */
@SpringBootTest(properties = { "platform.runtime=process", "platform.git.allow-file-urls=false",
		"platform.outbound.git.hosts=git.example.com,*.corp.example",
		"platform.outbound.gitlab.hosts=gitlab.example.com", "platform.outbound.oap.hosts=*.oap.example",
		"platform.outbound.docker.plain-tcp-hosts=docker.trusted.invalid" })
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FreshPlatformHome.class)
class OutboundRulesTest {

	@Autowired
	MockMvc mvc;

	@Test
	void repositoriesOnThePlatformsOwnDiskNeedTheAdminsSetting() throws Exception {
		createApp("local-disk", "file:///srv/git/secret.git").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("platform.git.allow-file-urls=true")));
		mvc.perform(get("/api/apps/local-disk")).andExpect(status().isNotFound());
	}

	@Test
	void gitRemotesMustBeOnAnAllowedHostWithAnAllowedScheme() throws Exception {
		createApp("elsewhere", "https://git.elsewhere.invalid/a.git").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("repoUrl"))
			.andExpect(jsonPath("$.detail").value(containsString("platform.outbound.git.hosts")));
		createApp("plain-http", "http://git.example.com/a.git").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("platform.outbound.git.schemes")));
		mvc.perform(get("/api/apps/elsewhere")).andExpect(status().isNotFound());

		createApp("allowed-https", "https://git.example.com/a.git").andExpect(status().isCreated());
		createApp("allowed-ssh", "git@build.corp.example:team/a.git").andExpect(status().isCreated());
		// Plain HTTP to this machine (a local Git server) is not refused for its scheme, only for its host here.
		createApp("loopback-http", "http://127.0.0.1:9/a.git").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("Git host '127.0.0.1' is not allowed")));
	}

	@Test
	void aGitLabTokenIsOnlySentOverHttpsToAnAllowedHost() throws Exception {
		connectGitLab("plain", "http://gitlab.example.com").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("must use https://")));
		connectGitLab("other", "https://gitlab.elsewhere.invalid").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("platform.outbound.gitlab.hosts")));
		mvc.perform(get("/api/gitlab/connections")).andExpect(jsonPath("$.length()").value(0));
	}

	@Test
	void aRemoteDockerEngineOverPlainTcpNeedsTheAdminsSetting() throws Exception {
		createEnvironment("remote-docker", "tcp://docker.remote.invalid:2375").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("runtime"))
			.andExpect(jsonPath("$.detail").value(containsString("platform.outbound.docker.plain-tcp-hosts")));
		mvc.perform(get("/api/environments/remote-docker")).andExpect(status().isNotFound());
		// Listed: past the rule, on to whether an engine answers there (none does).
		createEnvironment("trusted-docker", "tcp://docker.trusted.invalid:2375").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("No Docker engine answers")));
	}

	@Test
	void theOapAnEnvironmentNamesMustBeOnAnAllowedHost() throws Exception {
		bind("SKYWALKING_OAP_URL", "http://oap.elsewhere.invalid:12800").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("platform.outbound.oap.hosts")));
		bind("SKYWALKING_OAP_URL", "ftp://pre.oap.example").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("platform.outbound.oap.schemes")));
		bind("SW_AGENT_COLLECTOR_BACKEND_SERVICES", "oap.elsewhere.invalid:11800").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("platform.outbound.oap.hosts")));
		mvc.perform(get("/api/environments/dev/bindings")).andExpect(jsonPath("$.length()").value(0));

		bind("SW_AGENT_COLLECTOR_BACKEND_SERVICES", "pre.oap.example:11800").andExpect(status().isOk());
		bind("SKYWALKING_OAP_URL", "https://pre.oap.example").andExpect(status().isOk());
	}

	private ResultActions createApp(String name, String repoUrl) throws Exception {
		return mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + name + "\",\"repoUrl\":\"" + repoUrl + "\"}"));
	}

	private ResultActions connectGitLab(String name, String baseUrl) throws Exception {
		return mvc.perform(post("/api/gitlab/connections").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + name + "\",\"baseUrl\":\"" + baseUrl + "\",\"token\":\"glpat-secret\"}"));
	}

	private ResultActions createEnvironment(String name, String runtime) throws Exception {
		return mvc.perform(post("/api/environments").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + name + "\",\"protected\":false,\"runtime\":\"" + runtime + "\"}"));
	}

	private ResultActions bind(String key, String value) throws Exception {
		return mvc.perform(put("/api/environments/dev/bindings/{key}", key).contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"" + value + "\",\"secret\":false}"));
	}

}
