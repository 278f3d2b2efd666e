package io.platform.git;

import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A remote URL split into what JGit connects to and the credentials it answers with, so neither the
 * password nor a token (over HTTP, the user of a URL without a password) ever sits in a mirror's config or
 * in a transport's error message.
 */
record RemoteAccess(String url, String masked, List<String> secrets, CredentialsProvider credentials) {

	static RemoteAccess of(String url) {
		try {
			URIish uri = new URIish(url);
			boolean httpUser = GitUrls.userIsSecret(uri.getScheme()) && uri.getUser() != null;
			if (uri.getPass() == null && !httpUser) {
				return new RemoteAccess(url, url, List.of(), null);
			}
			String user = uri.getUser() == null ? "" : uri.getUser();
			String password = uri.getPass() == null ? "" : uri.getPass();
			Set<String> secrets = new LinkedHashSet<>();
			for (String secret : httpUser && uri.getPass() == null ? List.of(user) : List.of(password)) {
				if (!secret.isEmpty()) {
					secrets.add(secret);
					secrets.add(encoded(secret));
				}
			}
			// Over HTTP the user goes too: it is the token when there is no password.
			URIish bare = httpUser ? uri.setUser(null).setPass(null) : uri.setPass(null);
			return new RemoteAccess(bare.toPrivateString(), GitUrls.mask(url), List.copyOf(secrets),
					new UsernamePasswordCredentialsProvider(user, password));
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Repository URL " + GitUrls.mask(url) + " cannot be parsed", ex);
		}
	}

	/** {@code text} with the password (or token) taken out, whatever put it there. */
	String scrub(String text) {
		if (text == null) {
			return null;
		}
		String scrubbed = text;
		for (String secret : secrets) {
			scrubbed = scrubbed.replace(secret, GitUrls.MASK);
		}
		return GitUrls.mask(scrubbed);
	}

	private static String encoded(String secret) {
		return URLEncoder.encode(secret, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "RemoteAccess[" + masked + "]";
	}

}
