package io.platform.observability.skywalking;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.platform.environment.BindingService;
import io.platform.env.runtime.JavaAgent;
import io.platform.logs.trace.SkyWalkingTraces;
import io.platform.logs.trace.TraceSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An environment's SkyWalking, as its bindings name it. {@value #COLLECTOR} (the agent's own variable:
 * {@code host:11800} as the apps reach it) turns tracing on; {@value #OAP_URL} is OAP's HTTP address as the
 * platform reaches it (default: the collector's host on port 12800); {@value #UI_URL} is for links. Service
 * names carry the environment ({@code dev::orders}: SkyWalking groups by the part before {@code ::}), so
 * environments sharing one OAP never mix their services or traces; the instance name is the deployment id.
 * (The agent's namespace is left alone: since agent 8.10 it becomes part of the service name OAP records.)
 */
@Component
public class SkyWalking {

	public static final String COLLECTOR = "SW_AGENT_COLLECTOR_BACKEND_SERVICES";

	public static final String OAP_URL = "SKYWALKING_OAP_URL";

	public static final String UI_URL = "SKYWALKING_UI_URL";

	static final String AGENT_JAR = "skywalking-agent.jar";

	private static final int OAP_HTTP_PORT = 12800;

	private final BindingService bindings;

	private final Path agentDirectory;

	private final Duration timeout;

	private final Map<URI, TraceSource> sources = new ConcurrentHashMap<>();

	SkyWalking(BindingService bindings, @Value("${platform.skywalking.agent-dir}") Path agentDirectory,
			@Value("${platform.skywalking.query-timeout:10s}") Duration timeout) {
		this.bindings = bindings;
		this.agentDirectory = agentDirectory;
		this.timeout = timeout;
	}

	/** What tracing looks like for a service in an environment; {@code reason} says why it is off. */
	public record Setup(boolean enabled, String collector, URI queryUrl, String uiUrl, String reason) {
	}

	public static String serviceName(String app, String env) {
		return env + "::" + app;
	}

	public static String instanceName(long deploymentId) {
		return Long.toString(deploymentId);
	}

	public Setup setup(String app, String env) {
		return setup(env, bindings.effective(app, env));
	}

	/** The environment's own setup, without any service's overrides. */
	public Setup setup(String env) {
		return setup(env, bindings.environmentBindings(env));
	}

	private Setup setup(String env, Map<String, BindingService.Resolved> bound) {
		String collector = value(bound, COLLECTOR);
		String ui = value(bound, UI_URL);
		if (collector == null) {
			return new Setup(false, null, null, ui, "Environment " + env + " has no SkyWalking: bind " + COLLECTOR
					+ " (the OAP's gRPC address as the services reach it, e.g. oap:11800) to trace its services.");
		}
		URI query;
		try {
			query = queryUrl(collector, value(bound, OAP_URL));
		}
		catch (IllegalArgumentException ex) {
			return new Setup(false, collector, null, ui, ex.getMessage());
		}
		if (!Files.isRegularFile(agentDirectory.resolve(AGENT_JAR))) {
			return new Setup(false, collector, query, ui, "There is no SkyWalking agent at "
					+ agentDirectory.resolve(AGENT_JAR) + ": put the agent's folder there (platform.skywalking.agent-dir) "
					+ "so that new deployments are traced.");
		}
		return new Setup(true, collector, query, ui, null);
	}

	/** The agent to attach to a new instance of {@code app} in {@code env}, when {@code setup} traces it. */
	public Optional<JavaAgent> agent(Setup setup, String app, String env, long deploymentId) {
		if (!setup.enabled()) {
			return Optional.empty();
		}
		return Optional.of(new JavaAgent(agentDirectory, AGENT_JAR,
				Map.of("skywalking.agent.service_name", serviceName(app, env), "skywalking.agent.instance_name",
						instanceName(deploymentId), "skywalking.collector.backend_service", setup.collector()),
				"skywalking.logging.dir"));
	}

	/** The OAP that keeps the traces of a setup; one client per address. */
	public TraceSource traces(Setup setup) {
		return sources.computeIfAbsent(setup.queryUrl(), url -> new SkyWalkingTraces(url, timeout));
	}

	static URI queryUrl(String collector, String oapUrl) {
		String given = oapUrl;
		if (given == null) {
			// The first collector's host: OAP answers queries on 12800 beside gRPC on 11800.
			String first = collector.split(",")[0].strip();
			int colon = first.lastIndexOf(':');
			String host = colon > 0 ? first.substring(0, colon) : first;
			given = "http://" + host + ":" + OAP_HTTP_PORT;
		}
		try {
			URI uri = new URI(given.strip());
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				throw new URISyntaxException(given, "not an http(s) URL with a host");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("SkyWalking's query address '" + given + "' is not an http(s) URL: bind "
					+ OAP_URL + " to OAP's HTTP address, e.g. http://oap:12800.");
		}
	}

	private static String value(Map<String, BindingService.Resolved> bound, String key) {
		BindingService.Resolved resolved = bound.get(key);
		return resolved == null || resolved.value().isBlank() ? null : resolved.value().strip();
	}

}
