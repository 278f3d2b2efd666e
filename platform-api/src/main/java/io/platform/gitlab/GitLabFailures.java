package io.platform.gitlab;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;
import io.platform.support.web.PlatformException;
import io.platform.support.web.UpstreamException;
import org.gitlab4j.api.GitLabApiException;

/** Turns GitLab's refusals into the platform's problems, in words a person can act on. */
final class GitLabFailures {

	private GitLabFailures() {
	}

	/**
	 * @param baseUrl the instance, named in the problem
	 * @param what what was asked for, such as "project group/app" (for 404s)
	 */
	static PlatformException of(GitLabApiException ex, String baseUrl, String what) {
		String message = message(ex);
		String lower = message.toLowerCase(Locale.ROOT);
		return switch (ex.getHttpStatus()) {
			case 0 -> new UpstreamException("Could not reach GitLab at " + baseUrl + ": " + unreachable(ex) + ".", ex);
			case 401 -> new UpstreamException("GitLab at " + baseUrl
					+ " rejected the token (401): it is wrong, expired or revoked.", ex);
			case 403 -> lower.contains("insufficient_scope") || lower.contains("scope")
					? new UpstreamException("GitLab at " + baseUrl
							+ " says the token lacks the api scope (403); create a token with the api scope.", ex)
					: new UpstreamException("GitLab at " + baseUrl + " refused " + what + " (403): " + message + ".", ex);
			case 404 -> new NotFoundException(capitalized(what) + " was not found in GitLab at " + baseUrl
					+ " (or the token cannot see it).");
			case 400, 409, 422 -> lower.contains("already exists") ? new ConflictException("GitLab: " + message + ".")
					: new InvalidInputException(null, "GitLab refused " + what + ": " + message + ".");
			default -> new UpstreamException("GitLab at " + baseUrl + " failed on " + what + " (HTTP "
					+ ex.getHttpStatus() + "): " + message + ".", ex);
		};
	}

	/** What GitLab said, without the status line it sometimes repeats ("400 Bad request - ..."). */
	static String message(GitLabApiException ex) {
		String message = ex.getMessage() == null ? ex.getReason() : ex.getMessage();
		if (message == null) {
			return "no reason given";
		}
		return message.strip().replaceFirst("^\\d{3} [A-Za-z ]+ - ", "");
	}

	private static String unreachable(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof UnknownHostException) {
				return "host not found";
			}
			if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
				return "connection refused";
			}
			if (t instanceof SocketTimeoutException) {
				return "no answer in time (platform.gitlab.timeout)";
			}
			if (t instanceof SSLException) {
				return "TLS failed (" + t.getMessage() + ")";
			}
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
	}

	private static String capitalized(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
