package io.platform.support.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;

import io.platform.deployment.Deployment;
import io.platform.deployment.DeploymentKind;
import io.platform.deployment.DeploymentStatus;
import io.platform.deployment.DeploymentStore;
import io.platform.deployment.StepName;
import io.platform.support.FreshPlatformHome;
import io.platform.support.SignedIn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The platform answers on its own host names only, the environments' hosts go to the ingress, and neither
 * can become the other: no environment or service takes the platform's name, and the ingress never
 * forwards to the platform itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "platform.runtime=process",
		"platform.allowed-hosts=platform.ops.example.test,web.dev.localhost,host.docker.internal" })
@ContextConfiguration(initializers = FreshPlatformHome.class)
class PlatformHostsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	DeploymentStore deployments;

	@Test
	void otherHostNamesGetA421ProblemAndNothingOfThePlatform() {
		// A name an attacker's DNS points at this machine, and the name containers have for it.
		for (String host : List.of("rebound.attacker.example", "host.docker.internal", "172.17.0.1")) {
			for (String path : List.of("/api/session/providers", "/api/apps", "/", "/actuator/health")) {
				RawHttp.Answer answer = RawHttp.get(port, host + ":" + port, path);
				assertThat(answer.status()).as(host + path).isEqualTo(421);
				assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
				assertThat(detail(answer)).contains("'" + host + "' is not a host name of this platform")
					.contains("platform.allowed-hosts");
			}
			RawHttp.Answer signIn = RawHttp.send(port, "POST", host + ":" + port, "/api/session",
					"{\"username\":\"admin\",\"password\":\"" + FreshPlatformHome.ADMIN_PASSWORD + "\"}");
			assertThat(signIn.status()).as(host).isEqualTo(421);
			assertThat(signIn.header("Set-Cookie")).isNull();
		}
		for (String host : List.of("localhost", "127.0.0.1", "[::1]", "platform.ops.example.test", "PLATFORM.ops.example.test")) {
			assertThat(RawHttp.get(port, host + ":" + port, "/api/session/providers").status()).as(host).isEqualTo(200);
		}
		assertThat(RawHttp.get(port, "localhost", "/api/session/providers").status()).as("without a port").isEqualTo(200);
		// What else the firewall refuses stays a 400, as a problem too.
		RawHttp.Answer malformed = RawHttp.get(port, "localhost", "/api/apps;x=1");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(detail(malformed)).contains("malformed");
	}

	@Test
	void aContainerReachesOnlyTheIngressWhateverHostItClaims() throws Exception {
		String gateway = dockerBridgeAddress();
		assumeTrue(gateway != null, "this machine has no Docker bridge (docker0): nothing to test");
		// What a container sends to host.docker.internal: the connection comes in at the bridge's address.
		for (String host : List.of("localhost", "127.0.0.1", "platform.ops.example.test", "host.docker.internal")) {
			RawHttp.Answer answer = RawHttp.sendTo(gateway, port, "GET", host + ":" + port, "/api/session/providers", null, null);
			assertThat(answer.status()).as(host).isEqualTo(421);
			assertThat(detail(answer)).as(host).contains("containers reach only the environments' hosts");
		}
		RawHttp.Answer ingress = RawHttp.sendTo(gateway, port, "GET", "nothing-runs.dev.localhost:" + port, "/", null, null);
		assertThat(ingress.status()).isEqualTo(503);
		assertThat(detail(ingress)).contains("no running deployment in dev");
	}

	/** This machine's IPv4 address on docker0, where host.docker.internal leads containers; null without one. */
	private static String dockerBridgeAddress() throws Exception {
		NetworkInterface bridge = NetworkInterface.getByName("docker0");
		if (bridge == null) {
			return null;
		}
		return bridge.inetAddresses().filter(a -> a instanceof Inet4Address).map(InetAddress::getHostAddress).findFirst().orElse(null);
	}

	@Test
	void environmentHostsStillReachTheIngress() {
		RawHttp.Answer answer = RawHttp.get(port, "nothing-runs.dev.localhost:" + port, "/api/apps");
		assertThat(answer.status()).isEqualTo(503);
		assertThat(detail(answer)).contains("no running deployment in dev");
	}

	@Test
	void noEnvironmentOrServiceCanTakeThePlatformsOwnHostName() {
		String token = SignedIn.adminToken("http://127.0.0.1:" + port);
		RawHttp.Answer environment = RawHttp.send(port, "POST", "localhost", "/api/environments",
				"{\"name\":\"ops\",\"domain\":\"example.test\"}", "Authorization: Bearer " + token);
		assertThat(environment.status()).isEqualTo(400);
		assertThat(detail(environment)).contains("platform.ops.example.test").contains("choose another domain");
		assertThat(RawHttp.get(port, "localhost", "/api/environments/ops", "Authorization: Bearer " + token).status())
			.isEqualTo(404);
		RawHttp.Answer update = RawHttp.send(port, "PUT", "localhost", "/api/environments/test",
				"{\"name\":\"test\",\"domain\":\"localhost\",\"protected\":false}", "Authorization: Bearer " + token);
		assertThat(update.status()).as(update.body()).isEqualTo(200);

		// The seeded dev environment (domain localhost) would give a service 'web' the platform's name.
		RawHttp.Answer service = RawHttp.send(port, "POST", "localhost", "/api/apps",
				"{\"name\":\"web\",\"repoUrl\":\"https://git.example.com/web.git\"}", "Authorization: Bearer " + token);
		assertThat(service.status()).isEqualTo(400);
		assertThat(detail(service)).contains("web.dev.localhost").contains("choose another name");
		assertThat(RawHttp.get(port, "localhost", "/api/apps/web", "Authorization: Bearer " + token).status()).isEqualTo(404);

		// Even so, that name is the platform's: its API (which wants a sign-in), not the ingress.
		running("web", "dev", "http://127.0.0.1:9/");
		RawHttp.Answer platform = RawHttp.get(port, "web.dev.localhost:" + port, "/api/apps");
		assertThat(platform.status()).isEqualTo(401);
		assertThat(platform.header("Content-Security-Policy")).isNotNull();
	}

	@Test
	void theIngressNeverForwardsToThePlatformItself() {
		String token = SignedIn.adminToken("http://127.0.0.1:" + port);
		List<String> selves = List.of("http://127.0.0.1:" + port + "/", "http://localhost:" + port + "/",
				"http://host.docker.internal:" + port + "/", "http://0.0.0.0:" + port + "/");
		for (int i = 0; i < selves.size(); i++) {
			String app = "loop" + i;
			running(app, "dev", selves.get(i));
			RawHttp.Answer answer = RawHttp.get(port, app + ".dev.localhost:" + port, "/api/session",
					"Authorization: Bearer " + token);
			assertThat(answer.status()).as(selves.get(i)).isEqualTo(503);
			assertThat(detail(answer)).contains("this platform itself");
			assertThat(answer.body()).doesNotContain("\"username\"");
		}
	}

	private void running(String app, String env, String url) {
		Deployment deployment = new Deployment();
		deployment.setApp(app);
		deployment.setEnv(env);
		deployment.setKind(DeploymentKind.DEPLOY);
		deployment.setBranchList(List.of("main"));
		deployment.setStatus(DeploymentStatus.RUNNING);
		deployment.setUrl(url);
		deployments.insert(deployment, List.of(StepName.values()));
	}

	private static String detail(RawHttp.Answer answer) {
		JsonNode detail = JSON.readTree(answer.body()).get("detail");
		return detail == null ? "" : detail.asString();
	}

}
