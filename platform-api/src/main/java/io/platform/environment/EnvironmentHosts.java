package io.platform.environment;

import java.util.Locale;
import java.util.Optional;

import io.platform.application.ApplicationCreated;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.PlatformHosts;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads a request's Host as an environment host, {@code {app}.{env}.{domain}}: the services' own traffic
 * through the ingress, as opposed to calls to the platform itself. The platform's own host names are
 * never an environment host, whatever environments and services exist.
 */
@Component
public class EnvironmentHosts {

	/** A host that names a service in a known environment of that domain. */
	public record EnvironmentHost(String app, Environment environment) {
	}

	private final EnvironmentService environments;

	private final PlatformHosts platform;

	EnvironmentHosts(EnvironmentService environments, PlatformHosts platform) {
		this.environments = environments;
		this.platform = platform;
	}

	public Optional<EnvironmentHost> parse(String hostHeader) {
		if (hostHeader == null) {
			return Optional.empty();
		}
		String host = hostHeader.toLowerCase(Locale.ROOT);
		int colon = host.lastIndexOf(':');
		if (colon > 0 && host.indexOf(']') < colon) {
			host = host.substring(0, colon);
		}
		if (platform.isPlatformHost(host)) {
			return Optional.empty();
		}
		String[] labels = host.split("\\.", 3);
		if (labels.length < 3) {
			return Optional.empty();
		}
		// Every request for any host passes here: one row by name, not the whole list.
		return environments.lookup(labels[1])
			.filter(e -> e.getDomain().equals(labels[2]))
			.map(e -> new EnvironmentHost(labels[0], e));
	}

	public boolean isEnvironmentHost(String hostHeader) {
		return parse(hostHeader).isPresent();
	}

	/** Refuses, inside the registration's transaction, a service whose host would be the platform's own. */
	@EventListener
	void refusePlatformHost(ApplicationCreated created) {
		platformHostCapturedBy(created.name()).ifPresent(host -> {
			throw new InvalidInputException("name", "A service named '" + created.name() + "' would have the host '"
					+ host + "', which is the platform's own host name; choose another name.");
		});
	}

	/** The platform's own host name that the service {@code app} would have in one of the environments, if any. */
	public Optional<String> platformHostCapturedBy(String app) {
		return environments.list()
			.stream()
			.map(e -> (app + "." + e.getName() + "." + e.getDomain()).toLowerCase(Locale.ROOT))
			.filter(platform::isPlatformHost)
			.findFirst();
	}

}
