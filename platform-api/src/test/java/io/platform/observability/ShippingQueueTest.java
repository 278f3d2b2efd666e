package io.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.platform.logs.log.LogLevel;
import io.platform.logs.log.LogLine;
import io.platform.logs.log.LogOrigin;
import org.junit.jupiter.api.Test;

class ShippingQueueTest {

	private final AtomicInteger drops = new AtomicInteger();

	private final AtomicInteger cuts = new AtomicInteger();

	private final ShippingQueue queue = new ShippingQueue(3, 16, drops::incrementAndGet, cuts::incrementAndGet);

	private List<String> drained() {
		List<String> lines = new ArrayList<>();
		queue.drain(lines::add);
		return lines;
	}

	@Test
	void linesBeyondTheQueuesCapacityAreDroppedAndCounted() {
		for (int i = 1; i <= 5; i++) {
			queue.offer("line " + i);
		}

		assertThat(drained()).containsExactly("line 1", "line 2", "line 3");
		assertThat(queue.takeDropped()).isEqualTo(2);
		assertThat(queue.takeDropped()).isZero();
		assertThat(drops).hasValue(2);
		queue.offer("line 6");
		assertThat(drained()).containsExactly("line 6");
	}

	@Test
	void aLineLongerThanTheLimitIsCutThereAndMarked() {
		queue.offer("0123456789abcdefXYZ");
		// 14 bytes and a character of two: exactly the limit.
		queue.offer("0123456789abcdé");

		List<String> lines = drained();
		assertThat(lines.get(0)).isEqualTo("0123456789abcdef [platform] line cut at 16 of its 19 bytes");
		assertThat(lines.get(1)).isEqualTo("0123456789abcdé");
		queue.offer("0123456789abcdeé");
		String cut = drained().get(0);
		assertThat(cut).startsWith("0123456789abcde [platform] line cut at 16 of its 17 bytes");
		assertThat(cut.substring(0, cut.indexOf(' ')).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(16);
		assertThat(cuts).hasValue(2);
	}

	@Test
	void theDeploymentsLogSaysHowManyLinesWereDropped() {
		LogLine notice = LogShipper.droppedNotice(new LogOrigin("orders", "dev", "42", "orders-dev-42"), 1500,
				Instant.parse("2026-12-01T10:00:00Z"));

		assertThat(notice.level()).isEqualTo(LogLevel.WARN);
		assertThat(notice.message()).startsWith("[platform] 1500 log lines dropped");
		assertThat(notice.deploymentId()).isEqualTo("42");
		assertThat(notice.service()).isEqualTo("orders");
		assertThat(notice.env()).isEqualTo("dev");
	}

}
