package io.platform.deployment.ingress;

import io.platform.env.ingress.IngressRoutes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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

}
