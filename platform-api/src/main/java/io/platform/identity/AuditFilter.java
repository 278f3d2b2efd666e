package io.platform.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import io.platform.identity.AuditEvent.Outcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Records every state-changing API call - done, refused or failed - with who, what, which service and
 * environment, and from where. Sits just inside the security filters' context handling, so calls refused
 * for want of a sign-in or a CSRF token are on record too. The action is named after the handler
 * ({@code deployment.start} for DeploymentController#start).
 */
class AuditFilter extends OncePerRequestFilter {

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Audit audit;

	private final RequestMappingHandlerMapping handlers;

	AuditFilter(Audit audit, RequestMappingHandlerMapping handlers) {
		this.audit = audit;
		this.handlers = handlers;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		// Sign-ins are recorded by the session endpoint itself, with the name that was tried.
		return READS.contains(request.getMethod()) || !path.startsWith("/api/")
				|| ("POST".equals(request.getMethod()) && path.equals(SessionController.PATH));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String before = actor();
		ContentCachingResponseWrapper wrapped = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(request, wrapped);
		}
		finally {
			String after = actor();
			String path = request.getRequestURI().substring(request.getContextPath().length());
			// The webhook is GitLab's call, authenticated by its own token rather than a person's identity.
			String nobody = path.startsWith("/api/hooks/") ? "gitlab-webhook" : "anonymous";
			record(request, wrapped, after != null ? after : before != null ? before : nobody);
			wrapped.copyBodyToResponse();
		}
	}

	private void record(HttpServletRequest request, ContentCachingResponseWrapper response, String actor) {
		int status = response.getStatus();
		Outcome outcome = status < 400 ? Outcome.SUCCESS
				: status == 401 || status == 403 || status == 429 ? Outcome.DENIED : Outcome.FAILED;
		HandlerMethod handler = handler(request);
		Map<String, String> variables = variables(request);
		String app = attribute(request, Access.AUDIT_APP, variables.get("app"));
		String env = attribute(request, Access.AUDIT_ENV, variables.get("env"));
		String location = response.getHeader(HttpHeaders.LOCATION);
		String target = request.getMethod() + " " + (location != null && status < 400 ? location : request.getRequestURI());
		audit.record(new Audit.Entry(actor, handler == null ? "unknown" : action(handler), target, app, env, outcome,
				status, status >= 400 ? detail(response) : null, request.getRemoteAddr()));
	}

	static String action(HandlerMethod handler) {
		String type = handler.getBeanType().getSimpleName().replace("Controller", "");
		return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "." + handler.getMethod().getName();
	}

	private HandlerMethod handler(HttpServletRequest request) {
		Object best = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
		if (best instanceof HandlerMethod method) {
			return method;
		}
		try {
			// Refused before it reached the dispatcher: look the handler up as the dispatcher would have.
			HandlerExecutionChain chain = handlers.getHandler(request);
			return chain != null && chain.getHandler() instanceof HandlerMethod method ? method : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> variables(HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		return variables instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
	}

	private static String attribute(HttpServletRequest request, String name, String fallback) {
		return request.getAttribute(name) instanceof String value ? value : fallback;
	}

	private static String detail(ContentCachingResponseWrapper response) {
		String type = response.getContentType();
		byte[] body = response.getContentAsByteArray();
		if (type == null || body.length == 0 || !MediaType.parseMediaType(type).getSubtype().contains("json")) {
			return null;
		}
		try {
			JsonNode problem = JSON.readTree(new String(body, StandardCharsets.UTF_8));
			JsonNode detail = problem.get("detail");
			return detail == null || detail.isNull() ? null : detail.asString();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String actor() {
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		return who == null || who instanceof AnonymousAuthenticationToken || !who.isAuthenticated() ? null : who.getName();
	}

}
