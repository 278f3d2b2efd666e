package io.platform.git;

import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.transport.URIish;

/** Checks and masks repository URLs. */
public final class GitUrls {

	private static final Set<String> SCHEMES = Set.of("file", "http", "https", "ssh", "git");

	/**
	 * A URL with a scheme and user information: everything between {@code //} and the last {@code @} before
	 * the path, so an {@code @} inside the password stays inside it.
	 */
	private static final Pattern WITH_SCHEME = Pattern
		.compile("(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<userinfo>[^\\s/?#]*)@");

	/** An scp-like {@code user:password@host:path} (rare, but its password must go all the same). */
	private static final Pattern SCP_LIKE = Pattern.compile("(^|\\s)([^\\s/@:]+):[^\\s/]*@");

	static final String MASK = "******";

	private GitUrls() {
	}

	/**
	 * Whether the user of a URL with this scheme is sent as a credential. Over HTTP it is: without a
	 * password it can only be a token ({@code https://glpat-...@host/x.git}), the platform having no
	 * credential helper to ask for one. Over SSH the user only names the account; the key is the secret.
	 */
	static boolean userIsSecret(String scheme) {
		String lower = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
		return lower.equals("http") || lower.equals("https");
	}

	/**
	 * Why the URL cannot be used, phrased to follow "Repository URL", or {@code null} when it is fine.
	 * Only plain transports are allowed: no {@code ext::} helpers, no local paths without {@code file://}.
	 */
	public static String problem(String url) {
		if (url.startsWith("-") || url.contains("::")
				|| url.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
			return "'" + mask(url) + "' is not a Git URL the platform accepts (use file://, http(s)://, ssh:// or user@host:path)";
		}
		URIish uri;
		try {
			uri = new URIish(url);
		}
		catch (URISyntaxException ex) {
			return "'" + mask(url) + "' cannot be parsed: " + ex.getReason();
		}
		String scheme = uri.getScheme();
		if (scheme == null) {
			// scp-like user@host:path is ssh; a bare path is not accepted (it would depend on the server's cwd).
			return uri.getHost() != null ? null
					: "'" + mask(url) + "' is a local path; write it as file:///absolute/path";
		}
		if (!SCHEMES.contains(scheme)) {
			return "scheme '" + scheme + "' is not supported (use file, http, https, ssh or git)";
		}
		if (!"file".equals(scheme) && (uri.getHost() == null || uri.getHost().isBlank())) {
			return "'" + mask(url) + "' has no host";
		}
		return null;
	}

	/**
	 * The URL (or any text holding URLs) with every password replaced by {@code ******}, and over HTTP a
	 * user without a password too (it is a token), for answers, logs and audit entries.
	 */
	public static String mask(String url) {
		if (url == null) {
			return null;
		}
		// Patterns rather than URIish: URIish percent-encodes the mask and gives up on malformed URLs,
		// whose passwords must be hidden all the same.
		Matcher matcher = WITH_SCHEME.matcher(url);
		StringBuilder masked = new StringBuilder();
		while (matcher.find()) {
			String scheme = matcher.group("scheme");
			String userInfo = matcher.group("userinfo");
			int colon = userInfo.indexOf(':');
			String shown;
			if (colon >= 0) {
				shown = userInfo.substring(0, colon) + ":" + MASK;
			}
			else {
				shown = userIsSecret(scheme) ? MASK : userInfo;
			}
			matcher.appendReplacement(masked, Matcher.quoteReplacement(scheme + "://" + shown + "@"));
		}
		matcher.appendTail(masked);
		return SCP_LIKE.matcher(masked).replaceAll("$1$2:" + MASK + "@");
	}

}
