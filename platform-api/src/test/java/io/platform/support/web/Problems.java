package io.platform.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

/** Checks shared by every error answer of the API. */
public final class Problems {

	private Problems() {
	}

	/** An RFC 9457 problem of that status with a detail, and nothing of the platform's insides. */
	public static ResultMatcher problem(int status) {
		List<ResultMatcher> checks = List.of(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
				jsonPath("$.status").value(status), jsonPath("$.title").isNotEmpty(),
				jsonPath("$.detail").isNotEmpty(), noInternals());
		return result -> {
			for (ResultMatcher check : checks) {
				check.match(result);
			}
		};
	}

	/** No stack trace, exception class or source location in the body. */
	public static ResultMatcher noInternals() {
		return result -> assertThat(result.getResponse().getContentAsString())
			.doesNotContainPattern("\\bat [a-z]+\\.[\\w.$]+\\(")
			.doesNotContain("Exception")
			.doesNotContain(".java:")
			.doesNotContain("\"trace\"");
	}

}
