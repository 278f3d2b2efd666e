package io.platform.gitlab;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A recorded-response GitLab on a loopback port: the few REST API v4 endpoints the platform calls,
 * answered in the shapes GitLab documents (docs.gitlab.com/api/rest, .../api/branches,
 * .../api/projects, .../api/project_webhooks): X-Total, X-Total-Pages, X-Page, X-Per-Page, X-Next-Page,
 * X-Prev-Page and Link headers on lists, {"message": ...} error bodies, and the OAuth
 * {"error": "insufficient_scope", ...} body for a token without the api scope.
 */
final class FakeGitLab implements AutoCloseable {

	static final String TOKEN = "glpat-Ahx3oNg7eiZ1";

	/** A token with read_repository only: the API answers 403 insufficient_scope. */
	static final String READ_ONLY_TOKEN = "glpat-readrepo-only";

	static final String USER = "jsmith";

	static final String COMMIT_DATE = "2026-11-20T09:15:30.000+01:00";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PROJECT = Pattern.compile("/api/v4/projects/([^/]+)(/.*)?");

	private final HttpServer server;

	/** Every call, as "METHOD raw-path?query" plus its form or query parameters. */
	final List<Call> calls = new CopyOnWriteArrayList<>();

	final List<Map<String, Object>> projects = new CopyOnWriteArrayList<>();

	final Map<Long, List<Map<String, Object>>> branches = new LinkedHashMap<>();

	/** Whether the token's user may add webhooks (Maintainer); else 403 as GitLab answers a Developer. */
	volatile boolean hooksAllowed = true;

	record Call(String method, String path, Map<String, String> params) {
	}

	private FakeGitLab(HttpServer server) {
		this.server = server;
	}

