package io.platform.deployment;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** Deploy these branches (the first is the base, the others merge into it in order) into {@code env}. */
public record StartDeploymentRequest(@NotBlank(message = "is required") String env,
		@NotEmpty(message = "must list at least one branch") @Size(max = 20, message = "may list at most 20 branches")
		List<@NotBlank(message = "must not contain blank names") String> branches) {
}
