package io.platform.identity;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own personal access tokens. Anyone signed in may make them; they act as that person. */
@RestController
class TokenController {

	private final ApiTokens tokens;

	private final Access access;

	TokenController(ApiTokens tokens, Access access) {
		this.tokens = tokens;
		this.access = access;
	}

	record TokenRequest(String name, Instant expiresAt) {
	}

	record TokenView(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

		static TokenView of(ApiToken token) {
			return new TokenView(token.getId(), token.getName(), token.getCreatedAt(), token.getExpiresAt(),
					token.getLastUsedAt());
		}

	}

	/** The answer to a creation: the only time the token itself is shown. */
	record CreatedToken(long id, String name, String token, Instant createdAt, Instant expiresAt) {
	}

	@GetMapping("/api/tokens")
	List<TokenView> list() {
		return tokens.of(access.currentName()).stream().map(TokenView::of).toList();
	}

	@PostMapping("/api/tokens")
	ResponseEntity<CreatedToken> create(@RequestBody TokenRequest request) {
		ApiTokens.Created created = tokens.create(access.currentName(), request.name(), request.expiresAt());
		ApiToken token = created.token();
		return ResponseEntity.created(URI.create("/api/tokens/" + token.getId()))
			.body(new CreatedToken(token.getId(), token.getName(), created.secret(), token.getCreatedAt(),
					token.getExpiresAt()));
	}

	@DeleteMapping("/api/tokens/{id}")
	ResponseEntity<Void> revoke(@PathVariable long id) {
		tokens.revoke(access.currentName(), id);
		return ResponseEntity.noContent().build();
	}

}
