package io.platform.identity;

import io.platform.support.ApiTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Members of a service: who registers it owns it; unknown people and roles are refused; one OWNER stays. */
@ApiTest
class MembersTest {

	@Autowired
	MockMvc mvc;

	@Test
	void theRegistrantOwnsTheServiceAndTheLastOwnerCannotLeave() throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"members-svc\",\"repoUrl\":\"https://git.example.com/m.git\"}")).andExpect(status().isCreated());
		mvc.perform(get("/api/apps/members-svc/members"))
			.andExpect(jsonPath("$[0].username").value("admin"))
			.andExpect(jsonPath("$[0].role").value("OWNER"));
		mvc.perform(put("/api/apps/members-svc/members/nobody-here").contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"VIEWER\"}")).andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(containsString("nobody-here")));
		mvc.perform(put("/api/apps/members-svc/members/admin").contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"SUPERUSER\"}")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("OWNER, DEVELOPER, TESTER or VIEWER")));
		mvc.perform(put("/api/apps/members-svc/members/admin").contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"VIEWER\"}")).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("last OWNER")));
		mvc.perform(delete("/api/apps/members-svc/members/admin")).andExpect(status().isConflict());
		mvc.perform(put("/api/apps/unknown-svc/members/admin").contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"VIEWER\"}")).andExpect(status().isNotFound());
	}

	@Test
	void aDeletedServiceTakesItsMembersAlong() throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"short-lived\",\"repoUrl\":\"https://git.example.com/s.git\"}")).andExpect(status().isCreated());
		mvc.perform(delete("/api/apps/short-lived")).andExpect(status().isNoContent());
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"short-lived\",\"repoUrl\":\"https://git.example.com/s.git\"}")).andExpect(status().isCreated());
		mvc.perform(get("/api/apps/short-lived/members")).andExpect(jsonPath("$.length()").value(1));
	}

}
