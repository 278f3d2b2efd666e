package io.platform.identity;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.platform.application.ApplicationService;
import io.platform.support.web.InvalidInputException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A service's members and their roles; its OWNERs (and platform admins) change them. */
@RestController
class MemberController {

	private final Members members;

	private final Users users;

	private final ApplicationService applications;

	private final Access access;

	MemberController(Members members, Users users, ApplicationService applications, Access access) {
		this.members = members;
		this.users = users;
		this.applications = applications;
		this.access = access;
	}

	record MemberRequest(String role) {
	}

	record MemberView(String username, String displayName, ServiceRole role) {
	}

	@GetMapping("/api/apps/{app}/members")
	List<MemberView> list(@PathVariable String app) {
		applications.get(app);
		access.requireRead(app);
		Map<String, String> names = users.list().stream().collect(Collectors.toMap(User::getUsername, User::getDisplayName));
		return members.of(app)
			.stream()
			.map(m -> new MemberView(m.getUsername(), names.getOrDefault(m.getUsername(), m.getUsername()), m.getRole()))
			.toList();
	}

	@PutMapping("/api/apps/{app}/members/{username}")
	MemberView put(@PathVariable String app, @PathVariable String username, @RequestBody MemberRequest request) {
		applications.get(app);
		access.require(app, ServiceRole.OWNER, "changes its members");
		ServiceRole role = role(request == null ? null : request.role());
		User user = users.get(username);
		Member member = members.put(app, user.getUsername(), role);
		return new MemberView(member.getUsername(), user.getDisplayName(), member.getRole());
	}

	@DeleteMapping("/api/apps/{app}/members/{username}")
	ResponseEntity<Void> remove(@PathVariable String app, @PathVariable String username) {
		applications.get(app);
		access.require(app, ServiceRole.OWNER, "changes its members");
		members.remove(app, username);
		return ResponseEntity.noContent().build();
	}

	private static ServiceRole role(String role) {
		if (role != null) {
			for (ServiceRole candidate : ServiceRole.values()) {
				if (candidate.name().equalsIgnoreCase(role.strip())) {
					return candidate;
				}
			}
		}
		throw new InvalidInputException("role", "The role must be OWNER, DEVELOPER, TESTER or VIEWER"
				+ (role == null ? "." : ", not '" + role + "'."));
	}

}
