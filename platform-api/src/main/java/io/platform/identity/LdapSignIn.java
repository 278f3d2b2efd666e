package io.platform.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.userdetails.DefaultLdapAuthoritiesPopulator;
import org.springframework.stereotype.Component;

/**
 * Password sign-in against a directory: binds as the user (by DN pattern, or found by a search), reads their
 * name and mail, and - when groups and admin groups are configured - whether they are a platform admin.
 * Off while {@code platform.security.ldap.url} is empty. Tried after local passwords.
 */
@Component
class LdapSignIn implements SignInProvider {

	private static final Logger log = LoggerFactory.getLogger(LdapSignIn.class);

	/**
	 * {@code platform.security.ldap.*}.
	 * @param url the directory and its base DN, {@code ldap://host:389/dc=example,dc=com}; empty: LDAP is off
	 * @param userDnPattern where a user's entry is, relative to the base ({@code uid={0},ou=people})
	 * @param userSearchBase with {@code userSearchFilter}: find the entry instead ({@code ou=people})
	 * @param userSearchFilter {@code (uid={0})}, {0} the username
	 * @param managerDn who searches (users, groups); empty: anonymous
	 * @param groupSearchBase where groups are ({@code ou=groups}); empty: no groups are read
	 * @param groupSearchFilter a group the user is in; {0} their DN, {1} their username
	 * @param adminGroups names (cn) of the groups whose members are platform admins; with none the platform's
	 *     own flag decides
	 * @param timeout for connecting to the directory and for each answer
	 */
	@ConfigurationProperties("platform.security.ldap")
	record Settings(String url, String userDnPattern, String userSearchBase, @DefaultValue("(uid={0})") String userSearchFilter,
			String managerDn, String managerPassword, String groupSearchBase,
			@DefaultValue("(member={0})") String groupSearchFilter, @DefaultValue List<String> adminGroups,
			@DefaultValue("cn") String displayNameAttribute, @DefaultValue("mail") String emailAttribute,
			@DefaultValue("5s") Duration timeout) {

		boolean on() {
			return url != null && !url.isBlank();
		}

		/** The directory's host and port, for messages: never the manager's credentials. */
		String server() {
			try {
				URI uri = URI.create(url.strip().split("\\s+")[0]);
				return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
			}
			catch (IllegalArgumentException ex) {
				return "(unparsable URL)";
			}
		}

		@Override
		public String toString() {
			// The record's own toString would print the manager's password.
			return "LDAP " + url + (managerDn == null || managerDn.isBlank() ? "" : " as " + managerDn);
		}

	}

	private final Settings settings;

	private final Users users;

	private final Directory directory;

	LdapSignIn(Settings settings, Users users) {
		this.settings = settings;
		this.users = users;
		this.directory = settings.on() ? connect() : null;
	}

	@Override
	public Optional<AuthenticationProvider> provider() {
		return Optional.ofNullable(directory);
	}

	private Directory connect() {
		if (blank(settings.userDnPattern()) && blank(settings.userSearchBase())) {
			throw new IllegalStateException("platform.security.ldap.url is set but neither user-dn-pattern nor "
					+ "user-search-base says where the users are.");
		}
		DefaultSpringSecurityContextSource source = new DefaultSpringSecurityContextSource(settings.url().strip());
		if (!blank(settings.managerDn())) {
			source.setUserDn(settings.managerDn());
			source.setPassword(settings.managerPassword() == null ? "" : settings.managerPassword());
		}
		String millis = Long.toString(settings.timeout().toMillis());
		// A directory that does not answer must not hold a sign-in request for minutes.
		source.setBaseEnvironmentProperties(Map.of("com.sun.jndi.ldap.connect.timeout", millis,
				"com.sun.jndi.ldap.read.timeout", millis));
		source.afterPropertiesSet();
		BindAuthenticator authenticator = new BindAuthenticator(source);
		if (!blank(settings.userDnPattern())) {
			authenticator.setUserDnPatterns(new String[] { settings.userDnPattern() });
		}
		if (!blank(settings.userSearchBase())) {
			authenticator.setUserSearch(new FilterBasedLdapUserSearch(settings.userSearchBase(), settings.userSearchFilter(), source));
		}
		authenticator.afterPropertiesSet();
		DefaultLdapAuthoritiesPopulator groups = null;
		if (!blank(settings.groupSearchBase())) {
			groups = new DefaultLdapAuthoritiesPopulator(source, settings.groupSearchBase());
			groups.setGroupSearchFilter(settings.groupSearchFilter());
			groups.setGroupRoleAttribute("cn");
			groups.setRolePrefix("");
			groups.setConvertToUpperCase(false);
			groups.setSearchSubtree(true);
		}
		log.info("Sign-in through {}: users {}, {}", settings, !blank(settings.userDnPattern()) ? "at " + settings.userDnPattern()
				: "found by " + settings.userSearchFilter() + " under " + settings.userSearchBase(),
				groups == null ? "no groups read (admins are set in the platform)"
						: "admins from the groups " + settings.adminGroups() + " under " + settings.groupSearchBase());
		return new Directory(authenticator, groups);
	}

	/** Checks the password by binding as the user, then makes or refreshes their platform user. */
	private final class Directory implements AuthenticationProvider {

		private final BindAuthenticator authenticator;

		private final DefaultLdapAuthoritiesPopulator groups;

		Directory(BindAuthenticator authenticator, DefaultLdapAuthoritiesPopulator groups) {
			this.authenticator = authenticator;
			this.groups = groups;
		}

		@Override
		public Authentication authenticate(Authentication attempt) throws AuthenticationException {
			String username = attempt.getName();
			DirContextOperations entry;
			Boolean admin = null;
			try {
				entry = authenticator.authenticate(attempt);
				if (groups != null && !settings.adminGroups().isEmpty()) {
					Set<String> admins = lower(settings.adminGroups());
					admin = groups.getGrantedAuthorities(entry, username)
						.stream()
						.map(GrantedAuthority::getAuthority)
						.anyMatch(group -> admins.contains(group.toLowerCase(Locale.ROOT)));
				}
			}
			catch (UsernameNotFoundException ex) {
				throw new BadCredentialsException("Bad credentials", ex);
			}
			catch (org.springframework.ldap.NamingException ex) {
				// Not a wrong password: the directory could not be asked (down, slow, refused our search).
				throw new DirectoryUnavailable("The LDAP directory at " + settings.server() + " did not answer the sign-in ("
						+ reason(ex) + "); directory accounts cannot sign in until it does, local accounts still can.", ex);
			}
			User user = users.signedInExternally(User.Source.LDAP, username,
					entry.getStringAttribute(settings.displayNameAttribute()), entry.getStringAttribute(settings.emailAttribute()),
					entry.getNameInNamespace(), admin);
			if (!user.isEnabled()) {
				throw new DisabledException("disabled");
			}
			return UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null, List.of());
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

	/** The directory failed, as opposed to refusing the password: a 502 for the caller, not a 401. */
	static final class DirectoryUnavailable extends InternalAuthenticationServiceException {

		DirectoryUnavailable(String message, Throwable cause) {
			super(message, cause);
		}

	}

	private static String reason(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root instanceof java.net.ConnectException) {
			return "connection refused";
		}
		if (root instanceof java.net.SocketTimeoutException || String.valueOf(root.getMessage()).contains("timed out")) {
			return "timed out";
		}
		if (root instanceof java.net.UnknownHostException) {
			return "unknown host";
		}
		return ex instanceof org.springframework.ldap.CommunicationException ? "no connection" : "the directory refused the query";
	}

	private static Set<String> lower(List<String> names) {
		return names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
