package io.platform.identity;

import java.util.List;

import io.platform.identity.AuditEvent.Outcome;
import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.TooManyRequestsException;
import io.platform.support.web.UnauthorizedException;
import io.platform.support.web.UpstreamException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signing in and out of the web UI: {@code POST /api/session} checks the password (locally, then LDAP when
 * configured), starts a session (a new id: no fixation) and hands out a fresh CSRF token in the
 * {@code XSRF-TOKEN} cookie. Every attempt is on the audit trail.
 */
@RestController
class SessionController {

	static final String PATH = "/api/session";

	private final AuthenticationManager authentication;

	private final SecurityContextRepository contexts;

	private final CsrfTokenRepository csrfTokens;

	private final LoginThrottle throttle;

	private final Users users;

	private final Members members;

	private final Access access;

	private final Audit audit;

	private final ObjectProvider<SignInProvider> providers;

	SessionController(AuthenticationManager authentication, SecurityContextRepository contexts,
			CsrfTokenRepository csrfTokens, LoginThrottle throttle, Users users, Members members, Access access,
			Audit audit, ObjectProvider<SignInProvider> providers) {
		this.authentication = authentication;
		this.contexts = contexts;
		this.csrfTokens = csrfTokens;
		this.throttle = throttle;
		this.users = users;
		this.members = members;
		this.access = access;
		this.audit = audit;
		this.providers = providers;
	}

	record SignIn(String username, String password) {
	}

	/** The signed-in person as the UI needs them: who, and their role on each service. */
	record CurrentUser(String username, String displayName, String email, boolean admin, User.Source source,
			List<Membership> memberships) {

		record Membership(String app, ServiceRole role) {
		}

	}

	/** How one can sign in here, for the sign-in page. */
	record Providers(boolean password, boolean ldap, List<Oidc> oidc) {

		record Oidc(String id, String name, String loginUrl) {
		}

	}

	record PasswordChange(String currentPassword, String newPassword) {
	}

	@PostMapping(PATH)
	CurrentUser signIn(@RequestBody(required = false) SignIn body, HttpServletRequest request,
			HttpServletResponse response) {
		if (body == null || body.username() == null || body.username().isBlank()) {
			throw new InvalidInputException("username", "Enter a username.");
		}
		if (body.password() == null || body.password().isEmpty()) {
			throw new InvalidInputException("password", "Enter the password.");
		}
		String username = body.username().strip();
		String address = request.getRemoteAddr();
		try {
			throttle.check(username, address);
		}
		catch (TooManyRequestsException ex) {
			record(username, Outcome.DENIED, 429, ex.getMessage(), address);
			throw ex;
		}
		Authentication signedIn;
		try {
			signedIn = authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, body.password()));
		}
		catch (DisabledException ex) {
			record(username, Outcome.DENIED, 401, "account disabled", address);
			throw new UnauthorizedException("The account '" + username + "' is disabled; ask a platform admin.");
		}
		catch (LdapSignIn.DirectoryUnavailable ex) {
			// Not the caller's mistake: no throttling, and not "wrong password".
			record(username, Outcome.FAILED, 502, ex.getMessage(), address);
			throw new UpstreamException(ex.getMessage(), ex);
		}
		catch (ConflictException ex) {
			// The directory knows the password of someone whose name a local account already has.
			record(username, Outcome.DENIED, 409, ex.getMessage(), address);
			throw ex;
		}
		catch (AuthenticationException ex) {
			throttle.failed(username, address);
			record(username, Outcome.DENIED, 401, "wrong username or password", address);
			throw new UnauthorizedException("Wrong username or password.");
		}
		throttle.succeeded(username);
		HttpSession existing = request.getSession(false);
		if (existing != null) {
			request.changeSessionId();
		}
		else {
			request.getSession(true);
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(signedIn);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		csrfTokens.saveToken(csrfTokens.generateToken(request), request, response);
		users.signedIn(signedIn.getName());
		record(signedIn.getName(), Outcome.SUCCESS, 200, null, address);
		return current();
	}

	@GetMapping(PATH)
	CurrentUser current() {
		User user = access.current();
		return new CurrentUser(user.getUsername(), user.getDisplayName(), user.getEmail(), user.isAdmin(), user.getSource(),
				members.ofUser(user.getUsername())
					.stream()
					.map(m -> new CurrentUser.Membership(m.getApp(), m.getRole()))
					.toList());
	}

	@DeleteMapping(PATH)
	ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response) {
		new SecurityContextLogoutHandler().logout(request, response, SecurityContextHolder.getContext().getAuthentication());
		csrfTokens.saveToken(null, request, response);
		return ResponseEntity.noContent().build();
	}

	@GetMapping(PATH + "/providers")
	Providers providers() {
		List<SignInProvider> all = providers.orderedStream().toList();
		return new Providers(true, all.stream().anyMatch(SignInProvider::passwordChecked),
				all.stream().flatMap(p -> p.oidc().stream()).toList());
	}

	@PutMapping(PATH + "/password")
	ResponseEntity<Void> changePassword(@RequestBody PasswordChange change) {
		users.changePassword(access.currentName(), change.currentPassword(), change.newPassword());
		return ResponseEntity.noContent().build();
	}

	private void record(String username, Outcome outcome, int status, String detail, String address) {
		audit.record(new Audit.Entry(username, "session.signIn", "POST " + PATH, null, null, outcome, status, detail, address));
	}

}
