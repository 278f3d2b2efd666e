package io.platform.notification;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.platform.notification.NotificationChannels.Target;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends through the SMTP server of {@code spring.mail.*} (Spring Boot's JavaMailSender): plain text with
 * an HTML alternative. Connection problems and 4xx (transient) replies are tried again.
 */
final class EmailSender implements Sender {

	private final ObjectProvider<JavaMailSender> mail;

	private final String from;

	EmailSender(ObjectProvider<JavaMailSender> mail, String from) {
		this.mail = mail;
		this.from = from;
	}

	@Override
	public Attempt send(Target target, Message message) {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			return Attempt.failed(null, "No SMTP server is configured: set spring.mail.host (and spring.mail.port, "
					+ "spring.mail.username, spring.mail.password) for e-mail channels.");
		}
		try {
			MimeMessage mime = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
			helper.setFrom(from);
			helper.setTo(target.recipients().toArray(String[]::new));
			helper.setSubject(message.subject());
			helper.setText(message.plainText(), html(message));
			sender.send(mime);
			return Attempt.sent("Accepted by the SMTP server for " + target.recipients().size() + " recipient(s).");
		}
		catch (MailAuthenticationException ex) {
			return Attempt.failed(reply(ex), "The SMTP server refused the platform's sign-in (check spring.mail.username "
					+ "and spring.mail.password).");
		}
		catch (MailException ex) {
			String reply = reply(ex);
			boolean transientFailure = hasCause(ex, IOException.class) || (reply != null && reply.matches("4\\d\\d\\b.*"));
			String error = "The SMTP server did not take the message: " + (reply == null ? ex.getMessage() : reply);
			return transientFailure ? Attempt.retry(reply, error) : Attempt.failed(reply, error);
		}
		catch (MessagingException ex) {
			return Attempt.failed(null, "The message could not be written: " + ex.getMessage());
		}
	}

	private static String html(Message message) {
		StringBuilder html = new StringBuilder("<html><body><h3>").append(HtmlUtils.htmlEscape(message.heading()))
			.append("</h3>");
		for (String paragraph : message.body().split("\n\n")) {
			String escaped = HtmlUtils.htmlEscape(paragraph)
				.replaceAll("\\*\\*(.+?)\\*\\*", "<b>$1</b>")
				.replaceAll("\\[(.+?)]\\((https?://[^)\\s]+)\\)", "<a href=\"$2\">$1</a>");
			html.append(paragraph.equals("---") ? "<hr>" : "<p>" + escaped + "</p>");
		}
		return html.append("</body></html>").toString();
	}

	/** The SMTP server's reply, from the innermost mail exception that has one. */
	private static String reply(Throwable ex) {
		String reply = null;
		for (Throwable cause : causes(ex, new ArrayList<>())) {
			if (cause instanceof MessagingException && cause.getMessage() != null && !cause.getMessage().isBlank()) {
				reply = cause.getMessage().strip();
			}
		}
		return reply == null ? null : reply.length() <= 500 ? reply : reply.substring(0, 499) + "…";
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		return causes(ex, new ArrayList<>()).stream().anyMatch(type::isInstance);
	}

	/** The exception and everything it wraps: causes, a MessagingException's next, each failed message's. */
	private static List<Throwable> causes(Throwable ex, List<Throwable> seen) {
		if (ex == null || seen.contains(ex) || seen.size() > 20) {
			return seen;
		}
		seen.add(ex);
		if (ex instanceof MailSendException send) {
			for (Exception failed : send.getMessageExceptions()) {
				causes(failed, seen);
			}
		}
		if (ex instanceof MessagingException messaging) {
			causes(messaging.getNextException(), seen);
		}
		return causes(ex.getCause(), seen);
	}

}
