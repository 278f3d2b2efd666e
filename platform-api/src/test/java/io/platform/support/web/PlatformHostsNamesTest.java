package io.platform.support.web;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which host names count as the platform's own, by default and as configured. */
class PlatformHostsNamesTest {

	@Test
	void byDefaultTheLoopbackNamesAndTheMachinesHostName() throws Exception {
		PlatformHosts hosts = new PlatformHosts(null, "");
		assertThat(hosts.isPlatformHost("localhost")).isTrue();
		assertThat(hosts.isPlatformHost("LOCALHOST")).isTrue();
		assertThat(hosts.isPlatformHost("127.0.0.1")).isTrue();
		assertThat(hosts.isPlatformHost("[::1]")).isTrue();
		assertThat(hosts.isPlatformHost(InetAddress.getLocalHost().getHostName())).isTrue();
		assertThat(hosts.isPlatformHost("host.docker.internal")).isFalse();
		assertThat(hosts.isPlatformHost("localhost.attacker.example")).isFalse();
		assertThat(hosts.isPlatformHost(null)).isFalse();
	}

	@Test
	void thisMachinesOwnAddressesCountWhenWrittenAsAddressesButNotOthersNorDockerBridges() throws Exception {
		PlatformHosts hosts = new PlatformHosts(List.of("deploy.example.com"), "");
		String own = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
			.stream()
			.filter(nic -> !nic.getName().startsWith("docker") && !nic.getName().startsWith("br-"))
			.flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
			.filter(address -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress())
			.map(InetAddress::getHostAddress)
			.findFirst()
			.orElse(null);
		if (own != null) {
			assertThat(hosts.isPlatformHost(own)).as(own).isTrue();
		}
		assertThat(hosts.isPlatformHost("203.0.113.9")).as("not this machine's").isFalse();
		assertThat(hosts.isPlatformHost("1.2.3.4.attacker.example")).isFalse();
		java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())
			.stream()
			.filter(nic -> nic.getName().startsWith("docker"))
			.flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
			.forEach(bridge -> assertThat(hosts.isPlatformHost(bridge.getHostAddress())).as("Docker bridge").isFalse());
	}

	@Test
	void configuredNamesReplaceTheMachinesNameAndTheExternalUrlsHostAlwaysCounts() throws Exception {
		PlatformHosts hosts = new PlatformHosts(List.of(" Deploy.Example.com ", "", "host.docker.internal"),
				"https://platform.example.com:8443/");
		assertThat(hosts.names()).containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1", "deploy.example.com",
				"platform.example.com");
		assertThat(hosts.isPlatformHost("deploy.example.com")).isTrue();
		assertThat(hosts.isPlatformHost("host.docker.internal")).as("never, even when configured").isFalse();
	}

}
