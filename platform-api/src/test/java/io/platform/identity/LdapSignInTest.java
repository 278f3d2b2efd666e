package io.platform.identity;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import io.platform.support.FreshPlatformHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password sign-in through a real directory: UnboundID's in-memory LDAP server on a random port, with
 * people under ou=people and groups under ou=groups, reached over real HTTP and real LDAP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FreshPlatformHome.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LdapSignInTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static InMemoryDirectoryServer directory;

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	@DynamicPropertySource
	static void ldap(DynamicPropertyRegistry registry) throws Exception {
		directory = startDirectory();
		String url = "ldap://127.0.0.1:" + directory.getListenPort() + "/dc=example,dc=com";
		registry.add("platform.security.ldap.url", () -> url);
		registry.add("platform.security.ldap.user-dn-pattern", () -> "uid={0},ou=people");
		registry.add("platform.security.ldap.group-search-base", () -> "ou=groups");
		registry.add("platform.security.ldap.admin-groups", () -> "platform-admins");
		registry.add("platform.security.ldap.timeout", () -> "2s");
	}

	static InMemoryDirectoryServer startDirectory() throws Exception {
		InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
		config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
		config.setSchema(null);
		InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
		server.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
		server.add("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
		server.add("dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
		person(server, "bob", "Bob Builder", "bob-directory-password");
		person(server, "alice", "Alice Admin", "alice-directory-password");
		// Has the name of the platform's local first admin: must never become that account.
		person(server, "admin", "Directory Admin", "directory-admin-password");
		server.add("dn: cn=platform-admins,ou=groups,dc=example,dc=com", "objectClass: groupOfNames",
				"cn: platform-admins", "member: uid=alice,ou=people,dc=example,dc=com");
		server.add("dn: cn=developers,ou=groups,dc=example,dc=com", "objectClass: groupOfNames", "cn: developers",
				"member: uid=bob,ou=people,dc=example,dc=com", "member: uid=alice,ou=people,dc=example,dc=com");
		server.startListening();
		return server;
	}

	private static void person(InMemoryDirectoryServer server, String uid, String name, String password) throws Exception {
		server.add("dn: uid=" + uid + ",ou=people,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: " + uid,
				"cn: " + name, "sn: " + name.substring(name.indexOf(' ') + 1), "mail: " + uid + "@example.com",
				"userPassword: " + password);
	}

	@AfterAll
	static void stopDirectory() {
		if (directory != null) {
			directory.shutDown(true);
		}
	}

	@Test
	@Order(1)
	void aDirectoryUserSignsInAndTheSessionCarriesThem() throws Exception {
		Browser browser = new Browser();
		HttpResponse<String> signIn = browser.signIn("bob", "bob-directory-password");
		assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
		JsonNode me = JSON.readTree(signIn.body());
		assertThat(me.get("username").asString()).isEqualTo("bob");
		assertThat(me.get("source").asString()).isEqualTo("LDAP");
		assertThat(me.get("admin").asBoolean()).isFalse();
		assertThat(me.get("displayName").asString()).isEqualTo("Bob Builder");
		assertThat(me.get("email").asString()).isEqualTo("bob@example.com");

		HttpResponse<String> session = browser.get("/api/session");
		assertThat(session.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(session.body()).get("username").asString()).isEqualTo("bob");
		assertThat(users.get("bob").getExternalId()).isEqualTo("uid=bob,ou=people,dc=example,dc=com");
		assertThat(users.get("bob").getPasswordHash()).isNull();
	}

	@Test
	@Order(2)
	void aMemberOfAnAdminGroupIsAPlatformAdmin() throws Exception {
		HttpResponse<String> signIn = new Browser().signIn("alice", "alice-directory-password");
		assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
		assertThat(JSON.readTree(signIn.body()).get("admin").asBoolean()).isTrue();
		assertThat(JSON.readTree(signIn.body()).get("source").asString()).isEqualTo("LDAP");
	}

	@Test
	@Order(3)
	void aWrongDirectoryPasswordIsTheUsual401() throws Exception {
		HttpResponse<String> signIn = new Browser().signIn("bob", "not-bobs-password");
		assertThat(signIn.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(signIn.body()).get("detail").asString()).isEqualTo("Wrong username or password.");
		assertThat(new Browser().signIn("nobody", "some-password-123").statusCode()).isEqualTo(401);
	}

	@Test
	@Order(4)
	void theDirectoryCannotTakeOverALocalAccount() throws Exception {
		HttpResponse<String> signIn = new Browser().signIn("admin", "directory-admin-password");
		assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(409);
		User admin = users.get("admin");
		assertThat(admin.getSource()).isEqualTo(User.Source.LOCAL);
		assertThat(admin.getDisplayName()).isEqualTo("Platform admin");
		assertThat(new Browser().signIn("admin", FreshPlatformHome.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	@Order(5)
	void theSignInPageOffersPasswordsCheckedByTheDirectory() throws Exception {
		JsonNode providers = JSON.readTree(new Browser().get("/api/session/providers").body());
		assertThat(providers.get("password").asBoolean()).isTrue();
		assertThat(providers.get("ldap").asBoolean()).isTrue();
	}

	@Test
	@Order(99) // Stops the directory: last.
	void aDirectoryThatIsDownIsAnUpstreamProblemNamingItsHost() throws Exception {
		int ldapPort = directory.getListenPort();
		directory.shutDown(true);
		HttpResponse<String> signIn = new Browser().signIn("bob", "bob-directory-password");
		assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(502);
		JsonNode problem = JSON.readTree(signIn.body());
		assertThat(problem.get("detail").asString()).contains("127.0.0.1:" + ldapPort).doesNotContain("Wrong");
		assertThat(signIn.body()).doesNotContain("Exception");
		// Local accounts do not depend on the directory.
		assertThat(new Browser().signIn("admin", FreshPlatformHome.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
	}

	/** One person's browser: its own cookies. */
	final class Browser {

		final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		HttpResponse<String> signIn(String username, String password) throws Exception {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/session"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password))))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> get(String path) throws Exception {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

	}

}
