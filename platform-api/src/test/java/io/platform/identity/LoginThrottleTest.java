package io.platform.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.platform.support.web.TooManyRequestsException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {

	private Instant now = Instant.parse("2026-12-01T08:00:00Z");

	private final LoginThrottle throttle = new LoginThrottle(new Clock() {
		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	});

	@Test
	void waitsDoubleWithEachFailureBeyondTheFreeOnesUpToTheLock() {
		for (int i = 0; i < LoginThrottle.FREE_USER_FAILURES; i++) {
			assertThatCode(() -> throttle.check("ana", "10.0.0.1")).doesNotThrowAnyException();
			throttle.failed("ana", "10.0.0.1");
		}
		assertThatThrownBy(() -> throttle.check("ana", "10.0.0.2")).isInstanceOf(TooManyRequestsException.class);
		now = now.plus(LoginThrottle.FIRST_WAIT);
		assertThatCode(() -> throttle.check("ana", "10.0.0.1")).doesNotThrowAnyException();
		throttle.failed("ana", "10.0.0.1");
		TooManyRequestsException longer = catchWait("ana");
		assertThat(longer.retryAfter()).isEqualTo(LoginThrottle.FIRST_WAIT.multipliedBy(2));
		for (int i = 0; i < 10; i++) {
			now = now.plus(LoginThrottle.MAX_WAIT);
			throttle.failed("ana", "10.0.0.1");
		}
		assertThat(catchWait("ana").retryAfter()).isEqualTo(LoginThrottle.MAX_WAIT);
		// Other users are not held up by ana's guesser (from another address).
		assertThatCode(() -> throttle.check("ben", "10.0.0.9")).doesNotThrowAnyException();
	}

	@Test
	void aSuccessClearsTheUsersCount() {
		for (int i = 0; i < LoginThrottle.FREE_USER_FAILURES - 1; i++) {
			throttle.failed("cai", "10.0.0.3");
		}
		throttle.succeeded("cai");
		throttle.failed("cai", "10.0.0.3");
		assertThatCode(() -> throttle.check("cai", "10.0.0.3")).doesNotThrowAnyException();
	}

	@Test
	void manyUsersGuessedFromOneAddressHoldUpThatAddress() {
		for (int i = 0; i < LoginThrottle.FREE_ADDRESS_FAILURES; i++) {
			throttle.failed("user" + i, "10.0.0.66");
		}
		assertThatThrownBy(() -> throttle.check("someone-new", "10.0.0.66")).isInstanceOf(TooManyRequestsException.class)
			.hasMessageContaining("from this address");
	}

	private TooManyRequestsException catchWait(String user) {
		try {
			throttle.check(user, "10.0.0.1");
		}
		catch (TooManyRequestsException ex) {
			return ex;
		}
		throw new AssertionError("expected a wait for " + user);
	}

}
