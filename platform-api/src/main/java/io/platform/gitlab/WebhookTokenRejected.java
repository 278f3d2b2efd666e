package io.platform.gitlab;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A webhook call whose X-Gitlab-Token matches no imported project: a 401 problem, and nothing is done. */
final class WebhookTokenRejected extends ErrorResponseException {

	WebhookTokenRejected() {
		super(HttpStatus.UNAUTHORIZED, problem(), null);
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"X-Gitlab-Token is missing or is not the secret of the project's webhook.");
		problem.setTitle("Unauthorized");
		return problem;
	}

}
