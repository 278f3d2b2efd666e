package io.platform.notification;

import java.time.Instant;
import java.util.List;

/** A channel as the API shows it: the URL's token and the secret are always {@code ******}. */
record ChannelView(String name, ChannelType type, String url, String secret, List<String> recipients,
		List<String> envs, List<String> events, Instant updatedAt) {

}
