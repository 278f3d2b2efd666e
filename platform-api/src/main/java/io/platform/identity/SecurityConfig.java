package io.platform.identity;

import java.util.List;

import io.platform.environment.EnvironmentHosts;
import io.platform.support.web.PlatformHosts;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may reach the platform's own API. Every {@code /api/**} call needs a session (sign-in through
 * {@code POST /api/session}, or OIDC) or a personal access token, except sign-in itself, the sign-in
 * options, the GitLab webhook (it brings its own token) and the health check. The web UI's files and the
 * environments' ingress hosts ({@code {app}.{env}.{domain}}, the services' own traffic) are not behind
 * the platform's login. What each signed-in person may do is decided by {@link Access}.
 * <p>
 * The platform's pages and API answers carry its security headers (a Content-Security-Policy among
 * them); the ingress hosts' answers are the services' own and get none of them. Requests for a host name
 * that is neither the platform's ({@link PlatformHosts}) nor an environment host are refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	CookieCsrfTokenRepository csrfTokenRepository() {
		CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
		repository.setCookiePath("/");
		return repository;
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
				new HttpSessionSecurityContextRepository());
	}

	@Bean
	UserDetailsService localUsers(Users users) {
		return username -> users.find(username)
			.filter(user -> user.getSource() == User.Source.LOCAL && user.getPasswordHash() != null)
			.map(user -> org.springframework.security.core.userdetails.User.withUsername(user.getUsername())
				.password(user.getPasswordHash())
				.disabled(!user.isEnabled())
				.build())
			.orElseThrow(() -> new UsernameNotFoundException(username));
	}

	/** Local passwords first, then the other sign-in providers configured (LDAP). */
	@Bean
	AuthenticationManager authenticationManager(UserDetailsService localUsers, PasswordEncoder passwordEncoder,
			ObjectProvider<SignInProvider> others) {
		DaoAuthenticationProvider local = new DaoAuthenticationProvider(localUsers);
		local.setPasswordEncoder(passwordEncoder);
		List<AuthenticationProvider> providers = new java.util.ArrayList<>();
		providers.add(local);
		others.orderedStream().flatMap(p -> p.provider().stream()).forEach(providers::add);
		ProviderManager manager = new ProviderManager(providers);
		manager.setEraseCredentialsAfterAuthentication(true);
		return manager;
	}

	/**
	 * The UI's policy. Scripts, styles, fonts and XHR only from the platform itself (Vite emits no inline
	 * script and the bundle uses no eval); {@code data:} images for the favicon in index.html.
	 * {@code style-src} keeps {@code 'unsafe-inline'} for Element Plus: its components place popovers,
	 * tooltips, dialogs and table columns with inline styles, and those that come as markup (style
	 * attributes in HTML it renders) would be blocked without it. Styles cannot run code; scripts stay
	 * strict. The browser tests fail on any violation of this policy.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
			+ "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	/**
	 * Host names the platform answers on: its own, and the environment hosts (for the ingress). Any other
	 * is refused before the filters run (DNS rebinding, {@code host.docker.internal} from a container), and
	 * so is any request for the platform itself that came in through a Docker bridge: a container may claim
	 * {@code Host: localhost}, but it reaches only the ingress.
	 */
	@Bean
	HttpFirewall firewall(PlatformHosts platform, EnvironmentHosts hosts) {
		StrictHttpFirewall firewall = new StrictHttpFirewall() {

			@Override
			public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
				if (platform.isContainerGateway(request.getLocalAddr()) && !hosts.isEnvironmentHost(request.getServerName())) {
					throw new RequestRejectedException("A request for the platform came in from a container.");
				}
				return super.getFirewalledRequest(request);
			}

		};
		firewall.setAllowedHostnames(name -> platform.isPlatformHost(name) || hosts.isEnvironmentHost(name));
		return firewall;
	}

	/** What the firewall refuses, as problem details: 421 for a host name or way in that is not this platform's. */
	@Bean
	RequestRejectedHandler requestRejected(SecurityProblems problems, PlatformHosts platform, EnvironmentHosts hosts) {
		return (request, response, ex) -> {
			String name = request.getServerName();
			boolean environmentHost = hosts.isEnvironmentHost(name);
			if (!environmentHost && platform.isContainerGateway(request.getLocalAddr())) {
				problems.write(response, 421, "Not this platform's host name", "The platform does not answer on "
						+ request.getLocalAddr() + ", this machine's address for containers (host.docker.internal); "
						+ "containers reach only the environments' hosts here.");
			}
			else if (!environmentHost && !platform.isPlatformHost(name)) {
				problems.write(response, 421, "Not this platform's host name", "'" + name + "' is not a host name "
						+ "of this platform. Call it by one of its names; an operator adds names to platform.allowed-hosts.");
			}
			else {
				problems.write(response, 400, "Request rejected", "The request was rejected as malformed (an encoded "
						+ "or unusual character in its path or headers); send a plain URL.");
			}
		};
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, EnvironmentHosts hosts, CookieCsrfTokenRepository csrfTokens,
			SecurityContextRepository contexts, ApiTokens tokens, SecurityProblems problems, Audit audit,
			@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers,
			ObjectProvider<SignInProvider> others) throws Exception {
		RequestMatcher platformPaths = new OrRequestMatcher(path("/api/**"), path("/oauth2/**"), path("/login/oauth2/**"),
				path("/actuator/**"));
		http.securityMatcher(request -> platformPaths.matches(request) && !hosts.isEnvironmentHost(request.getHeader("Host")));
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers(path(HttpMethod.POST, SessionController.PATH), path(HttpMethod.GET, SessionController.PATH + "/providers"),
					path(HttpMethod.POST, "/api/hooks/gitlab"), path("/actuator/health"), path("/actuator/health/**"),
					path("/oauth2/**"), path("/login/oauth2/**"))
			.permitAll()
			.anyRequest()
			.authenticated());
		http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
			.csrfTokenRequestHandler(new HeaderOnlyCsrfTokens())
			.ignoringRequestMatchers(path(HttpMethod.POST, SessionController.PATH), path(HttpMethod.POST, "/api/hooks/gitlab"),
					BearerTokenFilter::hasBearer));
		http.securityContext(context -> context.securityContextRepository(contexts));
		// Sessions begin only at a sign-in (which makes one itself): a bearer call never leaves one behind.
		http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER));
		http.requestCache(cache -> cache.disable());
		headers(http, true);
		http.formLogin(form -> form.disable());
		http.httpBasic(basic -> basic.disable());
		http.logout(logout -> logout.disable());
		http.exceptionHandling(errors -> errors.authenticationEntryPoint(problems::unauthorized)
			.accessDeniedHandler(problems::denied));
		http.addFilterAfter(new AuditFilter(audit, handlers), SecurityContextHolderFilter.class);
		http.addFilterBefore(new BearerTokenFilter(tokens, problems), CsrfFilter.class);
		// Loads the CSRF token on every call, so that the XSRF-TOKEN cookie is there before the first change.
		http.addFilterAfter((request, response, chain) -> {
			if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}, CsrfFilter.class);
		for (SignInProvider provider : others.orderedStream().toList()) {
			provider.configure(http);
		}
		return http.build();
	}

	/**
	 * The web UI's files and anything else of the platform outside its API: open to all, but with the
	 * platform's security headers. Environment hosts match no chain, so their answers stay the services'.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain webUi(HttpSecurity http, EnvironmentHosts hosts, CookieCsrfTokenRepository csrfTokens,
			SecurityProblems problems) throws Exception {
		http.securityMatcher(request -> !hosts.isEnvironmentHost(request.getHeader("Host")));
		http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
		http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(new HeaderOnlyCsrfTokens()));
		http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER));
		http.requestCache(cache -> cache.disable());
		http.exceptionHandling(errors -> errors.accessDeniedHandler(problems::denied));
		headers(http, false);
		return http.build();
	}

	/**
	 * Content-Security-Policy, nosniff, no framing, and no Referer to other sites (links to Kibana, GitLab).
	 * {@code noStore}: API answers are not cached; the UI's files keep their own caching.
	 */
	private static void headers(HttpSecurity http, boolean noStore) throws Exception {
		http.headers(headers -> {
			headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.contentTypeOptions(nosniff -> {
				})
				.frameOptions(frames -> frames.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
			if (!noStore) {
				headers.cacheControl(cache -> cache.disable());
			}
		});
	}

	/**
	 * The raw cookie value in the X-XSRF-TOKEN header, as browsers' XSRF conventions send it, and only
	 * there: never a {@code _csrf} parameter. A page on a sibling host of the same site (an environment's
	 * service) can set an XSRF-TOKEN cookie of its choosing and submit a form that carries the same value,
	 * and a call without a body (redeploy, rollback, cancel) reads no body that would refuse the form; it
	 * cannot add a header to a cross-origin request.
	 */
	static final class HeaderOnlyCsrfTokens extends CsrfTokenRequestAttributeHandler {

		@Override
		public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
			return request.getHeader(csrfToken.getHeaderName());
		}

	}

	private static RequestMatcher path(String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(pattern);
	}

	private static RequestMatcher path(HttpMethod method, String pattern) {
		return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
	}

}
