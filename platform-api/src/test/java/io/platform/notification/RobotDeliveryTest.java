package io.platform.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.platform.notification.FakeRobot.Vendor;
import io.platform.support.SilentServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Each chat robot against a local server that checks the vendor's request shape and signature and
 * answers as the vendor does: taken, refused with a code in an HTTP 200, rate-limited then taken.
 */
@NotificationTest
@ExtendWith(OutputCaptureExtension.class)
class RobotDeliveryTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	Notifications notifications;

	@AfterEach
	void removeChannels() throws Exception {
		// Every channel here follows "test": one left behind would take the next test's notices.
		String answer = mvc.perform(get("/api/notification-channels")).andReturn().getResponse().getContentAsString();
		for (JsonNode channel : JSON.readTree(answer)) {
			mvc.perform(delete("/api/notification-channels/{name}", channel.get("name").asString()))
				.andExpect(status().isNoContent());
		}
	}

	@Test
	void dingTalkGetsASignedBilingualMarkdownMessageForTheEventsAndEnvironmentsItFollows(CapturedOutput output)
			throws Exception {
		String secret = "SECd1ngta1k-secret-0123456789";
		try (FakeRobot robot = new FakeRobot(Vendor.DINGTALK, "dt-access-token-123", secret)) {
			channel("ding-test", "DINGTALK", robot.url(), secret, List.of("test"), List.of("STAGE_DEPLOYED", "STAGE_FAILED"));

			notifications.publish(new Notice("STAGE_STARTED", 42, "Spring sale", "test", List.of("billing"), "alice", null));
			notifications.publish(new Notice("STAGE_DEPLOYED", 42, "Spring sale", "prod", List.of("billing"), "alice", null));
			notifications.publish(new Notice("STAGE_DEPLOYED", 42, "Spring sale", "test", List.of("billing", "orders"),
					"alice", "all 2 items deployed"));

			JsonNode delivery = awaitDeliveries("ding-test", 1).get(0);
			assertThat(delivery.get("outcome").asString()).isEqualTo("SENT");
			assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
			assertThat(delivery.get("answer").asString()).isEqualTo("errcode=0 errmsg=ok");
			assertThat(delivery.get("event").asString()).isEqualTo("STAGE_DEPLOYED");
			assertThat(delivery.get("releaseId").asLong()).isEqualTo(42);
			assertThat(delivery.get("env").asString()).isEqualTo("test");
			Thread.sleep(200);
			assertThat(robot.received).as("only the followed event in the followed environment").hasSize(1);
			JsonNode markdown = robot.accepted.get(0).json().get("markdown");
			assertThat(markdown.get("title").asString()).contains("#42");
			assertThat(markdown.get("text").asString()).contains("上线单", "#42 Spring sale", "阶段已部署", "环境", "test",
					"billing, orders", "alice", "all 2 items deployed", "Release", "Stage deployed", "Services", "By",
					"[查看上线单](https://platform.example.com/releases/42)",
					"[Open the release](https://platform.example.com/releases/42)");
			assertThat(markdown.get("text").asString().indexOf("上线单"))
				.isLessThan(markdown.get("text").asString().indexOf("Release"));
		}
		assertThat(output.getAll()).doesNotContain("dt-access-token-123").doesNotContain(secret);
	}

	@Test
	void aRobotsErrorCodeInAnHttp200IsAFailureNotRetried() throws Exception {
		try (FakeRobot robot = new FakeRobot(Vendor.DINGTALK, "dt-token-wrong-secret", "SECthe-robots-own-secret")) {
			// The channel was given another secret: DingTalk refuses the signature with 310000 and HTTP 200.
			channel("ding-wrong", "DINGTALK", robot.url(), "SECa-different-secret", List.of("test"), null);
			notifications.publish(notice("STAGE_FAILED", 43));
			JsonNode delivery = awaitDeliveries("ding-wrong", 1).get(0);
			assertThat(delivery.get("outcome").asString()).isEqualTo("FAILED");
			assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
			assertThat(delivery.get("answer").asString()).isEqualTo("errcode=310000 errmsg=sign not match");
			assertThat(delivery.get("error").asString()).contains("refused");
			assertThat(robot.received).hasSize(1);
		}
	}

	@Test
	void dingTalkSendingTooFastIsRetriedAndThenSent() throws Exception {
		try (FakeRobot robot = new FakeRobot(Vendor.DINGTALK, "dt-token-fast", null)) {
			robot.then(200, "{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}")
				.then(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
			channel("ding-fast", "DINGTALK", robot.url(), null, List.of("test"), null);
			notifications.publish(notice("STAGE_PASSED", 44));
			JsonNode delivery = awaitDeliveries("ding-fast", 1).get(0);
			assertThat(delivery.get("outcome").asString()).isEqualTo("SENT");
			assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
			assertThat(robot.accepted.get(0).query()).doesNotContainKeys("timestamp", "sign");
		}
	}

	@Test
	void weComRateLimitIsRetriedWithBackoffAndThenSent() throws Exception {
		try (FakeRobot robot = new FakeRobot(Vendor.WECOM, "wecom-key-0123-4567", null)) {
			robot.then(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}").then(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
			channel("wecom-test", "WECOM", robot.url(), null, List.of("test"), List.of("APPROVAL_REQUESTED"));
			notifications.publish(new Notice("APPROVAL_REQUESTED", 45, "Pricing v2", "test", List.of("pricing"), "bob",
					"needs 1 approval"));
			JsonNode delivery = awaitDeliveries("wecom-test", 1).get(0);
			assertThat(delivery.get("outcome").asString()).isEqualTo("SENT");
			assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
			assertThat(delivery.get("answer").asString()).isEqualTo("errcode=0 errmsg=ok");
			assertThat(robot.accepted).hasSize(2);
			assertThat(robot.accepted.get(1).json().get("markdown").get("content").asString()).contains("等待审批",
					"Approval requested", "#45 Pricing v2", "pricing", "bob", "needs 1 approval");
		}
	}

	@Test
	void weComErrorCodeFailsAtOnce() throws Exception {
		try (FakeRobot robot = new FakeRobot(Vendor.WECOM, "wecom-key-refusing", null)) {
			robot.then(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
			channel("wecom-refused", "WECOM", robot.url(), null, List.of("test"), null);
			notifications.publish(notice("STAGE_STARTED", 46));
			JsonNode delivery = awaitDeliveries("wecom-refused", 1).get(0);
			assertThat(delivery.get("outcome").asString()).isEqualTo("FAILED");
			assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
			assertThat(delivery.get("answer").asString()).contains("93000");
		}
	}

	@Test
	void feishuGetsASignedCardAndItsErrorCodesAndRateLimitAreRead(CapturedOutput output) throws Exception {
		String secret = "feishu-secret-abcdef";
		try (FakeRobot robot = new FakeRobot(Vendor.FEISHU, "0f1e2d3c-feishu-hook", secret)) {
			robot.then(200, "{\"code\":9499,\"msg\":\"too many request\",\"data\":{}}")
				.then(200, "{\"code\":0,\"msg\":\"success\",\"data\":{}}");
			channel("feishu-test", "FEISHU", robot.url(), secret, List.of("test"), null);
			notifications.publish(new Notice("EMERGENCY", 47, "Hotfix", "test", List.of("billing"), "carol",
					"outage in billing"));
			JsonNode delivery = awaitDeliveries("feishu-test", 1).get(0);
			assertThat(delivery.get("outcome").asString()).isEqualTo("SENT");
			assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
			assertThat(delivery.get("answer").asString()).isEqualTo("code=0 msg=success");
			JsonNode card = robot.accepted.get(1).json().get("card");
			assertThat(card.get("header").get("title").get("content").asString()).contains("紧急上线", "#47");
			assertThat(card.get("elements").get(0).get("content").asString()).contains("Emergency release", "carol",
					"outage in billing", "https://platform.example.com/releases/47");
		}
		try (FakeRobot robot = new FakeRobot(Vendor.FEISHU, "9a8b7c6d-feishu-hook", "the-bots-secret")) {
			channel("feishu-wrong", "FEISHU", robot.url(), "not-the-bots-secret", List.of("test"), null);
			notifications.publish(notice("STAGE_FAILED", 48));
			JsonNode delivery = awaitDeliveries("feishu-wrong", 1).get(0);
			assertThat(delivery.get("outcome").asString()).isEqualTo("FAILED");
			assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
			assertThat(delivery.get("answer").asString()).startsWith("code=19021");
		}
		assertThat(output.getAll()).doesNotContain("0f1e2d3c-feishu-hook").doesNotContain(secret)
			.doesNotContain("9a8b7c6d-feishu-hook");
	}

	@Test
	void serverErrorsAreRetriedUpToThreeAttemptsThenFailed() throws Exception {
		try (FakeRobot robot = new FakeRobot(Vendor.WECOM, "wecom-key-broken", null)) {
			robot.then(502, "<html>Bad Gateway</html>");
			channel("wecom-broken", "WECOM", robot.url(), null, List.of("test"), null);
			notifications.publish(notice("STAGE_STARTED", 49));
			JsonNode delivery = awaitDeliveries("wecom-broken", 1).get(0);
			assertThat(delivery.get("outcome").asString()).isEqualTo("FAILED");
			assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
			assertThat(delivery.get("answer").asString()).startsWith("HTTP 502");
			assertThat(robot.received).hasSize(3);
		}
	}

	@Test
	void aChannelThatNeverAnswersIsRecordedFailedAndPublishReturnsAtOnce(CapturedOutput output) throws Exception {
		try (SilentServer silent = SilentServer.start()) {
			String url = "http://127.0.0.1:" + silent.port() + "/robot/send?access_token=silent-token-xyz";
			channel("ding-silent", "DINGTALK", url, "SECsilent-secret", List.of("test"), null);
			long start = System.nanoTime();
			notifications.publish(notice("STAGE_DEPLOYED", 50));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
			JsonNode delivery = awaitDeliveries("ding-silent", 1).get(0);
			assertThat(delivery.get("outcome").asString()).isEqualTo("FAILED");
			assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
			assertThat(delivery.get("error").asString()).contains("No answer in time");
		}
		assertThat(output.getAll()).doesNotContain("silent-token-xyz").doesNotContain("SECsilent-secret");
	}

	@Test
	void theTestCallSendsATestMessageAndAnswersTheDelivery() throws Exception {
		try (FakeRobot robot = new FakeRobot(Vendor.DINGTALK, "dt-token-for-test-call", "SECtest-call-secret")) {
			channel("ding-tested", "DINGTALK", robot.url(), "SECtest-call-secret", List.of("test"), null);
			String answer = mvc.perform(post("/api/notification-channels/ding-tested/test"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			JsonNode delivery = JSON.readTree(answer);
			assertThat(delivery.get("outcome").asString()).isEqualTo("SENT");
			assertThat(delivery.get("event").asString()).isEqualTo("TEST");
			assertThat(delivery.get("channel").asString()).isEqualTo("ding-tested");
			assertThat(robot.accepted.get(0).json().get("markdown").get("text").asString()).contains("ding-tested", "admin",
					"测试", "test message");
			assertThat(deliveries("ding-tested")).hasSize(1);

			notifications.publish(notice("STAGE_PASSED", 51));
			List<JsonNode> newestFirst = awaitDeliveries("ding-tested", 2);
			assertThat(newestFirst).extracting(d -> d.get("event").asString()).containsExactly("STAGE_PASSED", "TEST");
		}
	}

	private static Notice notice(String event, long releaseId) {
		return new Notice(event, releaseId, "Release " + releaseId, "test", List.of("billing"), "alice", null);
	}

	private void channel(String name, String type, String url, String secret, List<String> envs, List<String> events)
			throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("url", url);
		if (secret != null) {
			body.put("secret", secret);
		}
		body.put("envs", envs);
		if (events != null) {
			body.put("events", events);
		}
		mvc.perform(put("/api/notification-channels/{name}", name).contentType(MediaType.APPLICATION_JSON)
			.content(JSON.writeValueAsString(body))).andExpect(status().isCreated());
	}

	private List<JsonNode> awaitDeliveries(String channel, int count) {
		List<JsonNode> result = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
			result.clear();
			result.addAll(deliveries(channel));
			return result.size() >= count;
		});
		return result;
	}

	private List<JsonNode> deliveries(String channel) throws Exception {
		String answer = mvc.perform(get("/api/notification-channels/{name}/deliveries", channel))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<JsonNode> result = new ArrayList<>();
		JSON.readTree(answer).forEach(result::add);
		return result;
	}

}
