package io.platform.logs.trace;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * OAP's ids for services and instances, which are a pure function of their names (OAP's IDManager):
 * base64 of the name, ".1" for a real service (".0" would be one OAP only inferred from calls), and for an
 * instance its service's id, "_" and base64 of its name.
 *
 * Computed rather than looked up: findService only knows a service after OAP's service cache refreshes
 * (10 s by default) while its traces are queryable within a second, and a lookup is one more round trip.
 */
final class OapIds {

	private OapIds() {
	}

	static String serviceId(String service) {
		return base64(service) + ".1";
	}

	static String instanceId(String serviceId, String instance) {
		return serviceId + "_" + base64(instance);
	}

	private static String base64(String name) {
		return Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8));
	}

}
