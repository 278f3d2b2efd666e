package io.platform.identity;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The platform's users: anyone signed in may list them (to add members); only admins change them. */
@RestController
class UserController {

	private final Users users;

	private final Access access;

	UserController(Users users, Access access) {
		this.users = users;
		this.access = access;
	}

	record UserView(String username, String displayName, String email, boolean admin, User.Source source,
			boolean enabled, Instant createdAt, Instant lastSignInAt) {

		static UserView of(User user) {
			return new UserView(user.getUsername(), user.getDisplayName(), user.getEmail(), user.isAdmin(),
					user.getSource(), user.isEnabled(), user.getCreatedAt(), user.getLastSignInAt());
		}

	}

	@GetMapping("/api/users")
	List<UserView> list() {
		access.current();
		return users.list().stream().map(UserView::of).toList();
	}

	@GetMapping("/api/users/{username}")
	UserView get(@PathVariable String username) {
		access.current();
		return UserView.of(users.get(username));
	}

	@PostMapping("/api/users")
	ResponseEntity<UserView> create(@RequestBody Users.UserRequest request) {
		access.requireAdmin("create users");
		User user = users.createLocal(request);
		return ResponseEntity.created(URI.create("/api/users/" + user.getUsername())).body(UserView.of(user));
	}

	@PutMapping("/api/users/{username}")
	UserView update(@PathVariable String username, @RequestBody Users.UserUpdate update) {
		access.requireAdmin("change users");
		return UserView.of(users.update(username, update));
	}

}
