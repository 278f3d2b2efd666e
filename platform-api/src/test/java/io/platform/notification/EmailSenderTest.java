package io.platform.notification;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;

import io.platform.notification.NotificationChannels.Target;
import io.platform.support.SilentServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/** E-mail sending when the SMTP server is missing, not listening or not answering. */
class EmailSenderTest {

	private static final Target CHANNEL = new Target("mail", ChannelType.EMAIL, null, null, List.of("ops@example.com"));

	private static final Message MESSAGE = Message.test("mail", "admin");

	@Test
	void withoutAnSmtpServerConfiguredTheDeliveryFailsSayingWhatToSet() {
		Attempt attempt = new EmailSender(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
				"platform@example.com")
			.send(CHANNEL, MESSAGE);
		assertThat(attempt.result()).isEqualTo(Attempt.Result.FAILED);
		assertThat(attempt.error()).contains("spring.mail.host");
	}

	@Test
	void anSmtpServerThatIsNotListeningIsTriedAgain() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Attempt attempt = sender(port).send(CHANNEL, MESSAGE);
		assertThat(attempt.result()).isEqualTo(Attempt.Result.RETRY);
		assertThat(attempt.error()).contains("SMTP server did not take the message");
	}

	@Test
	void anSmtpServerThatNeverAnswersTimesOutAndIsTriedAgain() throws Exception {
		try (SilentServer silent = SilentServer.start()) {
			long start = System.nanoTime();
			Attempt attempt = sender(silent.port()).send(CHANNEL, MESSAGE);
			assertThat(attempt.result()).isEqualTo(Attempt.Result.RETRY);
			assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
		}
	}

	private static EmailSender sender(int port) {
		JavaMailSenderImpl mail = new JavaMailSenderImpl();
		mail.setHost("127.0.0.1");
		mail.setPort(port);
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.connectiontimeout", "1000");
		properties.setProperty("mail.smtp.timeout", "1000");
		mail.setJavaMailProperties(properties);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("mail", mail);
		return new EmailSender(beans.getBeanProvider(JavaMailSender.class), "platform@example.com");
	}

}
