package io.platform.deployment.ingress;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.platform.PlatformProperties;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentStore;
import io.platform.env.ingress.IngressResolver;
import io.platform.environment.Environment;
import io.platform.environment.EnvironmentService;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Resolves {@code {app}.{env}.{domain}} to the instance of the RUNNING deployment of that service in
 * that environment. The route follows the deployment's status, so it flips only at the switch step,
 * after the new instance passed its health gate. Requests for the gray source environment that carry
 * the gray marker go to the gray target environment's deployment instead.
 */
@Component
class IngressTargets implements IngressResolver {

	private final EnvironmentService environments;

	private final DeploymentStore deployments;

	private final PlatformProperties.Gray gray;

	IngressTargets(EnvironmentService environments, DeploymentStore deployments, PlatformProperties properties) {
		this.environments = environments;
		this.deployments = deployments;
		this.gray = properties.gray();
	}

	@Override
	public Route resolve(ServerRequest request) {
		String host = request.headers().firstHeader("Host");
		if (host == null) {
			return new Route.NotIngress();
		}
		host = host.toLowerCase(Locale.ROOT);
		int colon = host.lastIndexOf(':');
		if (colon > 0 && host.indexOf(']') < colon) {
			host = host.substring(0, colon);
		}
		String[] labels = host.split("\\.", 3);
		if (labels.length < 3) {
			return new Route.NotIngress();
		}
		String app = labels[0];
		String env = labels[1];
		// Every request for any host passes here: one row by name, not the whole list.
		Optional<Environment> environment = environments.lookup(env).filter(e -> e.getDomain().equals(labels[2]));
		if (environment.isEmpty()) {
			return new Route.NotIngress();
		}
		if (env.equals(gray.from()) && isGray(request)) {
			Optional<Deployment> grayTarget = running(app, gray.to());
			if (grayTarget.isPresent()) {
				return forward(grayTarget.get());
			}
		}
		return running(app, env).map(this::forward)
			.orElseGet(() -> new Route.Unavailable("Service '" + app + "' has no running deployment in " + env
					+ "; deploy it there first."));
	}

	private Route forward(Deployment deployment) {
		return new Route.Forward(URI.create(deployment.getUrl()), deployment.getEnv());
	}

	/** The newest RUNNING deployment (during a switch two may briefly run; the new one serves). */
	private Optional<Deployment> running(String app, String env) {
		List<Deployment> running = deployments.running(app, env);
		return running.stream().filter(d -> d.getUrl() != null).max(java.util.Comparator.comparing(Deployment::getId));
	}

	private boolean isGray(ServerRequest request) {
		if ("true".equalsIgnoreCase(request.headers().firstHeader(gray.header()))) {
			return true;
		}
		jakarta.servlet.http.Cookie cookie = request.cookies().getFirst(gray.cookie());
		if (cookie != null && "true".equalsIgnoreCase(cookie.getValue())) {
			return true;
		}
		String user = request.headers().firstHeader(gray.userHeader());
		return user != null && gray.users().contains(user);
	}

}
