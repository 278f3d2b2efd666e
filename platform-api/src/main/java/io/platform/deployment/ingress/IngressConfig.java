package io.platform.deployment.ingress;

import io.platform.env.ingress.IngressRoutes;

import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.handler.ProxyExchange;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** Serves the environments' hosts ({@code http://{app}.{env}.localhost:8080/} by default) through the ingress. */
@Configuration(proxyBeanMethods = false)
class IngressConfig {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> environmentIngress(IngressTargets targets) {
		return IngressRoutes.routes(targets);
	}

	/**
	 * The gateway's proxy, as the gateway would make it, but on the first proxied request rather than at
	 * start (its HTTP client is the costliest bean of the ingress, and many platforms never proxy).
	 */
	@Bean
	@Lazy
	ProxyExchange ingressProxyExchange(RestClient.Builder client, GatewayMvcProperties properties) {
		return new RestClientProxyExchange(client.build(), properties);
	}

}
