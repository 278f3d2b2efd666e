package io.platform.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A branch to create: its name and the branch, tag or commit it starts from. */
record BranchRequest(
		@NotBlank(message = "is required") @Size(max = 255, message = "must be at most 255 characters") String name,
		@NotBlank(message = "is required (a branch, a tag or a commit id)") @Size(max = 255, message = "must be at most 255 characters") String from) {
}
