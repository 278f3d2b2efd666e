package io.platform.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import io.platform.support.web.InvalidInputException;

import org.eclipse.jgit.transport.URIish;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the platform may connect to on a user's say-so: the per-kind allowlists of schemes and hosts that
 * admins set ({@code platform.outbound.*}), checked when a URL is given through the API. A refusal names
 * the setting that would allow it.
 *
 * <p>Hosts are {@code *} (any), a name ({@code git.example.com}) or a domain and its subdomains
 * ({@code *.example.com}). Loopback addresses are this machine: plain HTTP to them is allowed where the
 * rest needs TLS (a test server, a local GitLab).
 */
@Component
public class OutboundRules {

	private final boolean gitFileUrls;

	private final List<String> gitSchemes;

	private final List<String> gitHosts;

	private final List<String> gitlabHosts;

	private final List<String> dockerPlainTcpHosts;

	private final List<String> oapSchemes;

	private final List<String> oapHosts;

	OutboundRules(@Value("${platform.git.allow-file-urls:false}") boolean gitFileUrls,
			@Value("${platform.outbound.git.schemes:https,ssh}") List<String> gitSchemes,
			@Value("${platform.outbound.git.hosts:*}") List<String> gitHosts,
			@Value("${platform.outbound.gitlab.hosts:*}") List<String> gitlabHosts,
			@Value("${platform.outbound.docker.plain-tcp-hosts:}") List<String> dockerPlainTcpHosts,
			@Value("${platform.outbound.oap.schemes:http,https}") List<String> oapSchemes,
			@Value("${platform.outbound.oap.hosts:*}") List<String> oapHosts) {
		this.gitFileUrls = gitFileUrls;
		this.gitSchemes = lower(gitSchemes);
		this.gitHosts = lower(gitHosts);
		this.gitlabHosts = lower(gitlabHosts);
		this.dockerPlainTcpHosts = lower(dockerPlainTcpHosts);
		this.oapSchemes = lower(oapSchemes);
		this.oapHosts = lower(oapHosts);
	}

	/** A service's repository URL (already checked to be a Git URL the platform understands). */
	public void checkGitRemote(String field, String url) {
		URIish uri;
		try {
			uri = new URIish(url);
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputException(field, "Repository URL cannot be parsed: " + ex.getReason() + ".");
		}
		// scp-like user@host:path is SSH
		String scheme = uri.getScheme() == null ? "ssh" : uri.getScheme().toLowerCase(Locale.ROOT);
		if ("file".equals(scheme)) {
			if (!gitFileUrls) {
				throw new InvalidInputException(field, "Repository URLs on the platform's own disk (file://) are not allowed:"
						+ " they would let a service read any repository on the platform's machine. An admin can allow them"
						+ " with platform.git.allow-file-urls=true.");
			}
			return;
		}
		String host = uri.getHost();
		boolean plainToThisMachine = "http".equals(scheme) && isLoopback(host);
		if (!gitSchemes.contains(scheme) && !plainToThisMachine) {
			throw new InvalidInputException(field, "Repository URLs with scheme '" + scheme + "' are not allowed (allowed: "
					+ String.join(", ", gitSchemes) + "). Use one of those, or ask an admin to add it to platform.outbound.git.schemes.");
		}
		if (!matches(gitHosts, host)) {
			throw new InvalidInputException(field, "Git host '" + host + "' is not allowed (allowed: " + String.join(", ", gitHosts)
					+ "). Ask an admin to add it to platform.outbound.git.hosts.");
		}
	}

	/** A GitLab instance's base URL: HTTPS (its token travels with every call), plain HTTP only to this machine. */
	public void checkGitLab(String field, URI base) {
		String host = base.getHost();
		if (!"https".equals(base.getScheme()) && !isLoopback(host)) {
			throw new InvalidInputException(field, "GitLab base URL must use https:// (the access token is sent with every"
					+ " call); plain http:// is only allowed to this machine (localhost, 127.0.0.1).");
		}
		if (!matches(gitlabHosts, host)) {
			throw new InvalidInputException(field, "GitLab host '" + host + "' is not allowed (allowed: "
					+ String.join(", ", gitlabHosts) + "). Ask an admin to add it to platform.outbound.gitlab.hosts.");
		}
	}

	/** A Docker engine URL ({@code unix://} or {@code tcp://}): the platform speaks to it without TLS. */
	public void checkDockerEngine(String field, String url) {
		if (!url.startsWith("tcp://")) {
			return;
		}
		String host;
		try {
			host = new URI(url).getHost();
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputException(field, "Docker engine URL '" + url + "' cannot be parsed: " + ex.getReason() + ".");
		}
		if (host == null) {
			throw new InvalidInputException(field, "Docker engine URL '" + url + "' has no host.");
		}
		if (isLoopback(host) || matches(dockerPlainTcpHosts, host)) {
			return;
		}
		throw new InvalidInputException(field, "Docker engine " + url + " is on another machine, and the platform reaches"
				+ " engines over tcp:// without TLS: anyone on the way could run containers as root there. Use an engine"
				+ " on this machine (unix:///var/run/docker.sock), or, on a network you trust, ask an admin to list '"
				+ host + "' in platform.outbound.docker.plain-tcp-hosts.");
	}

	/** A SkyWalking OAP address: an http(s) URL, or the collector's {@code host:port}. */
	public void checkOap(String field, String address) {
		String scheme;
		String host;
		for (String one : address.split(",")) {
			String value = one.strip();
			if (value.isEmpty()) {
				continue;
			}
			boolean url = value.contains("://");
			try {
				URI uri = new URI(url ? value : "grpc://" + value);
				scheme = uri.getScheme().toLowerCase(Locale.ROOT);
				host = uri.getHost();
			}
			catch (URISyntaxException ex) {
				throw new InvalidInputException(field, "OAP address '" + value + "' cannot be parsed: " + ex.getReason() + ".");
			}
			if (url && !oapSchemes.contains(scheme)) {
				throw new InvalidInputException(field, "OAP URLs with scheme '" + scheme + "' are not allowed (allowed: "
						+ String.join(", ", oapSchemes) + "). Ask an admin to add it to platform.outbound.oap.schemes.");
			}
			if (host == null || !matches(oapHosts, host)) {
				throw new InvalidInputException(field, "OAP host '" + host + "' is not allowed (allowed: "
						+ String.join(", ", oapHosts) + "). Ask an admin to add it to platform.outbound.oap.hosts.");
			}
		}
	}

	/** Whether {@code host} names this machine (a loopback address or localhost), without asking DNS. */
	public static boolean isLoopback(String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		if (name.equals("localhost") || name.endsWith(".localhost")) {
			return true;
		}
		if (!name.matches("[0-9.]+") && !name.contains(":")) {
			return false;
		}
		try {
			// a literal address: parsed, never looked up
			return InetAddress.getByName(name).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	static boolean matches(List<String> allowed, String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		for (String rule : allowed) {
			if (rule.equals("*") || rule.equals(name) || (rule.startsWith("*.")
					&& (name.endsWith(rule.substring(1)) || name.equals(rule.substring(2))))) {
				return true;
			}
		}
		return false;
	}

	private static List<String> lower(List<String> values) {
		return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty()).toList();
	}

}
