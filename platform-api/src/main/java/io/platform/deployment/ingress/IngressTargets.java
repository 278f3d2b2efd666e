package io.platform.deployment.ingress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.platform.PlatformProperties;
import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentStore;
import io.platform.env.ingress.IngressResolver;
import io.platform.environment.EnvironmentHosts;
import io.platform.support.web.PlatformHosts;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Resolves {@code {app}.{env}.{domain}} to the instance of the RUNNING deployment of that service in
 * that environment. The route follows the deployment's status, so it flips only at the switch step,
 * after the new instance passed its health gate. Requests for the gray source environment that carry
 * the gray marker go to the gray target environment's deployment instead. An instance address that is
 * the platform itself is never forwarded to: the ingress must not become a way into the platform's API.
 */
@Component
class IngressTargets implements IngressResolver {

	private final EnvironmentHosts hosts;

	private final DeploymentStore deployments;

	private final PlatformProperties.Gray gray;

	private final PlatformHosts platformHosts;

	/** The port the platform listens on, once it does. */
	private volatile int platformPort = -1;

	IngressTargets(EnvironmentHosts hosts, DeploymentStore deployments, PlatformProperties properties,
			PlatformHosts platformHosts) {
		this.hosts = hosts;
		this.deployments = deployments;
		this.gray = properties.gray();
		this.platformHosts = platformHosts;
	}

	@EventListener
	void listening(WebServerInitializedEvent event) {
		platformPort = event.getWebServer().getPort();
	}

	@Override
	public Route resolve(ServerRequest request) {
		Optional<EnvironmentHosts.EnvironmentHost> host = hosts.parse(request.headers().firstHeader("Host"));
		if (host.isEmpty()) {
			return new Route.NotIngress();
		}
		String app = host.get().app();
		String env = host.get().environment().getName();
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
		URI target = URI.create(deployment.getUrl());
		if (isPlatform(target)) {
			return new Route.Unavailable("Deployment " + deployment.getId() + " of '" + deployment.getApp()
					+ "' answers at " + target + ", which is this platform itself; the ingress does not forward there.");
		}
		return new Route.Forward(target, deployment.getEnv());
	}

	/** The platform's own port on one of its names or on any address of this machine. */
	private boolean isPlatform(URI target) {
		int port = target.getPort() != -1 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
		String host = target.getHost();
		if (port != platformPort || host == null) {
			return false;
		}
		if (platformHosts.isPlatformHost(host) || host.equalsIgnoreCase("host.docker.internal")) {
			return true;
		}
		try {
			InetAddress address = InetAddress.getByName(host);
			return address.isLoopbackAddress() || address.isAnyLocalAddress()
					|| NetworkInterface.getByInetAddress(address) != null;
		}
		catch (IOException ex) {
			return false;
		}
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
