package io.platform.environment;

import java.util.List;

import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentKind;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.deployment.StepName;
import io.platform.support.FreshPlatformHome;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Environments are added, changed, reordered and removed; bad input changes nothing. */
@SpringBootTest(properties = "platform.runtime=process")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FreshPlatformHome.class)
class EnvironmentManagementTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	DeploymentStore deployments;

	@Autowired
	RuntimeTargets runtimes;

	@Test
	void anUpdateThatLeavesOutProtectedKeepsProdProtected() throws Exception {
		mvc.perform(put("/api/environments/prod").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"prod\",\"domain\":\"localhost\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.protected").value(true));
		mvc.perform(get("/api/environments/prod")).andExpect(jsonPath("$.protected").value(true));
		// Sent as null it says nothing: refused, naming the field.
		mvc.perform(put("/api/environments/prod").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"prod\",\"protected\":null}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("protected"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("'prod' is protected now")));
		mvc.perform(get("/api/environments/prod")).andExpect(jsonPath("$.protected").value(true));
	}

	@Test
	void anUpdateKeepsTheSettingsItLeavesOutAndNullRestoresTheDefault() throws Exception {
		mvc.perform(post("/api/environments").contentType(MediaType.APPLICATION_JSON).content("""
				{"name":"kept","domain":"kept.example.com","protected":true,"runtime":"process","memoryLimitMb":512,
				 "cpuLimit":1.5}""")).andExpect(status().isCreated());

		mvc.perform(put("/api/environments/kept").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"kept\",\"cpuLimit\":2}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cpuLimit").value(2.0))
			.andExpect(jsonPath("$.domain").value("kept.example.com"))
			.andExpect(jsonPath("$.protected").value(true))
			.andExpect(jsonPath("$.runtime").value("process"))
			.andExpect(jsonPath("$.memoryLimitMb").value(512));
		org.assertj.core.api.Assertions.assertThat(runtimes.resources("kept").memoryBytes()).isEqualTo(512L * 1024 * 1024);

		mvc.perform(put("/api/environments/kept").contentType(MediaType.APPLICATION_JSON).content("""
				{"name":"kept","domain":null,"runtime":null,"memoryLimitMb":null}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.domain").value("localhost"))
			.andExpect(jsonPath("$.runtime").doesNotExist())
			.andExpect(jsonPath("$.memoryLimitMb").doesNotExist())
			.andExpect(jsonPath("$.cpuLimit").value(2.0))
			.andExpect(jsonPath("$.protected").value(true));
		mvc.perform(delete("/api/environments/kept")).andExpect(status().isNoContent());
	}

	@Test
	void anEnvironmentIsAddedLastChangedReorderedAndRemoved() throws Exception {
		mvc.perform(post("/api/environments").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"perf\",\"domain\":\"perf.example.com\",\"memoryLimitMb\":512,\"cpuLimit\":1.5}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/environments/perf"))
			.andExpect(jsonPath("$.order").value(5))
			.andExpect(jsonPath("$.protected").value(false))
			.andExpect(jsonPath("$.runtime").doesNotExist());
		org.assertj.core.api.Assertions.assertThat(runtimes.resources("perf").memoryBytes()).isEqualTo(512L * 1024 * 1024);

		mvc.perform(put("/api/environments/perf").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"perf\",\"protected\":true,\"runtime\":\"process\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.protected").value(true))
			.andExpect(jsonPath("$.runtime").value("process"))
			// Left out of the update: kept.
			.andExpect(jsonPath("$.domain").value("perf.example.com"))
			.andExpect(jsonPath("$.memoryLimitMb").value(512));

		mvc.perform(put("/api/environments/order").contentType(MediaType.APPLICATION_JSON)
			.content("{\"names\":[\"dev\",\"perf\",\"test\",\"pre\",\"prod\"]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].name", contains("dev", "perf", "test", "pre", "prod")));

		mvc.perform(delete("/api/environments/perf")).andExpect(status().isNoContent());
		mvc.perform(get("/api/environments/perf")).andExpect(status().isNotFound());
	}

	@Test
	void badInputIsRefusedAndChangesNothing() throws Exception {
		mvc.perform(post("/api/environments").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Bad Name\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		mvc.perform(post("/api/environments").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"dev\"}"))
			.andExpect(status().isConflict());
		mvc.perform(post("/api/environments").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"remote\",\"runtime\":\"tcp://127.0.0.1:1\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("No Docker engine answers at tcp://127.0.0.1:1")));
		mvc.perform(post("/api/environments").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"remote\",\"runtime\":\"ftp://x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("runtime"));
		mvc.perform(put("/api/environments/order").contentType(MediaType.APPLICATION_JSON)
			.content("{\"names\":[\"dev\",\"test\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("every environment exactly once")));
		mvc.perform(get("/api/environments/remote")).andExpect(status().isNotFound());
		mvc.perform(get("/api/environments"))
			.andExpect(jsonPath("$[*].name", contains("dev", "test", "pre", "prod")));
	}

	@Test
	void anEnvironmentWhereSomethingRunsCannotBeRemoved() throws Exception {
		mvc.perform(post("/api/environments").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"busy\"}"))
			.andExpect(status().isCreated());
		Deployment running = new Deployment();
		running.setApp("orders");
		running.setEnv("busy");
		running.setKind(DeploymentKind.DEPLOY);
		running.setBranchList(List.of("main"));
		running.setStatus(DeploymentStatus.RUNNING);
		deployments.insert(running, List.of(StepName.values()));

		mvc.perform(delete("/api/environments/busy"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("orders (RUNNING)")));
		mvc.perform(get("/api/environments/busy")).andExpect(status().isOk());
	}

}