	static FakeGitLab start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		FakeGitLab gitlab = new FakeGitLab(server);
		server.createContext("/", gitlab::handle);
		server.start();
		return gitlab;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/**
	 * Serves Git over HTTP under {@code /git/} on GitLab's own address, as GitLab does, by passing the
	 * requests on to a Git server at {@code gitOrigin} (scheme, host and port).
	 */
	void serveGit(String gitOrigin) {
		java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
		server.createContext("/git/", exchange -> {
			try (exchange) {
				String query = exchange.getRequestURI().getRawQuery();
				java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
					.newBuilder(java.net.URI.create(gitOrigin + exchange.getRequestURI().getRawPath()
							+ (query == null ? "" : "?" + query)))
					.method(exchange.getRequestMethod(), java.net.http.HttpRequest.BodyPublishers
						.ofByteArray(exchange.getRequestBody().readAllBytes()));
				exchange.getRequestHeaders().forEach((name, values) -> {
					if (PASSED_ON.contains(name.toLowerCase(java.util.Locale.ROOT))) {
						values.forEach(value -> request.header(name, value));
					}
				});
				java.net.http.HttpResponse<byte[]> answer = client.send(request.build(),
						java.net.http.HttpResponse.BodyHandlers.ofByteArray());
				answer.headers().map().forEach((name, values) -> {
					if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
							&& !name.startsWith(":")) {
						exchange.getResponseHeaders().put(name, values);
					}
				});
				byte[] body = answer.body();
				exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
				exchange.getResponseBody().write(body);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	private static final java.util.Set<String> PASSED_ON = java.util.Set.of("authorization", "content-type",
			"content-encoding", "accept", "accept-encoding", "git-protocol", "user-agent");

	/** A repository's URL as GitLab gives it (http_url_to_repo), once {@link #serveGit} is on. */
	String repositoryUrl(String name) {
		return baseUrl() + "/git/" + name;
	}

	Map<String, Object> addProject(long id, String pathWithNamespace, String httpUrlToRepo) {
		String path = pathWithNamespace.substring(pathWithNamespace.lastIndexOf('/') + 1);
		Map<String, Object> project = new LinkedHashMap<>();
		project.put("id", id);
		project.put("description", null);
		project.put("name", path);
		project.put("name_with_namespace", pathWithNamespace.replace("/", " / "));
		project.put("path", path);
		project.put("path_with_namespace", pathWithNamespace);
		project.put("created_at", "2026-01-05T10:00:00.000Z");
		project.put("default_branch", "main");
		project.put("ssh_url_to_repo", "git@gitlab.example.com:" + pathWithNamespace + ".git");
		project.put("http_url_to_repo", httpUrlToRepo);
		project.put("web_url", "https://gitlab.example.com/" + pathWithNamespace);
		project.put("namespace", Map.of("id", 7, "name", pathWithNamespace.split("/")[0], "path",
				pathWithNamespace.split("/")[0], "kind", "group", "full_path", pathWithNamespace.split("/")[0]));
		projects.add(project);
		branches.put(id, new CopyOnWriteArrayList<>());
		return project;
	}

	Map<String, Object> addBranch(long projectId, String name, String commitId, boolean isProtected, boolean isDefault,
			boolean merged) {
		Map<String, Object> commit = new LinkedHashMap<>();
		commit.put("id", commitId);
		commit.put("short_id", commitId.substring(0, 8));
		commit.put("created_at", COMMIT_DATE);
		commit.put("parent_ids", List.of());
		commit.put("title", "Work on " + name);
		commit.put("message", "Work on " + name + "\n");
		commit.put("author_name", "John Smith");
		commit.put("author_email", "john@example.com");
		commit.put("authored_date", COMMIT_DATE);
		commit.put("committer_name", "John Smith");
		commit.put("committer_email", "john@example.com");
		commit.put("committed_date", COMMIT_DATE);
		commit.put("trailers", Map.of());
		commit.put("web_url", "https://gitlab.example.com/-/commit/" + commitId);
		Map<String, Object> branch = new LinkedHashMap<>();
		branch.put("name", name);
		branch.put("merged", merged);
		branch.put("protected", isProtected);
		branch.put("default", isDefault);
		branch.put("developers_can_push", false);
		branch.put("developers_can_merge", false);
		branch.put("can_push", true);
		branch.put("web_url", "https://gitlab.example.com/-/tree/" + name);
		branch.put("commit", commit);
		branches.get(projectId).add(branch);
		return branch;
	}

	List<Call> calls(String method, String pathPrefix) {
		return calls.stream().filter(c -> c.method().equals(method) && c.path().startsWith(pathPrefix)).toList();
	}

	@Override
	public void close() {
		server.stop(0);
	}

	// --- the API

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, String> params = params(exchange);
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getRawPath();
			calls.add(new Call(method, path, params));
			String token = exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN");
			if (READ_ONLY_TOKEN.equals(token)) {
				send(exchange, 403, Map.of("error", "insufficient_scope", "error_description",
						"The request requires higher privileges than provided by the access token.", "scope", "api"), Map.of());
				return;
			}
			if (!TOKEN.equals(token)) {
				send(exchange, 401, Map.of("message", "401 Unauthorized"), Map.of());
				return;
			}
			if (method.equals("GET") && path.equals("/api/v4/user")) {
				send(exchange, 200, Map.of("id", 1, "username", USER, "name", "John Smith", "state", "active",
						"web_url", "https://gitlab.example.com/" + USER), Map.of());
				return;
			}
			if (method.equals("GET") && path.equals("/api/v4/projects")) {
				list(exchange, params, filter(projects, "path_with_namespace", params.get("search")));
				return;
			}
			Matcher group = Pattern.compile("/api/v4/groups/([^/]+)/projects").matcher(path);
			if (method.equals("GET") && group.matches()) {
				String prefix = decode(group.group(1)) + "/";
				list(exchange, params, filter(projects, "path_with_namespace", params.get("search")).stream()
					.filter(p -> ((String) p.get("path_with_namespace")).startsWith(prefix))
					.toList());
				return;
			}
			Matcher project = PROJECT.matcher(path);
			if (project.matches()) {
				Map<String, Object> found = project(decode(project.group(1)));
				if (found == null) {
					send(exchange, 404, Map.of("message", "404 Project Not Found"), Map.of());
					return;
				}
				projectCall(exchange, method, project.group(2) == null ? "" : project.group(2), found, params);
				return;
			}
			send(exchange, 404, Map.of("error", "404 Not Found"), Map.of());
		}
	}

	private void projectCall(HttpExchange exchange, String method, String rest, Map<String, Object> project,
			Map<String, String> params) throws IOException {
		long id = ((Number) project.get("id")).longValue();
		List<Map<String, Object>> projectBranches = branches.get(id);
		if (method.equals("GET") && rest.isEmpty()) {
			send(exchange, 200, project, Map.of());
		}
		else if (method.equals("GET") && rest.equals("/repository/branches")) {
			list(exchange, params, filter(projectBranches, "name", params.get("search")));
		}
		else if (method.equals("POST") && rest.equals("/repository/branches")) {
			String name = params.get("branch");
			String ref = params.get("ref");
			if (name == null || ref == null) {
				send(exchange, 400, Map.of("error", "branch is missing, ref is missing"), Map.of());
			}
			else if (projectBranches.stream().anyMatch(b -> b.get("name").equals(name))) {
				send(exchange, 400, Map.of("message", "Branch already exists"), Map.of());
			}
			else if (name.startsWith("release/")) {
				// GitLab's answer when a protected-branch rule forbids the user to create this name.
				send(exchange, 403, Map.of("message", "403 Forbidden - You are not allowed to push into this branch"),
						Map.of());
			}
			else if (name.contains("..") || name.contains(" ")) {
				send(exchange, 400, Map.of("message", "Branch name is invalid"), Map.of());
			}
			else {
				Map<String, Object> from = projectBranches.stream().filter(b -> b.get("name").equals(ref)).findFirst().orElse(null);
				if (from == null) {
					send(exchange, 400, Map.of("message", "Invalid reference name: " + ref), Map.of());
					return;
				}
				@SuppressWarnings("unchecked")
				String commit = (String) ((Map<String, Object>) from.get("commit")).get("id");
				send(exchange, 201, addBranch(id, name, commit, false, false, true), Map.of());
			}
		}
		else if (method.equals("POST") && rest.equals("/hooks")) {
			if (!hooksAllowed) {
				send(exchange, 403, Map.of("message", "403 Forbidden"), Map.of());
				return;
			}
			Map<String, Object> hook = new LinkedHashMap<>();
			hook.put("id", 900 + id);
			hook.put("url", params.get("url"));
			hook.put("project_id", id);
			hook.put("push_events", Boolean.parseBoolean(params.getOrDefault("push_events", "true")));
			hook.put("tag_push_events", Boolean.parseBoolean(params.getOrDefault("tag_push_events", "false")));
			hook.put("enable_ssl_verification", Boolean.parseBoolean(params.getOrDefault("enable_ssl_verification", "true")));
			hook.put("created_at", "2026-11-22T10:00:00.000Z");
			send(exchange, 201, hook, Map.of());
		}
		else {
			send(exchange, 404, Map.of("error", "404 Not Found"), Map.of());
		}
	}

	private Map<String, Object> project(String idOrPath) {
		return projects.stream()
			.filter(p -> String.valueOf(p.get("id")).equals(idOrPath) || p.get("path_with_namespace").equals(idOrPath))
			.findFirst()
			.orElse(null);
	}

	private static List<Map<String, Object>> filter(List<Map<String, Object>> items, String field, String search) {
		if (search == null || search.isEmpty()) {
			return List.copyOf(items);
		}
		String needle = search.toLowerCase(Locale.ROOT);
		return items.stream().filter(i -> ((String) i.get(field)).toLowerCase(Locale.ROOT).contains(needle)).toList();
	}

	/** Offset pagination as GitLab does it: page and per_page (20 by default, at most 100) and the headers. */
	private void list(HttpExchange exchange, Map<String, String> params, List<Map<String, Object>> all) throws IOException {
		int perPage = Math.min(100, Integer.parseInt(params.getOrDefault("per_page", "20")));
		int page = Math.max(1, Integer.parseInt(params.getOrDefault("page", "1")));
		int totalPages = Math.max(1, (all.size() + perPage - 1) / perPage);
		int from = Math.min((page - 1) * perPage, all.size());
		List<Map<String, Object>> items = all.subList(from, Math.min(from + perPage, all.size()));
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Total", String.valueOf(all.size()));
		headers.put("X-Total-Pages", String.valueOf(totalPages));
		headers.put("X-Page", String.valueOf(page));
		headers.put("X-Per-Page", String.valueOf(perPage));
		headers.put("X-Next-Page", page < totalPages ? String.valueOf(page + 1) : "");
		headers.put("X-Prev-Page", page > 1 ? String.valueOf(page - 1) : "");
		String self = baseUrl() + exchange.getRequestURI().getRawPath() + "?per_page=" + perPage + "&page=";
		List<String> links = new ArrayList<>();
		if (page < totalPages) {
			links.add("<" + self + (page + 1) + ">; rel=\"next\"");
		}
		links.add("<" + self + "1>; rel=\"first\"");
		links.add("<" + self + totalPages + ">; rel=\"last\"");
		headers.put("Link", String.join(", ", links));
		send(exchange, 200, items, headers);
	}

	private static void send(HttpExchange exchange, int status, Object body, Map<String, String> headers) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static Map<String, String> params(HttpExchange exchange) throws IOException {
		Map<String, String> params = new LinkedHashMap<>();
		parse(exchange.getRequestURI().getRawQuery(), params);
		String type = exchange.getRequestHeaders().getFirst("Content-Type");
		try (InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
				parse(body, params);
			}
		}
		return params;
	}

	private static void parse(String encoded, Map<String, String> into) {
		if (encoded == null || encoded.isEmpty()) {
			return;
		}
		for (String pair : encoded.split("&")) {
			int eq = pair.indexOf('=');
			into.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
		}
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

}
