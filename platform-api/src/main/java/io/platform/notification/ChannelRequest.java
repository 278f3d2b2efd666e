package io.platform.notification;

import java.util.List;

/**
 * A channel as an admin sets it: {@code type} DINGTALK, WECOM, FEISHU or EMAIL; {@code url} for robots;
 * {@code secret} for signed robots (left out: an existing channel keeps its secret; empty: no secret);
 * {@code recipients} for e-mail; {@code envs} whose notices it takes; {@code events} (none: every event).
 */
record ChannelRequest(String type, String url, String secret, List<String> recipients, List<String> envs,
		List<String> events) {

}
