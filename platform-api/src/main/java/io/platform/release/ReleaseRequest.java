package io.platform.release;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** What a client sends to create or change a release; items deploy in the order given. */
record ReleaseRequest(
		@NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String title,
		@Size(max = 20000, message = "must be at most 20000 characters") String description,
		@Size(max = 20000, message = "must be at most 20000 characters") String rollbackPlan,
		@NotEmpty(message = "must list at least one service to release") List<@Valid Item> items) {

	record Item(@NotBlank(message = "names the service") String app,
			@NotEmpty(message = "must list the branches to deploy, in merge order") List<String> branches,
			List<@Valid Script> sql) {

		List<Script> scripts() {
			return sql == null ? List.of() : sql;
		}

	}

	record Script(@NotBlank(message = "names the script") @Size(max = 255, message = "must be at most 255 characters")
	String name, @NotBlank(message = "is the script's SQL text") String script) {
	}

}
