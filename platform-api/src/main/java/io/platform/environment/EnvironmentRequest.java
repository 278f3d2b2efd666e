package io.platform.environment;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a client sends to add or change an environment. Left out: {@code order} goes last, {@code domain}
 * is the platform's domain, {@code runtime} is the platform's runtime, no limits.
 */
public record EnvironmentRequest(
		@NotBlank(message = "is required") @Size(max = 32, message = "must be at most 32 characters")
		@Pattern(regexp = "[a-z]([a-z0-9-]*[a-z0-9])?",
				message = "must be lowercase letters, digits and '-', start with a letter and not end with '-' (it becomes part of host names)")
		String name,
		@Min(value = 1, message = "must be 1 or more") Integer order,
		@Size(max = 253, message = "must be at most 253 characters")
		@Pattern(regexp = "([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*",
				message = "must be a domain name such as example.com or localhost")
		String domain,
		@JsonProperty("protected") Boolean isProtected,
		@Size(max = 255, message = "must be at most 255 characters") String runtime,
		@Min(value = 64, message = "must be at least 64 (MB)") @Max(value = 1048576, message = "must be at most 1048576 (MB)")
		Integer memoryLimitMb,
		@DecimalMin(value = "0.1", message = "must be at least 0.1") @DecimalMax(value = "256", message = "must be at most 256")
		Double cpuLimit,
		@Min(value = 0, message = "must be 0 or more") @Max(value = 20, message = "must be at most 20")
		Integer requiredApprovals) {

	/** Without approvals: the default applies (1 when protected, none otherwise). */
	public EnvironmentRequest(String name, Integer order, String domain, Boolean isProtected, String runtime,
			Integer memoryLimitMb, Double cpuLimit) {
		this(name, order, domain, isProtected, runtime, memoryLimitMb, cpuLimit, null);
	}

}
