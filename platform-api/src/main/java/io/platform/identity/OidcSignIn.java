package io.platform.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.platform.identity.AuditEvent.Outcome;
import io.platform.support.web.PlatformException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Sign-in through OpenID Connect providers (Keycloak, Entra ID, GitLab, ...), one button each on the sign-in
 * page: the authorization code flow at {@code /oauth2/authorization/<id>} and
 * {@code /login/oauth2/code/<id>}, then a platform session like a password sign-in's. Off while no
 * {@code platform.security.oidc.registrations.*} is configured.
 * <p>
 * The provider's configuration is discovered on the first sign-in through it, not at start: a provider
 * that is down must not keep the platform from starting, and is asked again at the next attempt.
 */
@Component
class OidcSignIn implements SignInProvider {

	private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** For the discovery request; a provider slower than this is treated as down. */
	private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(10);

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	static final String LOGIN = "/oauth2/authorization/";

	static final String CALLBACK = "/login/oauth2/code/";

	static final String FAILED = "/signin?error=oidc";

	/** {@code platform.security.oidc.*}: the providers, by the id that appears in their URLs. */
	@ConfigurationProperties("platform.security.oidc")
	record Settings(@DefaultValue Map<String, Registration> registrations) {
	}

	/**
	 * One provider.
	 * @param issuerUri the issuer, whose {@code /.well-known/openid-configuration} describes it
	 * @param name the button's label (default: the id)
	 * @param usernameClaim the claim that becomes the platform username
	 * @param groupsClaim the claim listing the person's groups
	 * @param adminGroups groups whose members are platform admins; with none, or a token without the groups
	 *     claim, the platform's own flag decides
	 */
	record Registration(String issuerUri, String clientId, String clientSecret, String name,
			@DefaultValue({ "openid", "profile", "email" }) List<String> scopes,
			@DefaultValue("preferred_username") String usernameClaim, @DefaultValue("groups") String groupsClaim,
			@DefaultValue List<String> adminGroups) {

		@Override
		public String toString() {
			// The record's own toString would print the client secret.
			return issuerUri + " as " + clientId;
		}

	}

	/** The platform only signs people in and never calls the provider's APIs for them: their tokens are not kept. */
	private static final OAuth2AuthorizedClientRepository NOT_KEPT = new OAuth2AuthorizedClientRepository() {

		@Override
		public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
				Authentication principal, HttpServletRequest request) {
			return null;
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}

