package io.platform.git;

import java.net.URISyntaxException;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A remote URL split into what JGit connects to and the credentials it answers with, so the password
 * never sits in a mirror's config or in a transport's error message.
 */
record RemoteAccess(String url, String masked, String password, CredentialsProvider credentials) {

	static RemoteAccess of(String url) {
		try {
			URIish uri = new URIish(url);
			if (uri.getPass() == null) {
				return new RemoteAccess(url, url, null, null);
			}
			String user = uri.getUser() == null ? "" : uri.getUser();
			return new RemoteAccess(uri.setPass(null).toPrivateString(), GitUrls.mask(url), uri.getPass(),
					new UsernamePasswordCredentialsProvider(user, uri.getPass()));
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Repository URL " + GitUrls.mask(url) + " cannot be parsed", ex);
		}
	}

	/** {@code text} with the password taken out, whatever put it there. */
	String scrub(String text) {
		if (text == null || password == null || password.isEmpty()) {
			return text;
		}
		return text.replace(password, "******");
	}

	@Override
	public String toString() {
		return "RemoteAccess[" + masked + "]";
	}

}
