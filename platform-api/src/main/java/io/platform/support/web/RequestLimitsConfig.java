package io.platform.support.web;

import io.platform.environment.EnvironmentHosts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** Bounds on what one request may ask of the platform's API. */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfig {

	/**
	 * First of all filters, before sign-in: an anonymous caller (or the GitLab webhook's) cannot make the
	 * platform read a large body either. The environments' own traffic through the ingress is the services'
	 * business and is not limited here.
	 */
	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(EnvironmentHosts hosts,
			@Value("${platform.api.max-body-size:1MB}") DataSize limit) {
		FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(new RequestBodyLimit(limit,
				request -> request.getRequestURI().startsWith("/api/") && !hosts.isEnvironmentHost(request.getHeader("Host"))));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
