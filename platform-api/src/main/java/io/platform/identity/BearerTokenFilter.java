package io.platform.identity;

import java.io.IOException;
import java.util.List;

import io.platform.support.web.UnauthorizedException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <personal access token>}: authenticates this one request (no session is
 * made). A token that is unknown, expired or revoked is a 401 at once, never a fall-back to anonymous.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;

	private final SecurityProblems problems;

	private final RequestAttributeSecurityContextRepository requestOnly = new RequestAttributeSecurityContextRepository();

	BearerTokenFilter(ApiTokens tokens, SecurityProblems problems) {
		this.tokens = tokens;
		this.problems = problems;
	}

	static boolean hasBearer(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasBearer(request)) {
			chain.doFilter(request, response);
			return;
		}
		String username;
		try {
			username = tokens.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION).substring(7).strip());
		}
		catch (UnauthorizedException ex) {
			problems.write(response, 401, "Sign-in required", ex.getMessage());
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null, List.of()));
		SecurityContextHolder.setContext(context);
		// Kept for this request only: the session filters then see it as stored and make no session.
		requestOnly.saveContext(context, request, response);
		chain.doFilter(request, response);
	}

}
