package io.platform.notification;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

final class NotificationMappers {

	private NotificationMappers() {
	}

	@Mapper
	interface ChannelMapper extends BaseMapper<NotificationChannel> {

	}

	@Mapper
	interface DeliveryMapper extends BaseMapper<NotificationDelivery> {

	}

}
