package io.platform.environment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An environment as the API shows it. */
public record EnvironmentView(String name, int order, String domain, @JsonProperty("protected") boolean isProtected) {

	static EnvironmentView of(Environment environment) {
		return new EnvironmentView(environment.getName(), environment.getSortOrder(), environment.getDomain(),
				environment.getIsProtected());
	}

}
