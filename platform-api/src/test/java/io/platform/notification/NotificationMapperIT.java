package io.platform.notification;

import java.time.Instant;
import java.util.List;

import io.platform.notification.NotificationMappers.ChannelMapper;
import io.platform.notification.NotificationMappers.DeliveryMapper;
import io.platform.support.persistence.MariaDbTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Channels and deliveries on MariaDB: the migration's columns take the longest values, in any script. */
@MariaDbTest
class NotificationMapperIT {

	@Autowired
	ChannelMapper channels;

	@Autowired
	DeliveryMapper deliveries;

	@Autowired
	NotificationChannels service;

	@Test
	void channelsAreStoredSealedAndReadBackAndTheirNamesAreUnique() {
		NotificationChannels.Saved saved = service.put("m".repeat(64), new ChannelRequest("FEISHU",
				"https://open.feishu.cn/open-apis/bot/v2/hook/" + "h".repeat(1900), "s".repeat(512), null,
				List.of("dev", "test", "pre", "prod"), List.of(NoticeEvent.values()).stream().map(Enum::name).toList()));
		assertThat(saved.created()).isTrue();
		NotificationChannels.Target target = service.target("m".repeat(64));
		assertThat(target.url()).endsWith("h".repeat(1900));
		assertThat(target.secret()).isEqualTo("s".repeat(512));
		assertThat(service.get("m".repeat(64)).events()).hasSize(NoticeEvent.values().length);
		assertThat(service.targets(NoticeEvent.EMERGENCY, "prod")).extracting(NotificationChannels.Target::name)
			.contains("m".repeat(64));

		NotificationChannel twin = new NotificationChannel();
		twin.setName("m".repeat(64));
		twin.setChannelType(ChannelType.EMAIL);
		twin.setEnvs("dev");
		twin.setEvents("");
		twin.setUpdatedAt(Instant.now());
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> channels.insert(twin));
		service.delete("m".repeat(64));
	}

	@Test
	void deliveriesKeepTheLongestAnswersAndErrorsInAnyScript() {
		NotificationDelivery delivery = new NotificationDelivery();
		delivery.setChannel("c".repeat(64));
		delivery.setEvent("APPROVAL_REQUESTED");
		delivery.setReleaseId(Long.MAX_VALUE);
		delivery.setEnv("e".repeat(32));
		delivery.setAt(Instant.parse("2026-12-04T08:30:15.123Z"));
		delivery.setOutcome(DeliveryOutcome.FAILED);
		delivery.setAttempts(3);
		delivery.setAnswer("errcode=45009 errmsg=接口调用超过限制 " + "a".repeat(480));
		delivery.setError("机器人拒绝了消息 😀 " + "e".repeat(1000));
		deliveries.insert(delivery);
		NotificationDelivery read = deliveries.selectById(delivery.getId());
		assertThat(read).usingRecursiveComparison().isEqualTo(delivery);
		deliveries.deleteById(delivery.getId());
	}

}
