package io.platform.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.platform.support.web.TooManyRequestsException;

import org.springframework.stereotype.Component;

/**
 * Slows down guessing: after a few failed sign-ins for one user (or many from one address) each further
 * attempt must wait, twice as long each time, up to a lock of {@link #MAX_WAIT}. A success clears the
 * user's count. Kept in memory: a restart forgives, which an attacker cannot trigger.
 */
@Component
class LoginThrottle {

	static final int FREE_USER_FAILURES = 5;

	static final int FREE_ADDRESS_FAILURES = 20;

	static final Duration FIRST_WAIT = Duration.ofSeconds(30);

	static final Duration MAX_WAIT = Duration.ofMinutes(15);

	/** Failures older than this are forgotten. */
	static final Duration WINDOW = Duration.ofMinutes(30);

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	LoginThrottle() {
		this(Clock.systemUTC());
	}

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	private record Failures(int count, Instant last) {
	}

	/** Refuses (429) while the user or the address must wait. */
	void check(String username, String address) {
		Instant now = clock.instant();
		Duration user = wait("user:" + username, FREE_USER_FAILURES, now);
		Duration from = wait("address:" + address, FREE_ADDRESS_FAILURES, now);
		Duration longest = user.compareTo(from) >= 0 ? user : from;
		if (!longest.isZero()) {
			long minutes = longest.toMinutes();
			throw new TooManyRequestsException("Too many failed sign-ins " + (user.isZero() ? "from this address" : "for '" + username + "'")
					+ "; try again in " + (minutes > 0 ? minutes + " min" : longest.toSeconds() + " s") + ".", longest);
		}
	}

	void failed(String username, String address) {
		Instant now = clock.instant();
		bump("user:" + username, now);
		bump("address:" + address, now);
		if (failures.size() > 100_000) {
			failures.entrySet().removeIf(e -> e.getValue().last().plus(WINDOW).isBefore(now));
		}
	}

	void succeeded(String username) {
		failures.remove("user:" + username);
	}

	private void bump(String key, Instant now) {
		failures.compute(key, (k, old) -> old == null || old.last().plus(WINDOW).isBefore(now) ? new Failures(1, now)
				: new Failures(old.count() + 1, now));
	}

	private Duration wait(String key, int free, Instant now) {
		Failures f = failures.get(key);
		if (f == null || f.count() < free || f.last().plus(WINDOW).isBefore(now)) {
			return Duration.ZERO;
		}
		int over = Math.min(f.count() - free, 10);
		Duration wait = FIRST_WAIT.multipliedBy(1L << over);
		if (wait.compareTo(MAX_WAIT) > 0) {
			wait = MAX_WAIT;
		}
		Duration left = Duration.between(now, f.last().plus(wait));
		return left.isNegative() || left.isZero() ? Duration.ZERO : left;
	}

}
