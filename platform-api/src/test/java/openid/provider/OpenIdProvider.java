package openid.provider;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID provider for tests: Spring Security's authorization server in a small Spring Boot
 * application of its own, on a random port, with one client (the platform) and two people who sign in on
 * its form. Kept outside io.platform so that the platform's component scan never finds it, and started
 * with only the auto-configuration a web server needs (no database, no platform settings).
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
		SecurityFilterAutoConfiguration.class })
@EnableWebSecurity
public class OpenIdProvider {

	public static final String CLIENT_ID = "platform";

	public static final String CLIENT_SECRET = "platform-client-secret";

	/** People and their groups (the groups claim). */
	public static final Map<String, List<String>> GROUPS = Map.of("alice", List.of("developers", "platform-admins"), "bob",
			List.of("developers"));

	public static final String PASSWORD = "provider-password";

	private static final String CLIENT_KEY = "platform-client";

	/** Starts one; close it when done. */
	public static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(OpenIdProvider.class)
			.properties("spring.config.name=openid-provider", "server.port=0", "spring.main.banner-mode=off",
					// Its own session cookie, whatever host the platform's is set for.
					"server.servlet.session.cookie.name=PROVIDER_SESSION")
			.run();
	}

	/** Where the provider runs; it names itself so in its tokens. */
	public static String issuer(ConfigurableApplicationContext provider) {
		return "http://localhost:" + ((WebServerApplicationContext) provider).getWebServer().getPort();
	}

	/** Lets the platform on that port send people back to each of these registration ids. */
	public static void allowPlatform(ConfigurableApplicationContext provider, int platformPort, String... registrationIds) {
		RegisteredClient.Builder client = RegisteredClient.withId(CLIENT_KEY)
			.clientId(CLIENT_ID)
			.clientSecret("{noop}" + CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope(OidcScopes.EMAIL)
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build());
		for (String id : registrationIds) {
			client.redirectUri("http://127.0.0.1:" + platformPort + "/login/oauth2/code/" + id);
		}
		provider.getBean(InMemoryRegisteredClientRepository.class).save(client.build());
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
		http.oauth2AuthorizationServer(server -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(Customizer.withDefaults());
		});
		http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
		// The user info endpoint takes the access token it issued.
		http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
		http.exceptionHandling(errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain signInForm(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
		http.formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	InMemoryRegisteredClientRepository clients() {
		// Replaced by allowPlatform once the platform's port is known; the repository cannot start empty.
		return new InMemoryRegisteredClientRepository(RegisteredClient.withId(CLIENT_KEY)
			.clientId(CLIENT_ID)
			.clientSecret("{noop}" + CLIENT_SECRET)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://127.0.0.1/not-yet")
			.scope(OidcScopes.OPENID)
			.build());
	}

	@Bean
	UserDetailsService people() {
		return new InMemoryUserDetailsManager(GROUPS.keySet()
			.stream()
			.map(name -> User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build())
			.toList());
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> claims() {
		return context -> {
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				String name = context.getPrincipal().getName();
				context.getClaims()
					.claim("preferred_username", name)
					.claim("name", Character.toUpperCase(name.charAt(0)) + name.substring(1) + " Example")
					.claim("email", name + "@example.com")
					.claim("groups", GROUPS.getOrDefault(name, List.of()));
			}
		};
	}

	@Bean
	JWKSource<SecurityContext> keys() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	@Bean
	JwtDecoder accessTokens(JWKSource<SecurityContext> keys) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
	}

	@Bean
	AuthorizationServerSettings settings() {
		// No issuer set: each request's own host, http://localhost:<port>.
		return AuthorizationServerSettings.builder().build();
	}

}
