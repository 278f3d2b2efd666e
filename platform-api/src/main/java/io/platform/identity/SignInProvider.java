package io.platform.identity;

import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A way to sign in besides local passwords (LDAP, OIDC). Beans of this type are always defined and decide
 * at start from their properties whether they take part, so the set of beans stays the same whatever is
 * configured (the packaged platform starts from beans fixed at build time).
 */
interface SignInProvider {

	/** Checks a username and password, as LDAP does; empty when this provider does not. */
	default Optional<AuthenticationProvider> provider() {
		return Optional.empty();
	}

	/** Adds what this provider needs to the API's security (OIDC: its login and callback endpoints). */
	default void configure(HttpSecurity http) throws Exception {
	}

	/** The buttons the sign-in page shows for it (OIDC: one per configured provider). */
	default List<SessionController.Providers.Oidc> oidc() {
		return List.of();
	}

	default boolean passwordChecked() {
		return provider().isPresent();
	}

}
