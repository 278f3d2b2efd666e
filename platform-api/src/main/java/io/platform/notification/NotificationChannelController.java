package io.platform.notification;

import java.net.URI;
import java.util.List;

import io.platform.identity.Access;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Notification channels: platform admins only, for reading too (a channel's address is its access). */
@RestController
class NotificationChannelController {

	private static final String PATH = "/api/notification-channels";

	private final NotificationChannels channels;

	private final Notifications notifications;

	private final Access access;

	NotificationChannelController(NotificationChannels channels, Notifications notifications, Access access) {
		this.channels = channels;
		this.notifications = notifications;
		this.access = access;
	}

	@GetMapping(PATH)
	List<ChannelView> list() {
		access.requireAdmin("read notification channels");
		return channels.list();
	}

	@GetMapping(PATH + "/{name}")
	ChannelView get(@PathVariable String name) {
		access.requireAdmin("read notification channels");
		return channels.get(name);
	}

	@PutMapping(PATH + "/{name}")
	ResponseEntity<ChannelView> put(@PathVariable String name, @RequestBody ChannelRequest request) {
		access.requireAdmin("manage notification channels");
		NotificationChannels.Saved saved = channels.put(name, request);
		return saved.created() ? ResponseEntity.created(URI.create(PATH + "/" + name)).body(saved.view())
				: ResponseEntity.ok(saved.view());
	}

	@DeleteMapping(PATH + "/{name}")
	ResponseEntity<Void> delete(@PathVariable String name) {
		access.requireAdmin("manage notification channels");
		channels.delete(name);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(PATH + "/{name}/test")
	DeliveryView test(@PathVariable String name) {
		access.requireAdmin("manage notification channels");
		return notifications.test(name, access.currentName());
	}

	@GetMapping(PATH + "/{name}/deliveries")
	List<DeliveryView> deliveries(@PathVariable String name, @RequestParam(defaultValue = "100") int limit) {
		access.requireAdmin("read notification channels");
		return channels.deliveries(name, Math.max(1, Math.min(limit, 500)));
	}

}
