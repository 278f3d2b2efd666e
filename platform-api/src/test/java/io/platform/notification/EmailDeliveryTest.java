package io.platform.notification;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** E-mail channels send through a real SMTP server (GreenMail) configured by spring.mail.*. */
@NotificationTest
class EmailDeliveryTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	Notifications notifications;

	@Test
	void anEmailChannelSendsTheNoticeToItsRecipientsWithTheReleaseAndEventInTheSubject() throws Exception {
		mvc.perform(put("/api/notification-channels/release-mail").contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"EMAIL\",\"recipients\":[\"ops@example.com\",\"Release Team <release@example.com>\"],"
					+ "\"envs\":[\"pre\"],\"events\":[\"STAGE_FAILED\"]}"))
			.andExpect(status().isCreated());

		notifications.publish(new Notice("STAGE_FAILED", 60, "Checkout rework", "pre", List.of("checkout", "cart"), "dave",
				"item cart failed: health check timed out"));

		await().atMost(Duration.ofSeconds(20)).until(() -> mails(60).size() == 2);
		MimeMessage mail = mails(60).get(0);
		assertThat(Arrays.stream(mail.getRecipients(RecipientType.TO)).map(a -> ((InternetAddress) a).getAddress()))
			.containsExactlyInAnyOrder("ops@example.com", "release@example.com");
		assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("platform@example.com");
		assertThat(mail.getSubject()).contains("Release #60", "阶段失败", "Stage failed", "Checkout rework", "pre");
		String plain = part(mail, "text/plain");
		String html = part(mail, "text/html");
		assertThat(plain).contains("上线单", "#60 Checkout rework", "pre", "checkout, cart", "dave",
				"item cart failed: health check timed out", "Stage failed", "Services",
				"https://platform.example.com/releases/60")
			.doesNotContain("**");
		assertThat(html).contains("<b>", "<a href=\"https://platform.example.com/releases/60\">");

		JsonNode delivery = await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("release-mail"), d -> !d.isEmpty())
			.get(0);
		assertThat(delivery.get("outcome").asString()).isEqualTo("SENT");
		assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
		assertThat(delivery.get("answer").asString()).contains("2 recipient(s)");
	}

	/** The first text part of that type, wherever the multipart structure puts it. */
	private static String part(jakarta.mail.Part part, String type) throws Exception {
		if (part.isMimeType(type)) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof MimeMultipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = part(multipart.getBodyPart(i), type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	@Test
	void anSmtpServerThatIsDownDoesNotMakeThePlatformUnhealthy(@Autowired org.springframework.context.ApplicationContext context) {
		assertThat(context.getBeanNamesForType(org.springframework.mail.javamail.JavaMailSender.class)).isNotEmpty();
		assertThat(context.containsBean("mailHealthContributor")).isFalse();
	}

	private static List<MimeMessage> mails(long releaseId) {
		return Arrays.stream(NotificationTest.Smtp.SERVER.getReceivedMessages()).filter(m -> {
			try {
				return m.getSubject().contains("Release #" + releaseId + "]");
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	private List<JsonNode> deliveries(String channel) throws Exception {
		String answer = mvc.perform(get("/api/notification-channels/{name}/deliveries", channel))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return java.util.stream.StreamSupport.stream(JSON.readTree(answer).spliterator(), false).toList();
	}

}
