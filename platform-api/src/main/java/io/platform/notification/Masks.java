package io.platform.notification;

import java.util.regex.Pattern;

/**
 * Hides what gives access to a channel. A robot's URL carries its credential: DingTalk's
 * {@code access_token} and WeCom's {@code key} query parameters, Feishu's hook id in the path; each is shown
 * as {@code ******} in answers, logs and the audit trail, as are the channel's secret and signatures.
 */
final class Masks {

	static final String MASK = "******";

	private static final Pattern TOKEN_PARAMETER = Pattern
		.compile("(?i)([?&](?:access_token|key|token|sign|secret)=)[^&#]*");

	private static final Pattern HOOK_PATH = Pattern.compile("(?i)(/hook/)[^/?#]+");

	private static final int MIN_MASKED_LENGTH = 4;

	private Masks() {
	}

	static String url(String url) {
		if (url == null) {
			return null;
		}
		return HOOK_PATH.matcher(TOKEN_PARAMETER.matcher(url).replaceAll("$1" + MASK)).replaceAll("$1" + MASK);
	}

	/**
	 * A text (an error message, a vendor's answer) with the channel's URL, its tokens and its secret
	 * replaced by the mask.
	 */
	static String scrub(String text, String url, String secret) {
		if (text == null) {
			return null;
		}
		String result = text;
		if (url != null && !url.isEmpty()) {
			result = result.replace(url, url(url));
			for (String credential : credentials(url)) {
				result = result.replace(credential, MASK);
			}
		}
		if (secret != null && secret.length() >= MIN_MASKED_LENGTH) {
			result = result.replace(secret, MASK);
		}
		return url(result);
	}

	/** The token values in a URL, as they appear there. */
	private static java.util.List<String> credentials(String url) {
		java.util.List<String> values = new java.util.ArrayList<>();
		for (Pattern pattern : new Pattern[] { TOKEN_PARAMETER, HOOK_PATH }) {
			var matcher = pattern.matcher(url);
			while (matcher.find()) {
				String value = url.substring(matcher.end(1), matcher.end());
				if (value.length() >= MIN_MASKED_LENGTH) {
					values.add(value);
				}
			}
		}
		return values;
	}

}
