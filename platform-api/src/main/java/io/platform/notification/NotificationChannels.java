package io.platform.notification;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.environment.EnvironmentDeleting;
import io.platform.environment.EnvironmentService;
import io.platform.notification.NotificationMappers.ChannelMapper;
import io.platform.notification.NotificationMappers.DeliveryMapper;
import io.platform.outbound.OutboundRules;
import io.platform.support.crypto.SecretCipher;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The notification channels: validated, their URL and secret sealed at rest and masked in every answer. */
@Service
class NotificationChannels {

	private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

	private static final int MAX_URL = 2048;

	private static final int MAX_RECIPIENTS = 50;

	private final ChannelMapper channels;

	private final DeliveryMapper deliveries;

	private final EnvironmentService environments;

	private final SecretCipher cipher;

	NotificationChannels(ChannelMapper channels, DeliveryMapper deliveries, EnvironmentService environments,
			SecretCipher cipher) {
		this.channels = channels;
		this.deliveries = deliveries;
		this.environments = environments;
		this.cipher = cipher;
	}

	/** A channel with its URL and secret in plain, for sending only; never for answers or logs. */
	record Target(String name, ChannelType type, String url, String secret, List<String> recipients) {

		@Override
		public String toString() {
			return name + " (" + type + ", " + Masks.url(url) + ")";
		}

	}

	record Saved(ChannelView view, boolean created) {
	}

	List<ChannelView> list() {
		return channels.selectList(new LambdaQueryWrapper<NotificationChannel>().orderByAsc(NotificationChannel::getName))
			.stream()
			.map(this::view)
			.toList();
	}

	ChannelView get(String name) {
		return view(find(name));
	}

	Target target(String name) {
		return target(find(name));
	}

	/** The channels that take {@code event} in {@code env} (a notice without an environment: any channel). */
	List<Target> targets(NoticeEvent event, String env) {
		List<Target> result = new ArrayList<>();
		for (NotificationChannel channel : channels.selectList(null)) {
			List<String> events = split(channel.getEvents());
			boolean takesEvent = events.isEmpty() || events.contains(event.name());
			boolean takesEnv = env == null || split(channel.getEnvs()).contains(env);
			if (takesEvent && takesEnv) {
				result.add(target(channel));
			}
		}
		return result;
	}

