package io.platform.env.ingress;

import java.net.URI;

import org.springframework.web.servlet.function.ServerRequest;

/**
 * Decides where a request that reached the platform's ingress goes: the platform knows which deployment
 * runs where, the ingress only forwards.
 */
@FunctionalInterface
public interface IngressResolver {

	/** What to do with one request. */
	Route resolve(ServerRequest request);

	/** The outcome of resolving a request. */
	sealed interface Route {

		/** The request is not for an environment host (it is for the platform itself). */
		record NotIngress() implements Route {
		}

		/** Forward to {@code target} (scheme, host and port of the instance); {@code env} names where it runs. */
		record Forward(URI target, String env) implements Route {
		}

		/** An environment host, but nothing can serve it now; {@code detail} says why. */
		record Unavailable(String detail) implements Route {
		}

	}

}
