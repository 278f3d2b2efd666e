package io.platform.environment;

import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Reads a request's Host as an environment host, {@code {app}.{env}.{domain}}: the services' own traffic
 * through the ingress, as opposed to calls to the platform itself.
 */
@Component
public class EnvironmentHosts {

	/** A host that names a service in a known environment of that domain. */
	public record EnvironmentHost(String app, Environment environment) {
	}

	private final EnvironmentService environments;

	EnvironmentHosts(EnvironmentService environments) {
		this.environments = environments;
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

}
