package io.platform.environment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.platform.support.ApiTest;
import io.platform.support.web.NotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ApiTest
class EnvironmentControllerTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	EnvironmentService environments;

	@Test
	void listsTheFourSeededEnvironmentsInOrderWithOnlyProdProtected() throws Exception {
		mvc.perform(get("/api/environments"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$[*].name", contains("dev", "test", "pre", "prod")))
			.andExpect(jsonPath("$[*].order", contains(1, 2, 3, 4)))
			.andExpect(jsonPath("$[*].protected", contains(false, false, false, true)))
			.andExpect(jsonPath("$[*].domain", contains("localhost", "localhost", "localhost", "localhost")));
	}

	@Test
	void unknownEnvironmentIsNotFoundAndNamesTheKnownOnes() {
		assertThatThrownBy(() -> environments.get("staging")).isInstanceOf(NotFoundException.class)
			.hasMessageContaining("'staging'")
			.hasMessageContaining("[dev, test, pre, prod]");
	}

}
