package io.platform.identity;

import java.io.IOException;

import io.platform.support.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/** Problem details for what the security filters refuse before any controller runs. */
@Component
class SecurityProblems {

	void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		write(response, 401, "Sign-in required", "Sign in first (POST /api/session) or send a personal access "
				+ "token as 'Authorization: Bearer <token>'.");
	}

	void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		boolean anonymous = who == null || who instanceof AnonymousAuthenticationToken || !who.isAuthenticated();
		if (ex instanceof CsrfException && anonymous) {
			// Nobody signed in: what they lack first is an identity, not a CSRF token.
			unauthorized(request, response, null);
			return;
		}
		if (ex instanceof CsrfException) {
			write(response, 403, "CSRF token missing", "This change needs the CSRF token: send the value of the "
					+ "XSRF-TOKEN cookie in the X-XSRF-TOKEN header (scripts: use a personal access token instead).");
			return;
		}
		write(response, 403, "Not allowed", "You may not make this call.");
	}

	void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
		ProblemWriter.write(response, status, title, detail);
	}

}
