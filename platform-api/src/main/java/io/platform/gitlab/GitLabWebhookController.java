package io.platform.gitlab;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class GitLabWebhookController {

	private final GitLabWebhook webhook;

	GitLabWebhookController(GitLabWebhook webhook) {
		this.webhook = webhook;
	}

	@PostMapping(GitLabImports.HOOK_PATH)
	PushOutcome push(@RequestHeader(name = "X-Gitlab-Token", required = false) String token,
			@RequestBody(required = false) PushEvent event) {
		return webhook.push(token, event);
	}

}
