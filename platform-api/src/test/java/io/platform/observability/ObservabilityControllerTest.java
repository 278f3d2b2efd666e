package io.platform.observability;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentKind;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.logs.log.LogLevel;
import io.platform.logs.log.LogLine;
import io.platform.logs.log.LogQuery;
import io.platform.logs.log.LogStore;
import io.platform.support.FreshPlatformHome;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the deployment page learns about tracing and links from an environment's bindings, and the errors a
 * tester sees when SkyWalking is not there. Reading real traces is {@code TracingIT}'s, against a real OAP.
 */
@SpringBootTest(properties = "platform.runtime=process")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FreshPlatformHome.class)
class ObservabilityControllerTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	DeploymentStore deployments;

	@Autowired
	LogStore logs;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void withoutSkyWalkingTheDeploymentPageIsToldWhichBindingToAdd() throws Exception {
		long id = deployment("untraced", "test");

		mvc.perform(get("/api/deployments/{id}/observability", id))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tracing.enabled").value(false))
			.andExpect(jsonPath("$.tracing.service").value("test::untraced"))
			.andExpect(jsonPath("$.tracing.instance").value(Long.toString(id)))
			.andExpect(jsonPath("$.tracing.reason").value(containsString("SW_AGENT_COLLECTOR_BACKEND_SERVICES")))
			.andExpect(jsonPath("$.links.skywalking").isEmpty())
			.andExpect(jsonPath("$.links.kibana").isEmpty());
		mvc.perform(get("/api/deployments/{id}/traces", id))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("SW_AGENT_COLLECTOR_BACKEND_SERVICES")));
		mvc.perform(get("/api/traces/abc.1.2").param("env", "test")).andExpect(status().isConflict());
		// The live tail refuses a bad query before it opens, like the search does.
		mvc.perform(get("/api/deployments/{id}/logs", id).param("q", "(unclosed").accept(MediaType.TEXT_EVENT_STREAM))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/traces/not a trace")).andExpect(status().isBadRequest());
	}

	@Test
	void bindingsTurnTracingOnAndBuildTheLinks() throws Exception {
		long id = deployment("traced", "pre");
		bind("pre", "SW_AGENT_COLLECTOR_BACKEND_SERVICES", "oap.pre.internal:11800");
		bind("pre", "SKYWALKING_UI_URL", "http://skywalking.pre.internal/");
		bind("pre", "KIBANA_URL", "http://kibana.pre.internal");

		// No agent in the platform's agent folder: traces can still be read, and the page says why new
		// deployments are not traced.
		mvc.perform(get("/api/deployments/{id}/observability", id))
			.andExpect(jsonPath("$.tracing.enabled").value(true))
			.andExpect(jsonPath("$.tracing.reason").value(containsString("skywalking-agent.jar")))
			// OAP's ids: base64("pre::traced") + ".1", then "_" + base64(instance name).
			.andExpect(jsonPath("$.links.skywalking").value("http://skywalking.pre.internal/dashboard/GENERAL/ServiceInstance/"
					+ "cHJlOjp0cmFjZWQ=.1/cHJlOjp0cmFjZWQ=.1_" + base64Segment(Long.toString(id)) + "/General-Instance"))
			.andExpect(jsonPath("$.links.kibana").value(startsWith("http://kibana.pre.internal/app/discover#/?_g=(time:(from:'")))
			.andExpect(jsonPath("$.links.kibana").value(containsString("labels.deployment_id%3A%22" + id + "%22")));

		// The query address defaults to the collector's host on 12800; nothing answers there.
		bind("pre", "SKYWALKING_OAP_URL", "http://127.0.0.1:9");
		mvc.perform(get("/api/deployments/{id}/traces", id))
			.andExpect(status().isBadGateway())
			.andExpect(jsonPath("$.detail").value(containsString("http://127.0.0.1:9")));
		// An address the platform would not query is refused when it is bound.
		mvc.perform(put("/api/environments/{env}/bindings/{key}", "pre", "SKYWALKING_OAP_URL")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"ftp://oap\",\"secret\":false}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("platform.outbound.oap.schemes")));
		mvc.perform(delete("/api/environments/pre/bindings/SKYWALKING_OAP_URL")).andExpect(status().is2xxSuccessful());
		mvc.perform(get("/api/deployments/{id}/traces", id).param("limit", "0")).andExpect(status().isBadRequest());
	}

	@Test
	void deletingAServiceForgetsItsLogLines() throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"forgotten\",\"repoUrl\":\"file:///srv/git/forgotten.git\"}")).andExpect(status().isCreated());
		Instant now = Instant.now();
		logs.append(List.of(new LogLine(now, LogLevel.INFO, null, "forgotten line", null, "forgotten", "dev", "901", "i"),
				new LogLine(now, LogLevel.INFO, null, "kept line", null, "kept-service", "dev", "902", "i")));
		logs.refresh();

		mvc.perform(delete("/api/apps/forgotten")).andExpect(status().isNoContent());
		logs.refresh();

		assertThat(logs.search(LogQuery.all().withService("forgotten")).lines()).isEmpty();
		assertThat(logs.search(LogQuery.all().withService("kept-service")).lines()).hasSize(1);
	}

	@Test
	void aRegularExpressionQueryIsRefusedLikeALeadingWildcardInTheSearchAndTheLiveTail() throws Exception {
		long id = deployment("regexp", "dev");
		logs.append(List.of(new LogLine(Instant.now(), LogLevel.INFO, null, "order 42 shipped", null, "regexp", "dev",
				Long.toString(id), "i")));
		logs.refresh();

		for (String q : List.of("/.*/", "shipped AND /(.*a){30}/", "*hipped")) {
			mvc.perform(get("/api/deployments/{id}/logs", id).param("q", q))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("q"))
				.andExpect(jsonPath("$.detail").value(startsWith("The query has a syntax error at position")));
			mvc.perform(get("/api/deployments/{id}/logs", id).param("q", q).accept(MediaType.TEXT_EVENT_STREAM))
				.andExpect(status().isBadRequest());
		}
		mvc.perform(get("/api/deployments/{id}/logs", id).param("q", "/.*/"))
			.andExpect(jsonPath("$.detail").value(containsString("regular expressions (/.../) are not supported")));
		// Words, prefixes and an escaped slash still search.
		mvc.perform(get("/api/deployments/{id}/logs", id).param("q", "ship* AND 42"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].message").value("order 42 shipped"));
	}

	private long deployment(String app, String env) throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + app + "\",\"repoUrl\":\"file:///srv/git/" + app + ".git\"}"))
			.andExpect(status().isCreated());
		Deployment deployment = new Deployment();
		deployment.setApp(app);
		deployment.setEnv(env);
		deployment.setKind(DeploymentKind.DEPLOY);
		deployment.setBranchList(List.of("main"));
		deployment.setStatus(DeploymentStatus.FAILED);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		deployment.setCreatedAt(now);
		deployment.setStartedAt(now);
		deployment.setFinishedAt(now);
		return deployments.insert(deployment, List.of()).getId();
	}

	@Test
	void onlyHttpAddressesBecomeLinksEvenWhenAnOlderVersionStoredAnotherScheme() throws Exception {
		long id = deployment("link-checked", "test");
		bind("test", "SKYWALKING_UI_URL", "https://skywalking.test.internal");
		bind("test", "KIBANA_URL", "https://kibana.test.internal");
		mvc.perform(get("/api/deployments/{id}/observability", id))
			.andExpect(jsonPath("$.links.skywalking").value(startsWith("https://skywalking.test.internal/dashboard/")))
			.andExpect(jsonPath("$.links.kibana").value(startsWith("https://kibana.test.internal/app/discover")));
		// Written before the API refused them:
		jdbc.update("UPDATE binding SET value_text = 'javascript:alert(1)//' WHERE env = 'test' AND app = '' AND binding_key = 'KIBANA_URL'");
		jdbc.update("UPDATE binding SET value_text = ' JavaScript:alert(2)' WHERE env = 'test' AND app = '' AND binding_key = 'SKYWALKING_UI_URL'");
		mvc.perform(get("/api/deployments/{id}/observability", id))
			.andExpect(jsonPath("$.links.skywalking").isEmpty())
			.andExpect(jsonPath("$.links.kibana").isEmpty());
		mvc.perform(delete("/api/environments/test/bindings/KIBANA_URL")).andExpect(status().isNoContent());
		mvc.perform(delete("/api/environments/test/bindings/SKYWALKING_UI_URL")).andExpect(status().isNoContent());
	}

	private void bind(String env, String key, String value) throws Exception {
		mvc.perform(put("/api/environments/{env}/bindings/{key}", env, key).contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"" + value + "\",\"secret\":false}")).andExpect(status().isOk());
	}

	private static String base64Segment(String text) {
		return java.util.Base64.getEncoder()
			.encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.replace("/", "%2F");
	}

}