	@Transactional
	Saved put(String name, ChannelRequest request) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new InvalidInputException("name", "Channel name '" + name + "' is not a slug: lowercase letters, digits "
					+ "and '-', starting and ending with a letter or digit, at most 64 characters (e.g. team-dingtalk).");
		}
		if (request == null) {
			throw new InvalidInputException("type", "Send the channel as JSON: {type, url?, secret?, recipients?, envs, events?}.");
		}
		ChannelType type = type(request.type());
		NotificationChannel channel = channels
			.selectOne(new LambdaQueryWrapper<NotificationChannel>().eq(NotificationChannel::getName, name));
		boolean created = channel == null;
		String url = null;
		List<String> recipients = List.of();
		if (type.isRobot()) {
			url = robotUrl(type, request.url());
			if (request.recipients() != null && !request.recipients().isEmpty()) {
				throw new InvalidInputException("recipients", "recipients are for EMAIL channels; a " + type
						+ " robot posts to its group: leave them out.");
			}
		}
		else {
			if (request.url() != null && !request.url().isBlank()) {
				throw new InvalidInputException("url", "An EMAIL channel has no url: it sends through the platform's SMTP "
						+ "server (spring.mail.*) to its recipients; leave url out.");
			}
			if (request.secret() != null && !request.secret().isEmpty()) {
				throw new InvalidInputException("secret", "An EMAIL channel has no secret; leave it out.");
			}
			recipients = recipients(request.recipients());
		}
		List<String> envs = envs(request.envs());
		List<String> events = events(request.events());
		if (request.secret() != null && request.secret().length() > 512) {
			throw new InvalidInputException("secret", "secret must be at most 512 characters.");
		}
		if (created) {
			channel = new NotificationChannel();
			channel.setName(name);
		}
		String secret;
		if (request.secret() != null) {
			secret = request.secret().isEmpty() ? null : cipher.encrypt(request.secret());
		}
		else {
			// Left out: the channel keeps the secret it has, unless it became an e-mail channel.
			secret = created || !type.isRobot() ? null : channel.getSecretText();
		}
		channel.setChannelType(type);
		channel.setUrlText(url == null ? null : cipher.encrypt(url));
		channel.setSecretText(secret);
		channel.setRecipients(String.join(",", recipients));
		channel.setEnvs(String.join(",", envs));
		channel.setEvents(String.join(",", events));
		channel.setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
		if (created) {
			channels.insert(channel);
		}
		else {
			channels.updateById(channel);
		}
		return new Saved(view(channel), created);
	}

	@Transactional
	void delete(String name) {
		NotificationChannel channel = find(name);
		channels.deleteById(channel.getId());
		deliveries.delete(new LambdaQueryWrapper<NotificationDelivery>().eq(NotificationDelivery::getChannel, name));
	}

	List<DeliveryView> deliveries(String name, int limit) {
		find(name);
		return deliveries
			.selectList(new LambdaQueryWrapper<NotificationDelivery>().eq(NotificationDelivery::getChannel, name)
				.orderByDesc(NotificationDelivery::getId)
				.last("LIMIT " + limit))
			.stream()
			.map(DeliveryView::of)
			.toList();
	}

	/** A removed environment is taken off the channels' lists; a channel left with none stays, taking nothing. */
	@EventListener
	void on(EnvironmentDeleting event) {
		for (NotificationChannel channel : channels.selectList(null)) {
			List<String> envs = new ArrayList<>(split(channel.getEnvs()));
			if (envs.remove(event.name())) {
				channel.setEnvs(String.join(",", envs));
				channels.updateById(channel);
			}
		}
	}

	private NotificationChannel find(String name) {
		NotificationChannel channel = channels
			.selectOne(new LambdaQueryWrapper<NotificationChannel>().eq(NotificationChannel::getName, name));
		if (channel == null) {
			throw new NotFoundException("No notification channel '" + name + "'.");
		}
		return channel;
	}

	private static ChannelType type(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("type", "type is required: one of " + Arrays.toString(ChannelType.values()) + ".");
		}
		try {
			return ChannelType.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("type", "Unknown channel type '" + value + "': use one of "
					+ Arrays.toString(ChannelType.values()) + ".");
		}
	}

	/** The robot's webhook URL: HTTPS (it carries the access token), plain HTTP only to this machine. */
	private static String robotUrl(ChannelType type, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("url", "url is required for a " + type + " robot: its webhook address, as the "
					+ "group's robot settings show it.");
		}
		String url = value.strip();
		if (url.length() > MAX_URL) {
			throw new InvalidInputException("url", "url must be at most " + MAX_URL + " characters.");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			// The reason only: the URL itself carries the token and is not repeated.
			throw new InvalidInputException("url", "url is not a valid URL (" + ex.getReason() + ").");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new InvalidInputException("url", "url must be an https:// URL with a host, such as the robot's webhook "
					+ "address.");
		}
		if (scheme.equals("http") && !OutboundRules.isLoopback(uri.getHost())) {
			throw new InvalidInputException("url", "url must use https://: the robot's access token travels in it. Plain "
					+ "http:// is only allowed to this machine (localhost, 127.0.0.1).");
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidInputException("url", "url must not carry a user name or password.");
		}
		return url;
	}

	private static List<String> recipients(List<String> values) {
		if (values == null || values.isEmpty()) {
			throw new InvalidInputException("recipients", "recipients are required for an EMAIL channel: the e-mail "
					+ "addresses to send to, e.g. [\"release-team@example.com\"].");
		}
		if (values.size() > MAX_RECIPIENTS) {
			throw new InvalidInputException("recipients", "At most " + MAX_RECIPIENTS + " recipients; use a mailing list.");
		}
		Set<String> result = new LinkedHashSet<>();
		for (String value : values) {
			String address = value == null ? "" : value.strip();
			try {
				InternetAddress parsed = new InternetAddress(address, true);
				parsed.validate();
				if (parsed.getAddress().contains(",") || !parsed.getAddress().contains("@")) {
					throw new AddressException("not a single address");
				}
				result.add(parsed.getAddress());
			}
			catch (AddressException ex) {
				throw new InvalidInputException("recipients", "'" + address + "' is not a valid e-mail address "
						+ "(name@example.com).");
			}
		}
		return List.copyOf(result);
	}

	private List<String> envs(List<String> values) {
		if (values == null || values.isEmpty()) {
			throw new InvalidInputException("envs", "envs is required: the environments whose release notices this channel "
					+ "takes, e.g. [\"test\", \"prod\"].");
		}
		Set<String> result = new LinkedHashSet<>();
		for (String value : values) {
			String env = value == null ? "" : value.strip();
			if (environments.lookup(env).isEmpty()) {
				throw new InvalidInputException("envs", "No environment '" + env + "'; GET /api/environments lists them.");
			}
			result.add(environments.lookup(env).get().getName());
		}
		return List.copyOf(result);
	}

	private static List<String> events(List<String> values) {
		if (values == null) {
			return List.of();
		}
		Set<String> result = new LinkedHashSet<>();
		for (String value : values) {
			try {
				result.add(NoticeEvent.valueOf(value == null ? "" : value.strip().toUpperCase(Locale.ROOT)).name());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("events", "Unknown event '" + value + "': use any of "
						+ Arrays.toString(NoticeEvent.values()) + ", or leave events out for every event.");
			}
		}
		return List.copyOf(result);
	}

	private Target target(NotificationChannel channel) {
		return new Target(channel.getName(), channel.getChannelType(),
				channel.getUrlText() == null ? null : cipher.decrypt(channel.getUrlText()),
				channel.getSecretText() == null ? null : cipher.decrypt(channel.getSecretText()),
				split(channel.getRecipients()));
	}

	private ChannelView view(NotificationChannel channel) {
		String url = channel.getUrlText() == null ? null : Masks.url(cipher.decrypt(channel.getUrlText()));
		return new ChannelView(channel.getName(), channel.getChannelType(), url,
				channel.getSecretText() == null ? null : Masks.MASK, split(channel.getRecipients()),
				split(channel.getEnvs()), split(channel.getEvents()), channel.getUpdatedAt());
	}

	static List<String> split(String joined) {
		if (joined == null || joined.isBlank()) {
			return List.of();
		}
		return Arrays.stream(joined.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

}
