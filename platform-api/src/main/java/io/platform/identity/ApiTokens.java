package io.platform.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.identity.IdentityMappers.ApiTokenMapper;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;
import io.platform.support.web.UnauthorizedException;

import org.springframework.stereotype.Service;

/**
 * Personal access tokens: 32 random bytes shown once at creation; the platform keeps their SHA-256 only
 * (a slow hash buys nothing for a secret with 256 bits of entropy, and each API call checks one).
 */
@Service
class ApiTokens {

	static final String PREFIX = "plat_";

	/** Last use is written at most this often per token, so a busy script does not write on every call. */
	private static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);

	private final SecureRandom random = new SecureRandom();

	private final ApiTokenMapper mapper;

	ApiTokens(ApiTokenMapper mapper) {
		this.mapper = mapper;
	}

	record Created(ApiToken token, String secret) {
	}

	Created create(String username, String name, Instant expiresAt) {
		if (name == null || name.isBlank() || name.strip().length() > 100) {
			throw new InvalidInputException("name", "A token needs a name of 1 to 100 characters (what it is for).");
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw new InvalidInputException("expiresAt", "The expiry must be in the future.");
		}
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		ApiToken token = new ApiToken();
		token.setUsername(username);
		token.setName(name.strip());
		token.setTokenHash(hash(secret));
		token.setCreatedAt(now);
		token.setExpiresAt(expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS));
		mapper.insert(token);
		return new Created(token, secret);
	}

	List<ApiToken> of(String username) {
		return mapper.selectList(new LambdaQueryWrapper<ApiToken>().eq(ApiToken::getUsername, username)
			.isNull(ApiToken::getRevokedAt)
			.orderByDesc(ApiToken::getCreatedAt));
	}

	void revoke(String username, long id) {
		ApiToken token = mapper.selectById(id);
		if (token == null || !token.getUsername().equals(username) || token.getRevokedAt() != null) {
			throw new NotFoundException("You have no token " + id + ".");
		}
		token.setRevokedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
		mapper.updateById(token);
	}

	/** The username a token stands for, or a 401 saying why it is not accepted. */
	String authenticate(String secret) {
		ApiToken token = secret.startsWith(PREFIX)
				? mapper.selectOne(new LambdaQueryWrapper<ApiToken>().eq(ApiToken::getTokenHash, hash(secret)))
				: null;
		if (token == null) {
			throw new UnauthorizedException("The access token is not known; create one under Access tokens.");
		}
		Instant now = Instant.now();
		if (token.getRevokedAt() != null) {
			throw new UnauthorizedException("The access token '" + token.getName() + "' was revoked.");
		}
		if (token.getExpiresAt() != null && !now.isBefore(token.getExpiresAt())) {
			throw new UnauthorizedException("The access token '" + token.getName() + "' expired at "
					+ token.getExpiresAt() + ".");
		}
		if (token.getLastUsedAt() == null || token.getLastUsedAt().plus(LAST_USE_GRANULARITY).isBefore(now)) {
			token.setLastUsedAt(now.truncatedTo(ChronoUnit.MILLIS));
			mapper.updateById(token);
		}
		return token.getUsername();
	}

	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
