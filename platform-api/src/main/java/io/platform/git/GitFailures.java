package io.platform.git;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;

import io.platform.support.web.UpstreamException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/** Turns what JGit throws at a remote into an {@link UpstreamException} that says what went wrong in plain words. */
final class GitFailures {

	private GitFailures() {
	}

	static UpstreamException upstream(RemoteAccess remote, String action, int timeoutSeconds, Throwable ex) {
		return new UpstreamException("Could not " + action + " Git repository " + remote.masked() + ": "
				+ reason(remote, timeoutSeconds, ex) + ".", ex);
	}

	static String reason(RemoteAccess remote, int timeoutSeconds, Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof UnknownHostException) {
				return "host not found" + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
			}
			if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
				return "connection refused";
			}
			if (t instanceof InterruptedIOException) {
				return "no answer within " + timeoutSeconds + " s";
			}
			if (t instanceof NoRemoteRepositoryException) {
				return "repository not found";
			}
			String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
			if (message.contains("not authorized") || message.contains("authentication is required")
					|| message.contains("auth fail") || message.contains("authentication failed")
					|| message.contains("no more authentication methods") || message.contains("cannot log in")
					|| message.contains("permission denied")) {
				return "not authorized (check the user and password or key for this URL)";
			}
			if (message.contains("host key") || message.contains("known_hosts")
					|| message.contains("server key did not validate")) {
				return "the server's host key is not trusted (add it to ~/.ssh/known_hosts)";
			}
			if (message.contains("connection refused")) {
				return "connection refused";
			}
			if (message.contains("timed out") || message.contains("timeout")) {
				return "no answer within " + timeoutSeconds + " s";
			}
			if (message.contains("not found") || message.contains("does not appear to be a git repository")) {
				return "repository not found";
			}
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		return remote.scrub(message);
	}

}
