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
	void updatesNameWhatTheyChangeAMembersRoleIsRequiredAndAUsersOtherFieldsAreKept() throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"partial-svc\",\"repoUrl\":\"https://git.example.com/p.git\"}")).andExpect(status().isCreated());
		mvc.perform(post("/api/users").contentType(MediaType.APPLICATION_JSON).content("""
				{"username":"partial-user","displayName":"Partial User","email":"partial@example.com",
				 "password":"a-long-enough-Passw0rd"}""")).andExpect(status().isCreated());
		mvc.perform(put("/api/apps/partial-svc/members/partial-user").contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"DEVELOPER\"}")).andExpect(status().isOk());

		// A member's one field is required: left out, 400 naming it, and the role stays.
		mvc.perform(put("/api/apps/partial-svc/members/partial-user").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("role"));
		mvc.perform(get("/api/apps/partial-svc/members"))
			.andExpect(jsonPath("$[?(@.username == 'partial-user')].role").value("DEVELOPER"));

		// A user's fields left out are kept.
		mvc.perform(put("/api/users/partial-user").contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\":\"new@example.com\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value("Partial User"))
			.andExpect(jsonPath("$.email").value("new@example.com"));
		mvc.perform(put("/api/users/partial-user").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value("Partial User"))
			.andExpect(jsonPath("$.email").value("new@example.com"))
			.andExpect(jsonPath("$.enabled").value(true))
			.andExpect(jsonPath("$.admin").value(false));
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
