package io.platform.support.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Addresses the web UI puts in a link: absolute http(s) URLs with a host, nothing else. A
 * {@code javascript:}, {@code data:} or {@code vbscript:} address would run in the platform's page when
 * clicked, so it is refused where it is written and never handed out as a link.
 */
public final class HttpUrls {

	private HttpUrls() {
	}

	public static boolean isHttp(String value) {
		if (value == null) {
			return false;
		}
		try {
			URI uri = new URI(value.strip());
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/** The value when it is an http(s) URL, else null (an answer then shows no link). */
	public static String httpOrNull(String value) {
		return isHttp(value) ? value : null;
	}

}
