package io.platform.git;

import java.net.URISyntaxException;
import java.util.Set;

import org.eclipse.jgit.transport.URIish;

/** Checks and masks repository URLs. */
public final class GitUrls {

	private static final Set<String> SCHEMES = Set.of("file", "http", "https", "ssh", "git");

	private GitUrls() {
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
					: "'" + url + "' is a local path; write it as file:///absolute/path";
		}
		if (!SCHEMES.contains(scheme)) {
			return "scheme '" + scheme + "' is not supported (use file, http, https, ssh or git)";
		}
		if (!"file".equals(scheme) && (uri.getHost() == null || uri.getHost().isBlank())) {
			return "'" + mask(url) + "' has no host";
		}
		return null;
	}

	/** The URL with any password replaced by {@code ******}, for answers and logs. */
	public static String mask(String url) {
		if (url == null) {
			return null;
		}
		// A pattern rather than URIish: URIish percent-encodes the mask and gives up on malformed URLs,
		// whose passwords must be hidden all the same.
		return url.replaceAll("(^|[/\\s])([^\\s/@:]+):[^\\s/@]*@", "$1$2:******@");
	}

}