		@Override
		public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}

	};

	private final Map<String, Registration> registrations;

	private final Users users;

	private final Audit audit;

	private final SecurityContextRepository contexts;

	private final String redirectUri;

	private final Providers providers = new Providers();

	private final OidcUserService standard = new OidcUserService();

	private HttpClient http;

	OidcSignIn(Settings settings, Users users, Audit audit, SecurityContextRepository contexts,
			@Value("${platform.external-url:}") String externalUrl) {
		this.registrations = Map.copyOf(settings.registrations());
		this.users = users;
		this.audit = audit;
		this.contexts = contexts;
		// Behind a proxy the request's own host is not the one the provider must send people back to.
		this.redirectUri = (externalUrl == null || externalUrl.isBlank() ? "{baseUrl}" : externalUrl.strip().replaceAll("/+$", ""))
				+ CALLBACK + "{registrationId}";
		registrations.forEach(OidcSignIn::check);
		if (!registrations.isEmpty()) {
			log.info("Sign-in through OpenID Connect: {} (each provider's configuration is fetched at its first sign-in)",
					registrations.entrySet().stream().map(e -> e.getKey() + " at " + e.getValue()).sorted().toList());
		}
	}

	private static void check(String id, Registration registration) {
		String prefix = "platform.security.oidc.registrations." + id;
		if (!ID.matcher(id).matches()) {
			throw new IllegalStateException(prefix + ": an id is 1 to 32 letters, digits, '-' or '_' (it is part of URLs).");
		}
		if (registration.issuerUri() == null || registration.issuerUri().isBlank()) {
			throw new IllegalStateException(prefix + ".issuer-uri is missing.");
		}
		if (registration.clientId() == null || registration.clientId().isBlank()) {
			throw new IllegalStateException(prefix + ".client-id is missing.");
		}
		if (!registration.scopes().contains("openid")) {
			throw new IllegalStateException(prefix + ".scopes must include openid.");
		}
	}

	@Override
	public List<SessionController.Providers.Oidc> oidc() {
		return registrations.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map(e -> new SessionController.Providers.Oidc(e.getKey(),
					e.getValue().name() == null || e.getValue().name().isBlank() ? e.getKey() : e.getValue().name(),
					LOGIN + e.getKey()))
			.toList();
	}

	@Override
	public void configure(HttpSecurity http) {
		if (registrations.isEmpty()) {
			return;
		}
		http.oauth2Login(login -> login.clientRegistrationRepository(providers)
			.authorizedClientRepository(NOT_KEPT)
			.loginPage("/signin")
			.userInfoEndpoint(userInfo -> userInfo.oidcUserService(this::loadUser))
			.successHandler(this::succeeded)
			.failureHandler(this::failed)
			// A provider that cannot be discovered fails on the way out: the same handler, not a bare 500.
			.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
				@Override
				public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
					filter.setAuthenticationFailureHandler(OidcSignIn.this::failed);
					return filter;
				}
			}));
	}

	/** The person the provider vouched for, as a platform user: made on first sign-in, refreshed after. */
	OidcUser loadUser(OidcUserRequest request) {
		OidcUser person = standard.loadUser(request);
		String id = request.getClientRegistration().getRegistrationId();
		Registration registration = registrations.get(id);
		String username = person.getClaimAsString(registration.usernameClaim());
		if (username == null || username.isBlank()) {
			throw refused("The provider " + id + " sent no '" + registration.usernameClaim()
					+ "' claim to take the username from (platform.security.oidc.registrations." + id + ".username-claim).");
		}
		Boolean admin = null;
		if (!registration.adminGroups().isEmpty() && person.hasClaim(registration.groupsClaim())) {
			List<String> groups = person.getClaimAsStringList(registration.groupsClaim());
			Set<String> admins = registration.adminGroups().stream().map(OidcSignIn::lower).collect(Collectors.toSet());
			admin = groups != null && groups.stream().map(OidcSignIn::lower).anyMatch(admins::contains);
		}
		User user;
		try {
			user = users.signedInExternally(User.Source.OIDC, username, person.getFullName(), person.getEmail(),
					person.getIssuer() + " " + person.getSubject(), admin);
		}
		catch (PlatformException ex) {
			// A local or LDAP account of that name, or a name the platform cannot take.
			throw refused(ex.getMessage());
		}
		if (!user.isEnabled()) {
			throw refused("The account '" + username + "' is disabled; ask a platform admin.");
		}
		return new DefaultOidcUser(person.getAuthorities(), person.getIdToken(), person.getUserInfo(),
				registration.usernameClaim());
	}

	private static OAuth2AuthenticationException refused(String why) {
		return new OAuth2AuthenticationException(new OAuth2Error("access_denied", why, null), why);
	}

	/** Replaces the provider's token by the platform's own sign-in, as a password sign-in makes it. */
	void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication signedIn) throws IOException {
		String username = signedIn.getName();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null, List.of()));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		users.signedIn(username);
		String provider = signedIn instanceof OAuth2AuthenticationToken token ? token.getAuthorizedClientRegistrationId() : "?";
		audit.record(new Audit.Entry(username, "session.signIn", "GET " + request.getRequestURI(), null, null, Outcome.SUCCESS,
				302, "through OIDC " + provider, request.getRemoteAddr()));
		response.sendRedirect(request.getContextPath() + "/");
	}

	void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
		IssuerUnavailable down = cause(failure, IssuerUnavailable.class);
		String code = failure instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : null;
		boolean upstream = down != null || "invalid_token_response".equals(code) || "invalid_user_info_response".equals(code)
				|| "server_error".equals(code) || "temporarily_unavailable".equals(code);
		String detail = down != null ? down.getMessage() : describe(failure);
		if (upstream) {
			log.warn("OIDC sign-in failed: {}", detail);
		}
		else {
			log.info("OIDC sign-in refused: {}", detail);
		}
		audit.record(new Audit.Entry("anonymous", "session.signIn", "GET " + request.getRequestURI(), null, null,
				upstream ? Outcome.FAILED : Outcome.DENIED, upstream ? 502 : 401, detail, request.getRemoteAddr()));
		response.sendRedirect(request.getContextPath() + FAILED);
	}

	private static String describe(AuthenticationException failure) {
		if (failure instanceof OAuth2AuthenticationException oauth) {
			OAuth2Error error = oauth.getError();
			return error.getErrorCode() + (error.getDescription() == null ? "" : ": " + error.getDescription());
		}
		return failure.getMessage();
	}

	private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	private static String reason(IOException ex) {
		if (ex instanceof java.net.http.HttpTimeoutException) {
			return "timed out";
		}
		if (ex instanceof java.net.ConnectException) {
			return "connection refused";
		}
		return ex instanceof java.net.UnknownHostException ? "unknown host" : "connection failed";
	}

	private static String lower(String value) {
		return value.strip().toLowerCase(Locale.ROOT);
	}

	/** The configured providers, each discovered at its first use and then kept. */
	private final class Providers implements ClientRegistrationRepository {

		private final Map<String, ClientRegistration> discovered = new ConcurrentHashMap<>();

		@Override
		public ClientRegistration findByRegistrationId(String id) {
			Registration registration = registrations.get(id);
			if (registration == null) {
				return null;
			}
			ClientRegistration known = discovered.get(id);
			if (known != null) {
				return known;
			}
			ClientRegistration fresh = discover(id, registration);
			ClientRegistration raced = discovered.putIfAbsent(id, fresh);
			return raced != null ? raced : fresh;
		}

	}

	private ClientRegistration discover(String id, Registration registration) {
		String issuer = registration.issuerUri().strip().replaceAll("/+$", "");
		URI location = URI.create(issuer + "/.well-known/openid-configuration");
		HttpResponse<String> answer;
		try {
			answer = client().send(HttpRequest.newBuilder(location).timeout(DISCOVERY_TIMEOUT)
				.header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IssuerUnavailable("The OpenID provider " + id + " at " + issuer + " did not answer (" + reason(ex)
					+ "); try again later.", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IssuerUnavailable("Interrupted while asking the OpenID provider " + id + " at " + issuer + ".", ex);
		}
		if (answer.statusCode() != 200) {
			throw new IssuerUnavailable("The OpenID provider " + id + " answered " + answer.statusCode() + " for " + location + ".", null);
		}
		Map<String, Object> metadata;
		try {
			metadata = JSON.readValue(answer.body(), new TypeReference<Map<String, Object>>() {
			});
		}
		catch (RuntimeException ex) {
			throw new IssuerUnavailable("The OpenID provider " + id + " answered something other than JSON at " + location + ".", ex);
		}
		String named = String.valueOf(metadata.get("issuer")).replaceAll("/+$", "");
		if (!issuer.equals(named)) {
			// Its tokens would name that issuer and be refused; say so now rather than at each sign-in.
			throw new IssuerUnavailable("The OpenID provider at " + location + " names itself " + named + ", not " + issuer
					+ " (platform.security.oidc.registrations." + id + ".issuer-uri).", null);
		}
		ClientRegistration found = ClientRegistrations.fromOidcConfiguration(metadata)
			.registrationId(id)
			.clientId(registration.clientId())
			.clientSecret(registration.clientSecret())
			.scope(registration.scopes())
			.clientName(registration.name() == null || registration.name().isBlank() ? id : registration.name())
			.redirectUri(redirectUri)
			.userNameAttributeName(registration.usernameClaim())
			.build();
		log.info("OIDC provider {} discovered at {}", id, issuer);
		return found;
	}

	private synchronized HttpClient client() {
		if (http == null) {
			http = HttpClient.newBuilder().connectTimeout(DISCOVERY_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
		}
		return http;
	}

	/** The provider's configuration could not be fetched: nobody's fault here, try again later. */
	static final class IssuerUnavailable extends RuntimeException {

		IssuerUnavailable(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
