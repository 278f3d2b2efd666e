package io.platform.environment;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An environment as the API shows it. {@code runtime} is null when the environment uses the platform's
 * runtime; limits are null when none is set.
 */
public record EnvironmentView(String name, int order, String domain, @JsonProperty("protected") boolean isProtected,
		String runtime, Integer memoryLimitMb, Double cpuLimit, int requiredApprovals) {

	static EnvironmentView of(Environment environment) {
		return new EnvironmentView(environment.getName(), environment.getSortOrder(), environment.getDomain(),
				environment.getIsProtected(), environment.getRuntime(), environment.getMemoryLimitMb(),
				environment.getCpuLimit(), environment.requiredApprovalsOrDefault());
	}

}
