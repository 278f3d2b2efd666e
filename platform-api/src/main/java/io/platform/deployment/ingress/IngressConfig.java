package io.platform.deployment.ingress;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import io.platform.env.ingress.IngressRoutes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** Serves the environments' hosts ({@code http://{app}.{env}.localhost:8080/} by default) through the ingress. */
@Configuration(proxyBeanMethods = false)
class IngressConfig {

	/**
	 * At most {@code max-concurrent} ingress requests are served at once, the others are refused with a 503
	 * at once: the services' traffic shares the server's threads with the platform's API, and slow services
	 * must not take them all.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> environmentIngress(IngressTargets targets,
			@Value("${platform.ingress.max-concurrent:100}") int maxConcurrent) {
		Semaphore inFlight = new Semaphore(maxConcurrent);
		return IngressRoutes.routes(targets).filter((request, next) -> {
			if (!inFlight.tryAcquire()) {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
						"The ingress is serving " + maxConcurrent + " requests already (platform.ingress.max-concurrent); "
								+ "retry shortly.");
				problem.setTitle("Ingress busy");
				return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
					.header(HttpHeaders.RETRY_AFTER, "1")
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.body(problem);
			}
			ServerResponse response;
			try {
				response = next.handle(request);
			}
			catch (Exception | Error ex) {
				inFlight.release();
				throw ex;
			}
			// The proxied body is copied when the answer is written: the request holds its place until then.
			return new Releasing(response, inFlight);
		});
	}

	/** An answer that gives its place back once written (or failed to). */
	private static final class Releasing implements ServerResponse {

		private final ServerResponse response;

		private final Semaphore permits;

		private final AtomicBoolean released = new AtomicBoolean();

		Releasing(ServerResponse response, Semaphore permits) {
			this.response = response;
			this.permits = permits;
		}

		@Override
		public HttpStatusCode statusCode() {
			return response.statusCode();
		}

		@Override
		public HttpHeaders headers() {
			return response.headers();
		}

		@Override
		public MultiValueMap<String, Cookie> cookies() {
			return response.cookies();
		}

		@Override
		public ModelAndView writeTo(HttpServletRequest request, HttpServletResponse servletResponse, Context context)
				throws ServletException, IOException {
			try {
				return response.writeTo(request, servletResponse, context);
			}
			finally {
				if (released.compareAndSet(false, true)) {
					permits.release();
				}
			}
		}

	}

	/**
	 * The gateway's proxy, as the gateway would make it (its HTTP client settings: no redirects followed),
	 * with timeouts of its own, made on the first proxied request rather than at start (its HTTP client is
	 * the costliest bean of the ingress, and many platforms never proxy).
	 */
	@Bean
	@Lazy
	ProxyExchange ingressProxyExchange(RestClient.Builder client, ClientHttpRequestFactoryBuilder<?> factories,
			HttpClientSettings settings, GatewayMvcProperties properties,
			@Value("${platform.ingress.connect-timeout:5s}") Duration connectTimeout,
			@Value("${platform.ingress.read-timeout:60s}") Duration readTimeout) {
		return new RestClientProxyExchange(
				client.requestFactory(factories.build(settings.withTimeouts(connectTimeout, readTimeout))).build(),
				properties);
	}

}
