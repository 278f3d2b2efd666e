package io.platform.support.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The host names the platform itself answers on (its UI and API): the loopback names, the names in
 * {@code platform.allowed-hosts} (by default the machine's host name), the host of
 * {@code platform.external-url}, and this machine's own IP addresses written as such (a server first opened
 * as {@code http://10.1.2.3:8080/}: an address literal cannot be rebound by anyone's DNS). A request for any
 * other name is refused, so that a name an attacker
 * points at this machine (DNS rebinding), or {@code host.docker.internal} from inside a container, reaches
 * nothing; the environments' own hosts ({@code {app}.{env}.{domain}}) go to the ingress instead.
 * Connections to this machine's address on a Docker bridge (what {@code host.docker.internal} is inside a
 * container) never reach the platform itself, whatever Host they claim: only the ingress answers there.
 */
@Component
public class PlatformHosts {

	/** Safe whatever else is configured: a browser sends them only for pages it loaded from this machine. */
	private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

	/** Containers' name for the machine they run on: never the platform's, whatever is configured. */
	private static final Set<String> CONTAINER_GATEWAYS = Set.of("host.docker.internal", "gateway.docker.internal");

	private final Set<String> names = new LinkedHashSet<>();

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

	private static final int MAX_REMEMBERED = 256;

	/** Address literals asked about lately, and whether they are this machine's. */
	private final Map<String, Boolean> ownAddresses = new ConcurrentHashMap<>();

	/** Local addresses seen so far, and whether they are on a Docker bridge (bridges come and go rarely). */
	private final Map<String, Boolean> bridgeAddresses = new ConcurrentHashMap<>();

	PlatformHosts(@Value("${platform.allowed-hosts:#{null}}") List<String> configured,
			@Value("${platform.external-url:}") String externalUrl) {
		LOOPBACK.forEach(names::add);
		(configured != null ? configured : machineName()).stream()
			.filter(name -> name != null && !name.isBlank())
			.map(PlatformHosts::normalize)
			.filter(name -> !CONTAINER_GATEWAYS.contains(name))
			.forEach(names::add);
		if (externalUrl != null && !externalUrl.isBlank()) {
			String host = URI.create(externalUrl.strip()).getHost();
			if (host != null && !CONTAINER_GATEWAYS.contains(normalize(host))) {
				names.add(normalize(host));
			}
		}
	}

	/** Whether {@code host} (a name or address, without a port) is one of the platform's own. */
	public boolean isPlatformHost(String host) {
		if (host == null) {
			return false;
		}
		String name = normalize(host);
		if (names.contains(name)) {
			return true;
		}
		if (!IPV4.matcher(name).matches() && !(name.contains(":") && IPV6.matcher(name).matches())) {
			return false; // a name: never resolved here, so no DNS answer decides
		}
		// The Host header is the caller's to choose: remember only so many answers.
		if (ownAddresses.size() > MAX_REMEMBERED) {
			ownAddresses.clear();
		}
		return ownAddresses.computeIfAbsent(name, PlatformHosts::isOwnAddress);
	}

	/** An IP address literal of one of this machine's interfaces, Docker bridges excepted (containers' way in). */
	private static boolean isOwnAddress(String name) {
		try {
			InetAddress address = InetAddress.getByName(name);
			NetworkInterface owner = NetworkInterface.getByInetAddress(address);
			return owner != null && !isDockerBridge(owner);
		}
		catch (UnknownHostException | SocketException ex) {
			return false;
		}
	}

	/**
	 * Whether a connection came in at {@code localAddress}, this machine's address on a Docker bridge
	 * ({@code docker0}, or a user network's {@code br-...}): a container's, through {@code host.docker.internal}.
	 */
	public boolean isContainerGateway(String localAddress) {
		if (localAddress == null) {
			return false;
		}
		return bridgeAddresses.computeIfAbsent(localAddress, PlatformHosts::onDockerBridge);
	}

	private static boolean onDockerBridge(String address) {
		try {
			InetAddress local = InetAddress.getByName(address);
			if (local.isLoopbackAddress()) {
				return false;
			}
			NetworkInterface bridge = NetworkInterface.getByInetAddress(local);
			return bridge != null && isDockerBridge(bridge);
		}
		catch (UnknownHostException | SocketException ex) {
			return false;
		}
	}

	private static boolean isDockerBridge(NetworkInterface nic) {
		return nic.getName().startsWith("docker") || nic.getName().startsWith("br-");
	}

	/** The platform's own host names, lower case, IPv6 addresses without brackets. */
	public Set<String> names() {
		return Set.copyOf(names);
	}

	private static List<String> machineName() {
		try {
			return List.of(InetAddress.getLocalHost().getHostName());
		}
		catch (UnknownHostException ex) {
			return List.of();
		}
	}

	private static String normalize(String host) {
		String name = host.strip().toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		return name;
	}

}
