package io.platform.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The channel API: validation, secrets sealed at rest and masked in answers and the audit trail. */
@NotificationTest
class NotificationChannelControllerTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aChannelsTokenAndSecretAreSealedAtRestAndMaskedInAnswersAndTheAudit() throws Exception {
		String url = "https://oapi.dingtalk.com/robot/send?access_token=a1b2c3d4e5f6-token";
		mvc.perform(put("/api/notification-channels/masked-ding").contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("type", "DINGTALK", "url", url, "secret", "SECmask-me-please", "envs", List.of("test", "prod")))))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/notification-channels/masked-ding"))
			.andExpect(jsonPath("$.url").value("https://oapi.dingtalk.com/robot/send?access_token=******"))
			.andExpect(jsonPath("$.secret").value("******"))
			.andExpect(jsonPath("$.envs[1]").value("prod"))
			.andExpect(jsonPath("$.events").isEmpty());
		mvc.perform(put("/api/notification-channels/masked-feishu").contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("type", "FEISHU", "url", "https://open.feishu.cn/open-apis/bot/v2/hook/f00d-hook-id",
					"envs", List.of("pre"), "events", List.of("stage_passed", "EMERGENCY")))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.url").value("https://open.feishu.cn/open-apis/bot/v2/hook/******"))
			.andExpect(jsonPath("$.secret").doesNotExist())
			.andExpect(jsonPath("$.events[0]").value("STAGE_PASSED"));

		mvc.perform(get("/api/notification-channels"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.name == 'masked-ding')].url").value("https://oapi.dingtalk.com/robot/send?access_token=******"))
			.andExpect(content().string(not(containsString("a1b2c3d4e5f6-token"))))
			.andExpect(content().string(not(containsString("SECmask-me-please"))))
			.andExpect(content().string(not(containsString("f00d-hook-id"))));
		Map<String, Object> stored = jdbc.queryForMap(
				"SELECT url_text, secret_text FROM notification_channel WHERE name = 'masked-ding'");
		assertThat(stored.values()).allSatisfy(value -> assertThat((String) value).startsWith("v1:")
			.doesNotContain("a1b2c3d4e5f6-token").doesNotContain("SECmask-me-please"));

		// Updated without a secret: it keeps its secret; with an empty one: it has none.
		mvc.perform(put("/api/notification-channels/masked-ding").contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("type", "DINGTALK", "url", url, "envs", List.of("test")))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.secret").value("******"))
			.andExpect(jsonPath("$.envs.length()").value(1));
		mvc.perform(put("/api/notification-channels/masked-ding").contentType(MediaType.APPLICATION_JSON)
			.content(json(Map.of("type", "DINGTALK", "url", url, "secret", "", "envs", List.of("test")))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.secret").doesNotExist());

		mvc.perform(get("/api/audit?action=notificationChannel"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].action").value("notificationChannel.put"))
			.andExpect(content().string(not(containsString("a1b2c3d4e5f6-token"))))
			.andExpect(content().string(not(containsString("SECmask-me-please"))));

		mvc.perform(delete("/api/notification-channels/masked-ding")).andExpect(status().isNoContent());
		mvc.perform(delete("/api/notification-channels/masked-ding")).andExpect(status().isNotFound());
		mvc.perform(get("/api/notification-channels/masked-ding/deliveries")).andExpect(status().isNotFound());
		mvc.perform(post("/api/notification-channels/masked-ding/test")).andExpect(status().isNotFound());
		mvc.perform(delete("/api/notification-channels/masked-feishu")).andExpect(status().isNoContent());
	}

	@Test
	void badChannelsAreRefusedWithADetailThatSaysWhatToFixAndNothingIsStored() throws Exception {
		String robot = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=leaky-key-123456";
		Object[][] cases = {
				{ "Bad_Name", body("WECOM", robot, null, List.of("test"), null), "is not a slug" },
				{ "no-type", body(null, robot, null, List.of("test"), null), "type is required" },
				{ "slack", body("SLACK", robot, null, List.of("test"), null), "Unknown channel type 'SLACK'" },
				{ "no-url", body("WECOM", null, null, List.of("test"), null), "url is required for a WECOM robot" },
				{ "plain-http", body("WECOM", "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=leaky-key-123456", null,
						List.of("test"), null), "must use https://" },
				{ "ftp-url", body("DINGTALK", "ftp://example.com/robot?access_token=leaky-key-123456", null, List.of("test"),
						null), "https:// URL" },
				{ "no-recipients", body("EMAIL", null, null, List.of("test"), null), "recipients are required" },
				{ "bad-recipient", body("EMAIL", null, List.of("ops@example.com", "not an address"), List.of("test"), null),
						"'not an address' is not a valid e-mail address" },
				{ "mail-with-url", body("EMAIL", robot, List.of("ops@example.com"), List.of("test"), null), "has no url" },
				{ "robot-recipients", body("WECOM", robot, List.of("ops@example.com"), List.of("test"), null),
						"recipients are for EMAIL channels" },
				{ "no-envs", body("WECOM", robot, null, null, null), "envs is required" },
				{ "unknown-env", body("WECOM", robot, null, List.of("test", "nowhere"), null), "No environment 'nowhere'" },
				{ "unknown-event", body("WECOM", robot, null, List.of("test"), List.of("STAGE_EXPLODED")),
						"Unknown event 'STAGE_EXPLODED'" } };
		for (Object[] one : cases) {
			mvc.perform(put("/api/notification-channels/{name}", one[0]).contentType(MediaType.APPLICATION_JSON)
				.content(json(one[1])))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value(containsString((String) one[2])))
				.andExpect(content().string(not(containsString("leaky-key-123456"))));
		}
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification_channel WHERE name IN ('no-type', 'slack', "
				+ "'no-url', 'plain-http', 'ftp-url', 'no-recipients', 'bad-recipient', 'mail-with-url', 'robot-recipients', "
				+ "'no-envs', 'unknown-env', 'unknown-event')", Integer.class)).isZero();
		mvc.perform(get("/api/audit?action=notificationChannel"))
			.andExpect(content().string(not(containsString("leaky-key-123456"))));
	}

	@Test
	void aRemovedEnvironmentIsTakenOffTheChannels() throws Exception {
		mvc.perform(post("/api/environments").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"notify-gone\"}"))
			.andExpect(status().isCreated());
		mvc.perform(put("/api/notification-channels/env-follower").contentType(MediaType.APPLICATION_JSON)
			.content(json(body("EMAIL", null, List.of("ops@example.com"), List.of("test", "notify-gone"), null))))
			.andExpect(status().isCreated());
		mvc.perform(delete("/api/environments/notify-gone")).andExpect(status().isNoContent());
		mvc.perform(get("/api/notification-channels/env-follower"))
			.andExpect(jsonPath("$.envs.length()").value(1))
			.andExpect(jsonPath("$.envs[0]").value("test"));
		mvc.perform(delete("/api/notification-channels/env-follower")).andExpect(status().isNoContent());
	}

	private static Map<String, Object> body(String type, String url, List<String> recipients, List<String> envs,
			List<String> events) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("url", url);
		body.put("recipients", recipients);
		body.put("envs", envs);
		body.put("events", events);
		return body;
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

}
