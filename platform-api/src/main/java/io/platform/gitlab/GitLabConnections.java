package io.platform.gitlab;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.git.GitUrls;
import io.platform.outbound.OutboundRules;
import io.platform.gitlab.GitLabMappers.ConnectionMapper;
import io.platform.gitlab.GitLabMappers.ProjectMapper;
import io.platform.support.crypto.SecretCipher;
import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Connected GitLab instances: checks the token before saving it sealed, and hands out API clients. */
@Service
class GitLabConnections implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(GitLabConnections.class);

	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final ConnectionMapper connections;

	private final ProjectMapper projects;

	private final SecretCipher cipher;

	// One client per connection: a Jersey client is costly to build and safe to share.
	private final Map<Long, GitLabApi> clients = new ConcurrentHashMap<>();

	/** How long GitLab has to answer each call (and at most 10 s of it to accept the connection). */
	private final Duration timeout;

	private final OutboundRules outbound;

	GitLabConnections(ConnectionMapper connections, ProjectMapper projects, SecretCipher cipher, OutboundRules outbound,
			@Value("${platform.gitlab.timeout:30s}") Duration timeout) {
		this.timeout = timeout;
		this.outbound = outbound;
		this.connections = connections;
		this.projects = projects;
		this.cipher = cipher;
	}

	@Override
	public void destroy() {
		clients.values().forEach(GitLabApi::close);
		clients.clear();
	}

	List<GitLabConnection> list() {
		return connections.selectList(new LambdaQueryWrapper<GitLabConnection>().orderByAsc(GitLabConnection::getName));
	}

	GitLabConnection get(long id) {
		GitLabConnection connection = connections.selectById(id);
		if (connection == null) {
			throw new NotFoundException("GitLab connection " + id + " does not exist.");
		}
		return connection;
	}

	/** Checks that the token works against the instance, then saves it sealed. */
	GitLabConnection create(GitLabConnectionRequest request) {
		String baseUrl = baseUrl(request.baseUrl());
		// Before the token is sent anywhere.
		outbound.checkGitLab("baseUrl", URI.create(baseUrl));
		String token = request.token().strip();
		if (connections.selectCount(new LambdaQueryWrapper<GitLabConnection>().eq(GitLabConnection::getName,
				request.name())) > 0) {
			throw duplicate(request.name());
		}
		String username;
		try (GitLabApi api = newClient(baseUrl, token)) {
			username = whoAmI(api, baseUrl);
		}
		GitLabConnection connection = new GitLabConnection();
		connection.setName(request.name());
		connection.setBaseUrl(baseUrl);
		connection.setTokenSealed(cipher.encrypt(token));
		connection.setUsername(username);
		connection.setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
		try {
			connections.insert(connection);
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(request.name());
		}
		log.info("Connected GitLab {} at {} as {}", connection.getName(), baseUrl, username);
		return connection;
	}

	/** Asks GitLab again whom the saved token acts as; a problem says what is wrong. */
	GitLabConnection check(long id) {
		GitLabConnection connection = get(id);
		String username = whoAmI(client(connection), connection.getBaseUrl());
		if (!username.equals(connection.getUsername())) {
			connection.setUsername(username);
			connections.updateById(connection);
		}
		return connection;
	}

	void delete(long id) {
		GitLabConnection connection = get(id);
		List<String> apps = projects
			.selectList(new LambdaQueryWrapper<GitLabProject>().eq(GitLabProject::getConnectionId, id))
			.stream()
			.map(GitLabProject::getApp)
			.toList();
		if (!apps.isEmpty()) {
			throw new ConflictException("GitLab connection '" + connection.getName() + "' is used by service(s) "
					+ String.join(", ", apps) + "; delete them first.");
		}
		connections.deleteById(id);
		GitLabApi client = clients.remove(id);
		if (client != null) {
			client.close();
		}
	}

	GitLabApi client(GitLabConnection connection) {
		return clients.computeIfAbsent(connection.getId(),
				id -> newClient(connection.getBaseUrl(), cipher.decrypt(connection.getTokenSealed())));
	}

	/** The token in clear, for Git over HTTPS; never logged or returned. */
	String token(GitLabConnection connection) {
		return cipher.decrypt(connection.getTokenSealed());
	}

	private GitLabApi newClient(String baseUrl, String token) {
		Duration connect = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
		return new GitLabApi(baseUrl, token).withRequestTimeout((int) connect.toMillis(), (int) timeout.toMillis());
	}

	private static String whoAmI(GitLabApi api, String baseUrl) {
		try {
			User user = api.getUserApi().getCurrentUser();
			return user == null || user.getUsername() == null ? "unknown" : user.getUsername();
		}
		catch (GitLabApiException ex) {
			throw GitLabFailures.of(ex, baseUrl, "the current user");
		}
	}

	/** The URL without a trailing slash; http(s) with a host, no credentials, query or fragment. */
	static String baseUrl(String raw) {
		String url = raw.strip();
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new InvalidInputException("baseUrl", "Base URL '" + GitUrls.mask(url) + "' cannot be parsed: " + GitUrls.mask(ex.getReason()) + ".");
		}
		if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new InvalidInputException("baseUrl",
					"Base URL must be http(s)://host of the GitLab instance, such as https://gitlab.example.com.");
		}
		if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new InvalidInputException("baseUrl",
					"Base URL must not carry a user, query or fragment; give the token separately.");
		}
		return url;
	}

	private static ConflictException duplicate(String name) {
		return new ConflictException("A GitLab connection named '" + name + "' already exists.");
	}

}
