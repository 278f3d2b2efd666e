package io.platform.env.ingress;

import java.net.URI;

import io.platform.env.ingress.IngressResolver.Route;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
				ServerResponse response = proxy.handle(request);
				response.headers().set(SERVED_BY_HEADER, forward.env());
				return response;
			}
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					((Route.Unavailable) route).detail());
			problem.setTitle("Nothing serves this host");
			return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}).build();
	}

	/** The instance's scheme, host and port with the request's path and query. */
	private static URI target(URI instance, URI request) {
		return URI.create(instance.getScheme() + "://" + instance.getRawAuthority()
				+ (request.getRawPath() == null ? "/" : request.getRawPath())
				+ (request.getRawQuery() == null ? "" : "?" + request.getRawQuery()));
	}

}
