package io.platform.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** Signed-in callers for tests: MockMvc as the admin, and real HTTP clients through a real sign-in. */
public final class SignedIn {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SignedIn() {
	}

	/** MockMvc calls of a test context are the admin's, with a CSRF token in its header, unless a test says otherwise. */
	public static class MockMvcAsAdmin implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			MockMvcBuilderCustomizer asAdmin = builder -> builder
				.defaultRequest(MockMvcRequestBuilders.get("/").with(user("admin")).with(csrf().asHeader()));
			context.getBeanFactory().registerSingleton("signedInAsAdmin", asAdmin);
		}

	}

	/**
	 * Signs in over HTTP as {@code username} (a session and its CSRF cookie), then makes a personal access
	 * token for the rest of the test: scripts' way of calling the API.
	 */
	public static String token(String baseUrl, String username, String password) {
		CookieManager cookies = new CookieManager();
		HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
		try {
			HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/session"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(
						JSON.writeValueAsString(java.util.Map.of("username", username, "password", password))))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (session.statusCode() != 200) {
				throw new IllegalStateException("Sign-in as " + username + " answered " + session.statusCode() + ": " + session.body());
			}
			String csrf = cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter(c -> c.getName().equals("XSRF-TOKEN"))
				.map(HttpCookie::getValue)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No XSRF-TOKEN cookie after sign-in"));
			HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/tokens"))
				.header("Content-Type", "application/json")
				.header("X-XSRF-TOKEN", csrf)
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"test\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (token.statusCode() != 201) {
				throw new IllegalStateException("Token creation answered " + token.statusCode() + ": " + token.body());
			}
			return JSON.readTree(token.body()).get("token").asString();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static String adminToken(String baseUrl) {
		return token(baseUrl, "admin", FreshPlatformHome.ADMIN_PASSWORD);
	}

}
