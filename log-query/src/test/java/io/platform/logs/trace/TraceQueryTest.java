package io.platform.logs.trace;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceQueryTest {

	private static final Instant FROM = Instant.parse("2026-11-22T13:00:00Z");

	private static final Instant TO = FROM.plusSeconds(600);

	@Test
	void aBlankInstanceMeansAllInstances() {
		assertThat(new TraceQuery("dev::orders", " ", FROM, TO, false, 20).instance()).isNull();
	}

	@Test
	void theLimitDefaultsAndIsCapped() {
		assertThat(new TraceQuery("dev::orders", null, FROM, TO, false, 0).limit()).isEqualTo(TraceQuery.DEFAULT_LIMIT);
		assertThat(new TraceQuery("dev::orders", null, FROM, TO, false, 100_000).limit()).isEqualTo(TraceQuery.MAX_LIMIT);
	}

	@Test
	void aServiceAndAnOrderedRangeAreRequired() {
		assertThatThrownBy(() -> new TraceQuery(" ", null, FROM, TO, false, 20))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new TraceQuery("dev::orders", null, TO, FROM, false, 20))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("must not be after");
		assertThatThrownBy(() -> new TraceQuery("dev::orders", null, null, TO, false, 20))
			.isInstanceOf(NullPointerException.class);
	}

}
