package io.platform.identity;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.platform.support.FreshPlatformHome;
import openid.provider.OpenIdProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through a real OpenID provider (Spring's authorization server, started beside the platform on a
 * random port), driven like a browser: the platform's login URL, the provider's sign-in form, back to the
 * platform, then the platform's own session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FreshPlatformHome.class)
class OidcSignInTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

	static ConfigurableApplicationContext provider;

	@LocalServerPort
	int port;

	@Autowired
	Users users;

	@Autowired
	Audit audit;

	@DynamicPropertySource
	static void oidc(DynamicPropertyRegistry registry) {
		provider = OpenIdProvider.start();
		String issuer = OpenIdProvider.issuer(provider);
		registry.add("platform.security.oidc.registrations.corp.issuer-uri", () -> issuer);
		registry.add("platform.security.oidc.registrations.corp.client-id", () -> OpenIdProvider.CLIENT_ID);
		registry.add("platform.security.oidc.registrations.corp.client-secret", () -> OpenIdProvider.CLIENT_SECRET);
		registry.add("platform.security.oidc.registrations.corp.name", () -> "Corporate sign-in");
		registry.add("platform.security.oidc.registrations.corp.admin-groups", () -> "platform-admins");
		// The same provider, but the platform was given the wrong secret.
		registry.add("platform.security.oidc.registrations.broken.issuer-uri", () -> issuer);
		registry.add("platform.security.oidc.registrations.broken.client-id", () -> OpenIdProvider.CLIENT_ID);
		registry.add("platform.security.oidc.registrations.broken.client-secret", () -> "not-the-secret");
		// Nothing listens there.
		registry.add("platform.security.oidc.registrations.gone.issuer-uri", () -> "http://127.0.0.1:9");
		registry.add("platform.security.oidc.registrations.gone.client-id", () -> OpenIdProvider.CLIENT_ID);
	}

	@BeforeEach
	void allowThePlatform() {
		OpenIdProvider.allowPlatform(provider, port, "corp", "broken");
	}

	@AfterAll
	static void stopProvider() {
		if (provider != null) {
			provider.close();
		}
	}

	@Test
	void aPersonSignsInThroughTheProviderAndGetsAPlatformSession() throws Exception {
		Browser browser = new Browser();
		assertThat(browser.signIn("corp", "bob")).isEqualTo(platform("/"));

		JsonNode me = JSON.readTree(browser.get(platform("/api/session")).body());
		assertThat(me.get("username").asString()).isEqualTo("bob");
		assertThat(me.get("source").asString()).isEqualTo("OIDC");
		assertThat(me.get("admin").asBoolean()).isFalse();
		assertThat(me.get("displayName").asString()).isEqualTo("Bob Example");
		assertThat(me.get("email").asString()).isEqualTo("bob@example.com");
		User bob = users.get("bob");
		assertThat(bob.getExternalId()).isEqualTo(OpenIdProvider.issuer(provider) + " bob");
		assertThat(bob.getLastSignInAt()).isNotNull();
		assertThat(audit.find(new Audit.Query("bob", null, null, "session.signIn", null, null, null, 10)))
			.anySatisfy(e -> assertThat(e.getOutcome()).isEqualTo(AuditEvent.Outcome.SUCCESS));

		// The session is the platform's own: a change with its CSRF token works.
		HttpResponse<String> token = browser.postWithCsrf(platform("/api/tokens"), "{\"name\":\"from oidc\"}");
		assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
	}

	@Test
	void aMemberOfAnAdminGroupIsAPlatformAdmin() throws Exception {
		Browser browser = new Browser();
		assertThat(browser.signIn("corp", "alice")).isEqualTo(platform("/"));
		JsonNode me = JSON.readTree(browser.get(platform("/api/session")).body());
		assertThat(me.get("username").asString()).isEqualTo("alice");
		assertThat(me.get("admin").asBoolean()).isTrue();
	}

	@Test
	void signingInAgainReusesThePersonsUser() throws Exception {
		assertThat(new Browser().signIn("corp", "bob")).isEqualTo(platform("/"));
		long id = users.get("bob").getId();
		Browser again = new Browser();
		assertThat(again.signIn("corp", "bob")).isEqualTo(platform("/"));
		assertThat(JSON.readTree(again.get(platform("/api/session")).body()).get("username").asString()).isEqualTo("bob");
		assertThat(users.get("bob").getId()).isEqualTo(id);
		assertThat(users.list().stream().filter(u -> u.getUsername().equals("bob"))).hasSize(1);
	}

	@Test
	void aWrongClientSecretLandsOnTheSignInPageWithAnError() throws Exception {
		Browser browser = new Browser();
		assertThat(browser.signIn("broken", "bob")).isEqualTo(platform("/signin?error=oidc"));
		assertThat(browser.get(platform("/api/session")).statusCode()).isEqualTo(401);
	}

	@Test
	void aCallbackWithAStateThePlatformDidNotIssueIsRefused() throws Exception {
		Browser browser = new Browser();
		List<String> visited = browser.follow(platform("/login/oauth2/code/corp?code=made-up&state=made-up"));
		assertThat(visited.get(visited.size() - 1)).isEqualTo(platform("/signin?error=oidc"));
		assertThat(browser.get(platform("/api/session")).statusCode()).isEqualTo(401);
		assertThat(audit.find(new Audit.Query("anonymous", null, null, "session.signIn", null, null, null, 50)))
			.anySatisfy(e -> assertThat(e.getDetail()).contains("authorization_request_not_found"));
	}

	@Test
	void aProviderThatDoesNotAnswerLandsOnTheSignInPageWithAnError() throws Exception {
		Browser browser = new Browser();
		List<String> visited = browser.follow(platform("/oauth2/authorization/gone"));
		assertThat(visited.get(visited.size() - 1)).isEqualTo(platform("/signin?error=oidc"));
		assertThat(audit.find(new Audit.Query("anonymous", null, null, "session.signIn", null, null, null, 50)))
			.anySatisfy(e -> assertThat(e.getDetail()).contains("127.0.0.1:9").contains("did not answer"));
	}

	@Test
	void theSignInPageShowsOneButtonPerProvider() throws Exception {
		JsonNode providers = JSON.readTree(new Browser().get(platform("/api/session/providers")).body());
		assertThat(providers.get("ldap").asBoolean()).isFalse();
		JsonNode corp = providers.get("oidc").get(1);
		assertThat(providers.get("oidc")).hasSize(3);
		assertThat(corp.get("id").asString()).isEqualTo("corp");
		assertThat(corp.get("name").asString()).isEqualTo("Corporate sign-in");
		assertThat(corp.get("loginUrl").asString()).isEqualTo("/oauth2/authorization/corp");
		assertThat(providers.get("oidc").get(0).get("name").asString()).isEqualTo("broken");
	}

	private String platform(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	/** One person's browser: its own cookies on both hosts, redirects followed one by one. */
	final class Browser {

		/** What a browser asks for when it follows a link; the provider keeps only such requests to come back to. */
		static final String NAVIGATION = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

		final CookieManager cookies = new CookieManager();

		final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();

		/** From the platform's login URL through the provider's form and back; where it ended. */
		String signIn(String registration, String username) throws Exception {
			List<String> visited = follow(platform("/oauth2/authorization/" + registration));
			String loginPage = visited.get(visited.size() - 1);
			assertThat(loginPage).as("the provider's sign-in form").startsWith(OpenIdProvider.issuer(provider) + "/login");
			String form = get(loginPage).body();
			Matcher csrf = CSRF.matcher(form);
			assertThat(csrf.find()).as("a _csrf field in " + form).isTrue();
			String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
			HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(OpenIdProvider.issuer(provider) + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=" + encode(username) + "&password="
						+ encode(OpenIdProvider.PASSWORD) + "&_csrf=" + encode(token)))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
			List<String> back = follow(URI.create(OpenIdProvider.issuer(provider) + "/login")
				.resolve(posted.headers().firstValue("Location").orElseThrow())
				.toString());
			return back.get(back.size() - 1);
		}

		/** Follows redirects; the URLs visited, the last one the page that answered without a redirect. */
		List<String> follow(String url) throws Exception {
			List<String> visited = new ArrayList<>();
			URI at = URI.create(url);
			for (int i = 0; i < 10; i++) {
				visited.add(at.toString());
				HttpResponse<String> answer = get(at.toString());
				if (answer.statusCode() / 100 != 3) {
					return visited;
				}
				at = at.resolve(answer.headers().firstValue("Location").orElseThrow());
			}
			throw new AssertionError("Too many redirects: " + visited);
		}

		HttpResponse<String> get(String url) throws Exception {
			return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", NAVIGATION).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> postWithCsrf(String url, String json) throws Exception {
			String csrf = cookies.getCookieStore()
				.get(URI.create(url))
				.stream()
				.filter(c -> c.getName().equals("XSRF-TOKEN"))
				.findFirst()
				.orElseThrow()
				.getValue();
			return http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", csrf)
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
