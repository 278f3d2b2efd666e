package io.platform.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.platform.notification.NotificationChannels.Target;
import io.platform.notification.NotificationMappers.DeliveryMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

import jakarta.annotation.PreDestroy;

/**
 * Tells the channels that follow an environment what happens to releases there. {@link #publish} hands
 * the notice to a small bounded pool and returns at once: it never blocks and never throws, so a channel
 * that is down, slow or refusing never holds up or fails a release. Each delivery is tried up to
 * {@code platform.notifications.attempts} times, pausing {@code retry-backoff}, then twice that, ...,
 * on a rate limit, HTTP 429 or 5xx, or an I/O error; anything else fails at once. Every delivery is
 * recorded with the channel's answer.
 */
@Service
public class Notifications {

	private static final Logger log = LoggerFactory.getLogger(Notifications.class);

	/** The event of a delivery sent by {@code POST /api/notification-channels/{name}/test}. */
	static final String TEST_EVENT = "TEST";

	private static final int QUEUE = 500;

	private final NotificationChannels channels;

	private final DeliveryMapper deliveries;

	private final RobotSender robots;

	private final EmailSender email;

	private final String externalUrl;

	private final int attempts;

	private final Duration backoff;

	private final ThreadPoolExecutor pool;

	Notifications(NotificationChannels channels, DeliveryMapper deliveries, ObjectProvider<JavaMailSender> mail,
			@Value("${platform.external-url:}") String externalUrl,
			@Value("${platform.notifications.mail-from:platform@localhost}") String mailFrom,
			@Value("${platform.notifications.attempts:3}") int attempts,
			@Value("${platform.notifications.retry-backoff:1s}") Duration backoff,
			@Value("${platform.notifications.connect-timeout:5s}") Duration connectTimeout,
			@Value("${platform.notifications.read-timeout:10s}") Duration readTimeout,
			@Value("${platform.notifications.threads:2}") int threads) {
		this.channels = channels;
		this.deliveries = deliveries;
		this.robots = new RobotSender(connectTimeout, readTimeout, Clock.systemUTC());
		this.email = new EmailSender(mail, mailFrom);
		this.externalUrl = externalUrl;
		this.attempts = Math.max(1, attempts);
		this.backoff = backoff;
		AtomicInteger count = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(Math.max(1, threads), Math.max(1, threads), 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(QUEUE), task -> {
					Thread thread = new Thread(task, "notifications-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.pool.allowCoreThreadTimeOut(true);
	}

	/** Sends the notice to every channel that takes its event in its environment, later; returns at once. */
	public void publish(Notice notice) {
		if (notice == null || notice.event() == null) {
			log.warn("A notice without an event was not sent: {}", notice);
			return;
		}
		try {
			pool.execute(() -> fanOut(notice));
		}
		catch (RuntimeException ex) {
			// Full queue or stopping: the notice is lost, the release goes on.
			log.warn("Notice {} of release #{} dropped: {}", notice.event(), notice.releaseId(), ex.toString());
		}
	}

	/** Sends a test message to the channel now and records it like any delivery. */
	DeliveryView test(String name, String actor) {
		Target target = channels.target(name);
		return DeliveryView.of(deliver(target, TEST_EVENT, 0, null, Message.test(name, actor)));
	}

	@PreDestroy
	void stop() {
		pool.shutdownNow();
	}

	private void fanOut(Notice notice) {
		try {
			NoticeEvent event = NoticeEvent.valueOf(notice.event().strip().toUpperCase(Locale.ROOT));
			Message message = Message.of(notice, event, externalUrl);
			List<Target> targets = channels.targets(event, notice.env());
			for (Target target : targets) {
				try {
					pool.execute(() -> deliver(target, event.name(), notice.releaseId(), notice.env(), message));
				}
				catch (RejectedExecutionException ex) {
					record(target, event.name(), notice.releaseId(), notice.env(), 0,
							Attempt.failed(null, "Not sent: too many notices waiting (" + QUEUE + ")."));
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Notice {} of release #{} not delivered: {}", notice.event(), notice.releaseId(), ex.toString());
		}
	}

	private NotificationDelivery deliver(Target target, String event, long releaseId, String env, Message message) {
		Sender sender = target.type().isRobot() ? robots : email;
		Attempt attempt = null;
		int tried = 0;
		while (tried < attempts) {
			tried++;
			try {
				attempt = sender.send(target, message);
			}
			catch (RuntimeException ex) {
				attempt = Attempt.failed(null, "Could not send: " + ex);
			}
			if (attempt.result() != Attempt.Result.RETRY || tried == attempts) {
				break;
			}
			try {
				Thread.sleep(backoff.multipliedBy(1L << (tried - 1)).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return record(target, event, releaseId, env, tried, attempt);
	}

	private NotificationDelivery record(Target target, String event, long releaseId, String env, int tried,
			Attempt attempt) {
		NotificationDelivery delivery = new NotificationDelivery();
		delivery.setChannel(target.name());
		delivery.setEvent(event);
		delivery.setReleaseId(releaseId);
		delivery.setEnv(env);
		delivery.setAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
		delivery.setOutcome(attempt.result() == Attempt.Result.SENT ? DeliveryOutcome.SENT : DeliveryOutcome.FAILED);
		delivery.setAttempts(tried);
		delivery.setAnswer(cut(Masks.scrub(attempt.answer(), target.url(), target.secret()), 512));
		delivery.setError(cut(Masks.scrub(attempt.error(), target.url(), target.secret()), 1024));
		if (delivery.getOutcome() == DeliveryOutcome.SENT) {
			log.info("Notice {} of release #{} sent to channel {} after {} attempt(s)", event, releaseId, target, tried);
		}
		else {
			log.warn("Notice {} of release #{} not sent to channel {} after {} attempt(s): {}", event, releaseId, target,
					tried, delivery.getError());
		}
		try {
			deliveries.insert(delivery);
		}
		catch (RuntimeException ex) {
			log.error("Could not record the delivery of {} to channel {}", event, target.name(), ex);
		}
		return delivery;
	}

	private static String cut(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
	}

}
