package io.platform.gitlab;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** Projects to import, each by path with namespace (group/app) or numeric id. */
record ImportRequest(@NotEmpty(message = "must name at least one project (path or id)")
		@Size(max = 100, message = "must name at most 100 projects at once") List<String> projects) {
}
