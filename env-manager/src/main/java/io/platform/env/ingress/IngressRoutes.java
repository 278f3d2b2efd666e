package io.platform.env.ingress;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;

import io.platform.env.ingress.IngressResolver.Route;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The environment ingress as a Spring Cloud Gateway (server MVC) route: a request whose host names a
 * service and an environment ({@code {app}.{env}.{domain}}) is proxied to the instance the resolver
 * picks; every other request falls through to the platform's own handlers.
 */
public final class IngressRoutes {

	/** Response header naming the environment that served a request (shows gray routing at work). */
	public static final String SERVED_BY_HEADER = "X-Platform-Env";

	private static final String ROUTE_ATTRIBUTE = IngressRoutes.class.getName() + ".route";

	private IngressRoutes() {
	}

	public static RouterFunction<ServerResponse> routes(IngressResolver resolver) {
		HandlerFunction<ServerResponse> proxy = HandlerFunctions.http();
		return GatewayRouterFunctions.route("env-ingress").route(request -> {
			Route route = resolver.resolve(request);
			request.attributes().put(ROUTE_ATTRIBUTE, route);
			return !(route instanceof Route.NotIngress);
		}, request -> {
			Route route = (Route) request.attributes().get(ROUTE_ATTRIBUTE);
			if (route instanceof Route.Forward forward) {
				MvcUtils.setRequestUrl(request, target(forward.target(), request.uri()));
				ServerResponse response;
				try {
					response = proxy.handle(request);
				}
				catch (ResourceAccessException ex) {
					return unreachable(forward, ex);
				}
				response.headers().set(SERVED_BY_HEADER, forward.env());
				return response;
			}
			return problem(HttpStatus.SERVICE_UNAVAILABLE, "Nothing serves this host", ((Route.Unavailable) route).detail());
		}).build();
	}

	/** The instance did not answer in time (504) or could not be reached (502). */
	private static ServerResponse unreachable(Route.Forward forward, ResourceAccessException ex) {
		String instance = forward.target().getScheme() + "://" + forward.target().getRawAuthority();
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
				return problem(HttpStatus.GATEWAY_TIMEOUT, "Service timed out", "The service's instance in "
						+ forward.env() + " (" + instance + ") did not answer within the ingress's read timeout.");
			}
		}
		return problem(HttpStatus.BAD_GATEWAY, "Service unreachable", "The service's instance in " + forward.env()
				+ " (" + instance + ") could not be reached: " + ex.getMostSpecificCause().getMessage());
	}

	private static ServerResponse problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** The instance's scheme, host and port with the request's path and query. */
	private static URI target(URI instance, URI request) {
		return URI.create(instance.getScheme() + "://" + instance.getRawAuthority()
				+ (request.getRawPath() == null ? "/" : request.getRawPath())
				+ (request.getRawQuery() == null ? "" : "?" + request.getRawQuery()));
	}

}
