package io.platform.observability;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentStore;
import io.platform.environment.BindingService;
import io.platform.environment.Environment;
import io.platform.environment.EnvironmentService;
import io.platform.logs.trace.Trace;
import io.platform.logs.trace.TraceQuery;
import io.platform.logs.trace.TraceSourceException;
import io.platform.logs.trace.TraceSummary;
import io.platform.observability.skywalking.SkyWalking;
import io.platform.support.web.ConflictException;
import io.platform.support.web.HttpUrls;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;
import io.platform.support.web.UpstreamException;
import io.platform.identity.Access;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * A deployment's SkyWalking traces and the spans of one trace, read from the OAP its environment binds, and
 * the links a tester follows to SkyWalking's UI and to Kibana.
 */
@RestController
class TraceController {

	static final String KIBANA_URL = "KIBANA_URL";

	private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9._\\-]{1,128}");

	private static final int MAX_LIMIT = 200;

	private final DeploymentStore deployments;

	private final EnvironmentService environments;

	private final BindingService bindings;

	private final SkyWalking skyWalking;

	private final Access access;

	TraceController(DeploymentStore deployments, EnvironmentService environments, BindingService bindings,
			SkyWalking skyWalking, Access access) {
		this.access = access;
		this.deployments = deployments;
		this.environments = environments;
		this.bindings = bindings;
		this.skyWalking = skyWalking;
	}

	record ObservabilityView(Tracing tracing, Links links) {

		record Tracing(boolean enabled, String service, String instance, String reason) {
		}

		record Links(String skywalking, String kibana) {
		}

	}

	@GetMapping("/api/deployments/{id}/observability")
	ObservabilityView observability(@PathVariable long id) {
		Deployment deployment = readable(id);
		SkyWalking.Setup setup = skyWalking.setup(deployment.getApp(), deployment.getEnv());
		String service = SkyWalking.serviceName(deployment.getApp(), deployment.getEnv());
		String instance = SkyWalking.instanceName(deployment.getId());
		// Traces can be read wherever an OAP is named, even when this platform has no agent to attach.
		boolean queryable = setup.queryUrl() != null;
		// Only http(s) addresses become links, whatever an older version let into the bindings.
		String skywalkingLink = HttpUrls.isHttp(setup.uiUrl()) ? skyWalkingLink(setup.uiUrl().strip(), service, instance) : null;
		BindingService.Resolved kibana = bindings.effective(deployment.getApp(), deployment.getEnv()).get(KIBANA_URL);
		String kibanaLink = kibana == null || !HttpUrls.isHttp(kibana.value()) ? null : kibanaLink(kibana.value().strip(), deployment);
		return new ObservabilityView(new ObservabilityView.Tracing(queryable, service, instance, setup.reason()),
				new ObservabilityView.Links(skywalkingLink, kibanaLink));
	}

	/** The traces of a deployment's instance since it started: errors first, then the newest. */
	@GetMapping("/api/deployments/{id}/traces")
	List<TraceSummary> traces(@PathVariable long id, @RequestParam(defaultValue = "false") boolean errorsOnly,
			@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidInputException("limit", "'limit' must be between 1 and " + MAX_LIMIT + ".");
		}
		Deployment deployment = readable(id);
		SkyWalking.Setup setup = skyWalking.setup(deployment.getApp(), deployment.getEnv());
		if (setup.queryUrl() == null) {
			throw new ConflictException(setup.reason());
		}
		Instant from = since(deployment);
		Instant to = deployment.getFinishedAt() != null && !isServing(deployment) ? deployment.getFinishedAt()
				: Instant.now();
		// OAP keeps time by the minute: widen to whole minutes so the edges are not lost.
		TraceQuery query = new TraceQuery(SkyWalking.serviceName(deployment.getApp(), deployment.getEnv()),
				SkyWalking.instanceName(deployment.getId()), from.truncatedTo(ChronoUnit.MINUTES),
				to.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES), errorsOnly, limit);
		List<TraceSummary> traces = new ArrayList<>(read(() -> skyWalking.traces(setup).traces(query)));
		traces.sort(Comparator.comparing(TraceSummary::error)
			.reversed()
			.thenComparing(TraceSummary::start, Comparator.nullsLast(Comparator.reverseOrder())));
		return traces;
	}

	/** The spans of a trace, from the environment's OAP, or from every OAP the environments name. */
	@GetMapping("/api/traces/{traceId}")
	Trace trace(@PathVariable String traceId, @RequestParam(required = false) String env) {
		access.current();
		if (!TRACE_ID.matcher(traceId).matches()) {
			throw new InvalidInputException("traceId",
					"'" + traceId + "' is not a trace id: letters, digits, '.', '_' and '-', at most 128.");
		}
		List<SkyWalking.Setup> setups = new ArrayList<>();
		if (env != null && !env.isBlank()) {
			SkyWalking.Setup setup = skyWalking.setup(environments.get(env.strip()).getName());
			if (setup.queryUrl() == null) {
				throw new ConflictException(setup.reason());
			}
			setups.add(setup);
		}
		else {
			Set<URI> seen = new LinkedHashSet<>();
			for (Environment environment : environments.list()) {
				SkyWalking.Setup setup = skyWalking.setup(environment.getName());
				if (setup.queryUrl() != null && seen.add(setup.queryUrl())) {
					setups.add(setup);
				}
			}
			if (setups.isEmpty()) {
				throw new ConflictException("No environment names a SkyWalking OAP: bind " + SkyWalking.COLLECTOR
						+ " in an environment to read its traces.");
			}
		}
		for (SkyWalking.Setup setup : setups) {
			Optional<Trace> trace = read(() -> skyWalking.traces(setup).trace(traceId));
			if (trace.isPresent() && !trace.get().spans().isEmpty()) {
				return trace.get();
			}
		}
		throw new NotFoundException("SkyWalking has no trace " + traceId + " (asked " + setups.stream()
			.map(s -> s.queryUrl().toString())
			.toList() + "); traces are kept for a limited time.");
	}

	/** When the deployment's instance could first have been traced or have logged. */
	private static Instant since(Deployment deployment) {
		return Optional.ofNullable(deployment.getStartedAt()).orElse(deployment.getCreatedAt());
	}

	private static boolean isServing(Deployment deployment) {
		return deployment.getStatus() != null && switch (deployment.getStatus()) {
			case QUEUED, BUILDING, STARTING, RUNNING -> true;
			default -> false;
		};
	}

	private static <T> T read(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (TraceSourceException ex) {
			throw new UpstreamException(ex.getMessage(), ex);
		}
	}

	/** The instance's dashboard in SkyWalking's UI; ids are OAP's: base64 of the names. */
	static String skyWalkingLink(String ui, String service, String instance) {
		String serviceId = base64(service) + ".1";
		String instanceId = serviceId + "_" + base64(instance);
		return trimSlash(ui) + "/dashboard/GENERAL/ServiceInstance/" + segment(serviceId) + "/" + segment(instanceId)
				+ "/General-Instance";
	}

	/** Kibana's Discover with this deployment's lines (the ECS fields the platform writes) since it started. */
	static String kibanaLink(String kibana, Deployment deployment) {
		Instant from = since(deployment);
		String kql = "service.name:\"" + deployment.getApp() + "\" and service.environment:\"" + deployment.getEnv()
				+ "\" and labels.deployment_id:\"" + deployment.getId() + "\"";
		return trimSlash(kibana) + "/app/discover#/?_g=(time:(from:'" + from.truncatedTo(ChronoUnit.SECONDS)
				+ "',to:now))&_a=(query:(language:kuery,query:'" + UriUtils.encode(kql, StandardCharsets.UTF_8) + "'))";
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String segment(String text) {
		return UriUtils.encodePathSegment(text, StandardCharsets.UTF_8);
	}

	private static String trimSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private Deployment readable(long id) {
		Deployment deployment = deployments.get(id);
		access.requireRead(deployment.getApp(), deployment.getEnv());
		return deployment;
	}

}
