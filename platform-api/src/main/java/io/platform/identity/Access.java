package io.platform.identity;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.platform.environment.Environment;
import io.platform.environment.EnvironmentService;
import io.platform.support.web.ForbiddenException;
import io.platform.support.web.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is calling and what they may do: the one place where the roles of DESIGN section 7 are decided.
 * Controllers ask it before they act; a refusal is a 401 or a 403 whose detail names the missing role.
 * Decisions read the user and their memberships from the database on each request, so a role taken away
 * or an account disabled counts at once, also for sessions already open.
 */
@Service
public class Access {

	/** Request attributes naming the service and environment a call was about, for the audit trail. */
	static final String AUDIT_APP = Access.class.getName() + ".app";

	static final String AUDIT_ENV = Access.class.getName() + ".env";

	private static final String CURRENT = Access.class.getName() + ".current";

	private final Users users;

	private final Members members;

	private final EnvironmentService environments;

	Access(Users users, Members members, EnvironmentService environments) {
		this.users = users;
		this.members = members;
		this.environments = environments;
	}

	/** The signed-in user, or a 401. */
	public User current() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null && request.getAttribute(CURRENT, RequestAttributes.SCOPE_REQUEST) instanceof User cached) {
			return cached;
		}
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		if (who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken) {
			throw new UnauthorizedException("Sign in first (POST /api/session) or send a personal access token "
					+ "as 'Authorization: Bearer <token>'.");
		}
		User user = users.find(who.getName())
			.orElseThrow(() -> new UnauthorizedException("The account '" + who.getName() + "' no longer exists; sign in again."));
		if (!user.isEnabled()) {
			throw new UnauthorizedException("The account '" + user.getUsername() + "' is disabled; ask a platform admin.");
		}
		if (request != null) {
			request.setAttribute(CURRENT, user, RequestAttributes.SCOPE_REQUEST);
		}
		return user;
	}

	public String currentName() {
		return current().getUsername();
	}

	public void requireAdmin(String what) {
		if (!current().isAdmin()) {
			throw new ForbiddenException("Only platform admins " + what + "; you are not one.");
		}
	}

	/** The caller's role on a service, or null when they have none (admins: OWNER). */
	public ServiceRole roleOn(String app) {
		User user = current();
		if (user.isAdmin()) {
			return ServiceRole.OWNER;
		}
		return members.roleOf(app, user.getUsername()).orElse(null);
	}

	/** Requires at least {@code needed} on the service; {@code what} says what it is for ("deploys orders"). */
	public void require(String app, ServiceRole needed, String what) {
		scope(app, null);
		ServiceRole role = roleOn(app);
		if (role == null || !role.includes(needed)) {
			throw new ForbiddenException("Needs the " + needed + " role on " + app + " (" + what + "); you have "
					+ (role == null ? "no role on it" : "the " + role + " role") + ". Its OWNER can add you.");
		}
	}

	public void requireRead(String app) {
		require(app, ServiceRole.VIEWER, "reads it");
	}

	/** Reading something of the service in one environment (a deployment, its logs). */
	public void requireRead(String app, String env) {
		scope(app, env);
		requireRead(app);
	}

	/** Keeps the services the caller may read. */
	public <T> List<T> readable(Collection<T> items, Function<T, String> app) {
		User user = current();
		if (user.isAdmin()) {
			return List.copyOf(items);
		}
		Set<String> mine = members.ofUser(user.getUsername()).stream().map(Member::getApp).collect(Collectors.toSet());
		return items.stream().filter(item -> mine.contains(app.apply(item))).toList();
	}

	/**
	 * A new build into an environment (deploy, redeploy, a push): a protected environment takes it only
	 * through a release, for everyone; elsewhere a DEVELOPER may.
	 */
	public void requireDeploy(String app, String env) {
		scope(app, env);
		current();
		Environment environment = environments.lookup(env).orElse(null);
		if (environment == null) {
			// Not a permission question: the deployment itself answers that the environment is unknown (400).
			require(app, ServiceRole.DEVELOPER, "deploys it");
			return;
		}
		if (environment.getIsProtected()) {
			throw new ForbiddenException("protected: deploy it through a release (" + env
					+ " takes changes only from approved releases).");
		}
		require(app, ServiceRole.DEVELOPER, "deploys it into " + env);
	}

	/** Rolling back or cancelling: a DEVELOPER in an unprotected environment, an OWNER in a protected one. */
	public void requireOperate(String app, String env, String what) {
		scope(app, env);
		Environment environment = environments.get(env);
		require(app, environment.getIsProtected() ? ServiceRole.OWNER : ServiceRole.DEVELOPER,
				what + " in " + env + (environment.getIsProtected() ? ", a protected environment" : ""));
	}

	/** Names the service and environment a call is about, for the audit trail. */
	public void scope(String app, String env) {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			if (app != null) {
				request.setAttribute(AUDIT_APP, app);
			}
			if (env != null) {
				request.setAttribute(AUDIT_ENV, env);
			}
		}
	}

}
