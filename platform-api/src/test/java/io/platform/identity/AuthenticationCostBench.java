package io.platform.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.platform.support.FreshPlatformHome;
import jakarta.servlet.Filter;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What authentication costs on the API (run by bench/auth-cost.sh, not by the test suite): the same mix of
 * calls, in one run, made (a) with the identity handed in by a trusted front (no token or session lookup,
 * no CSRF check, no audit record: the platform without its security filters), (b) with a personal access
 * token and (c) with a browser session and its CSRF header. Rounds alternate the three so that the noise
 * of a shared machine falls on all of them alike. The permission checks of the controllers run in all
 * three: they are what the calls do, not how the caller is recognised.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "platform.runtime=process")
@ContextConfiguration(initializers = FreshPlatformHome.class)
class AuthenticationCostBench {

	private static final String BASELINE = "X-Bench-Baseline";

	@LocalServerPort
	int port;

	@TestConfiguration
	static class TrustedFront {

		/** The baseline: requests marked so are the admin's, with none of the platform's security filters. */
		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		SecurityFilterChain baseline(HttpSecurity http) throws Exception {
			http.securityMatcher(request -> request.getHeader(BASELINE) != null);
			http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
			http.csrf(csrf -> csrf.disable());
			Filter admin = (request, response, chain) -> {
				SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null, List.of()));
				chain.doFilter(request, response);
			};
			http.addFilterAfter(admin, SecurityContextHolderFilter.class);
			return http.build();
		}

	}

	record Mode(String name, Map<String, String> headers, HttpClient http) {
	}

	@Test
	void authenticationAddsLittleToEachCall() throws Exception {
		int rounds = Integer.getInteger("bench.rounds", 300);
		Caller admin = Caller.session(port, "admin", FreshPlatformHome.ADMIN_PASSWORD);
		assertThat(admin.post("/api/apps", Map.of("name", "bench", "repoUrl", "https://git.example.com/bench.git")).status())
			.isEqualTo(201);
		String token = admin.post("/api/tokens", Map.of("name", "bench")).json().get("token").asString();

		CookieManager cookies = new CookieManager();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
		send(browser, "POST", "/api/session", "{\"username\":\"admin\",\"password\":\"" + FreshPlatformHome.ADMIN_PASSWORD + "\"}",
				Map.of());
		String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue).findFirst().orElseThrow();
		List<Mode> modes = List.of(new Mode("baseline (no security filters)", Map.of(BASELINE, "1"), HttpClient.newHttpClient()),
				new Mode("access token", Map.of("Authorization", "Bearer " + token), HttpClient.newHttpClient()),
				new Mode("session + CSRF", Map.of("X-XSRF-TOKEN", csrf), browser));
		Map<String, String[]> calls = new LinkedHashMap<>();
		calls.put("GET /api/apps/bench", new String[] { "GET", "/api/apps/bench", null });
		calls.put("GET /api/environments", new String[] { "GET", "/api/environments", null });
		calls.put("GET /api/overview", new String[] { "GET", "/api/overview", null });
		calls.put("GET /api/apps/bench/deployments", new String[] { "GET", "/api/apps/bench/deployments", null });
		calls.put("PUT /api/apps/bench/bindings/dev/KEY", new String[] { "PUT", "/api/apps/bench/bindings/dev/KEY",
				"{\"value\":\"v\",\"secret\":false}" });

		Map<String, Map<String, List<Long>>> nanos = new LinkedHashMap<>();
		for (int round = -50; round < rounds; round++) {
			for (int m = 0; m < modes.size(); m++) {
				Mode mode = modes.get(Math.floorMod(m + round, modes.size()));
				for (Map.Entry<String, String[]> call : calls.entrySet()) {
					String[] c = call.getValue();
					long start = System.nanoTime();
					int status = send(mode.http(), c[0], c[1], c[2], mode.headers());
					long took = System.nanoTime() - start;
					assertThat(status).as(mode.name() + " " + call.getKey()).isLessThan(300);
					if (round >= 0) {
						nanos.computeIfAbsent(call.getKey(), k -> new LinkedHashMap<>())
							.computeIfAbsent(mode.name(), k -> new ArrayList<>())
							.add(took);
					}
				}
			}
		}
		System.out.printf("%nAuthentication cost: %d rounds, median latency per call (ms)%n", rounds);
		System.out.printf("%-40s %10s %10s %10s %10s %10s%n", "call", "baseline", "token", "session", "+token", "+session");
		List<Double> addedToken = new ArrayList<>();
		List<Double> addedSession = new ArrayList<>();
		for (var call : nanos.entrySet()) {
			double base = median(call.getValue().get(modes.get(0).name()));
			double withToken = median(call.getValue().get(modes.get(1).name()));
			double withSession = median(call.getValue().get(modes.get(2).name()));
			addedToken.add(withToken - base);
			addedSession.add(withSession - base);
			System.out.printf("%-40s %10.3f %10.3f %10.3f %10.3f %10.3f%n", call.getKey(), base, withToken, withSession,
					withToken - base, withSession - base);
		}
		System.out.printf("median added latency per call: token %.3f ms, session %.3f ms (goal < 1 ms)%n%n",
				medianOf(addedToken), medianOf(addedSession));
	}

	private static double median(List<Long> values) {
		long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
		return (sorted.length % 2 == 1 ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0) / 1e6;
	}

	private static double medianOf(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
	}

	private int send(HttpClient http, String method, String path, String body, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
