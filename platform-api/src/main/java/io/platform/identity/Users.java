package io.platform.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.identity.IdentityMappers.UserMapper;
import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The platform's people: local accounts with hashed passwords, and those LDAP or OIDC signed in. */
@Service
public class Users {

	/** Login names as directories and providers hand them out: letters, digits, and . _ - @. */
	static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

	static final int MIN_PASSWORD_LENGTH = 12;

	private final UserMapper mapper;

	private final PasswordEncoder passwords;

	Users(UserMapper mapper, PasswordEncoder passwords) {
		this.mapper = mapper;
		this.passwords = passwords;
	}

	public Optional<User> find(String username) {
		return Optional.ofNullable(
				mapper.selectOne(new LambdaQueryWrapper<User>().eq(User::getUsername, username)));
	}

	public User get(String username) {
		return find(username).orElseThrow(() -> new NotFoundException("There is no user '" + username + "'."));
	}

	public List<User> list() {
		return mapper.selectList(new LambdaQueryWrapper<User>().orderByAsc(User::getUsername));
	}

	boolean anyAdmin() {
		return mapper.selectCount(new LambdaQueryWrapper<User>().eq(User::isAdmin, true)) > 0;
	}

	@Transactional
	public User createLocal(UserRequest request) {
		checkUsername(request.username());
		checkPassword(request.password());
		User user = new User();
		user.setUsername(request.username());
		user.setDisplayName(blankTo(request.displayName(), request.username()));
		user.setEmail(blankTo(request.email(), null));
		user.setPasswordHash(passwords.encode(request.password()));
		user.setSource(User.Source.LOCAL);
		user.setAdmin(Boolean.TRUE.equals(request.admin()));
		user.setEnabled(true);
		user.setCreatedAt(now());
		if (find(user.getUsername()).isPresent()) {
			throw taken(user.getUsername());
		}
		try {
			mapper.insert(user);
		}
		catch (DuplicateKeyException ex) {
			throw taken(user.getUsername());
		}
		return user;
	}

	@Transactional
	public User update(String username, UserUpdate update) {
		User user = get(username);
		if (update.displayName() != null && !update.displayName().isBlank()) {
			user.setDisplayName(update.displayName().strip());
		}
		if (update.email() != null) {
			user.setEmail(blankTo(update.email(), null));
		}
		if (update.admin() != null) {
			if (user.isAdmin() && !update.admin() && adminCount() == 1) {
				throw new ConflictException("'" + username + "' is the last platform admin; make someone else admin first.");
			}
			user.setAdmin(update.admin());
		}
		if (update.enabled() != null) {
			if (user.isAdmin() && !update.enabled() && adminCount() == 1) {
				throw new ConflictException("'" + username + "' is the last platform admin and cannot be disabled.");
			}
			user.setEnabled(update.enabled());
		}
		mapper.updateById(user);
		return user;
	}

	@Transactional
	public void changePassword(String username, String current, String replacement) {
		User user = get(username);
		if (user.getSource() != User.Source.LOCAL || user.getPasswordHash() == null) {
			throw new InvalidInputException("currentPassword", "'" + username + "' signs in through "
					+ user.getSource() + "; change the password there.");
		}
		if (current == null || !passwords.matches(current, user.getPasswordHash())) {
			throw new InvalidInputException("currentPassword", "The current password is not right.");
		}
		checkPassword(replacement);
		user.setPasswordHash(passwords.encode(replacement));
		mapper.updateById(user);
	}

	/** Sets the first admin's password (from PLATFORM_ADMIN_PASSWORD or generated), creating the account if needed. */
	@Transactional
	User ensureAdmin(String username, String password) {
		Optional<User> existing = find(username);
		if (existing.isPresent()) {
			return existing.get();
		}
		User user = new User();
		user.setUsername(username);
		user.setDisplayName("Platform admin");
		user.setPasswordHash(passwords.encode(password));
		user.setSource(User.Source.LOCAL);
		user.setAdmin(true);
		user.setEnabled(true);
		user.setCreatedAt(now());
		mapper.insert(user);
		return user;
	}

	/**
	 * The platform user for someone LDAP or OIDC just signed in: created on first sign-in, name and mail
	 * refreshed each time. {@code admin} is the directory's word (group mapping) when it has one, else the
	 * platform's own flag is kept. A local account of that name is never taken over.
	 */
	@Transactional
	public User signedInExternally(User.Source source, String username, String displayName, String email,
			String externalId, Boolean admin) {
		checkUsername(username);
		User user = find(username).orElse(null);
		if (user == null) {
			user = new User();
			user.setUsername(username);
			user.setSource(source);
			user.setEnabled(true);
			user.setCreatedAt(now());
			user.setAdmin(Boolean.TRUE.equals(admin));
		}
		else if (user.getSource() != source) {
			throw new ConflictException("The user '" + username + "' is a " + user.getSource()
					+ " account; it cannot sign in through " + source + ".");
		}
		else if (admin != null) {
			user.setAdmin(admin);
		}
		user.setDisplayName(blankTo(displayName, username));
		user.setEmail(blankTo(email, null));
		user.setExternalId(externalId);
		if (user.getId() == null) {
			mapper.insert(user);
		}
		else {
			mapper.updateById(user);
		}
		return user;
	}

	void signedIn(String username) {
		find(username).ifPresent(user -> {
			user.setLastSignInAt(now());
			mapper.updateById(user);
		});
	}

	private long adminCount() {
		return mapper.selectCount(
				new LambdaQueryWrapper<User>().eq(User::isAdmin, true).eq(User::isEnabled, true));
	}

	private static void checkUsername(String username) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new InvalidInputException("username", "A username is 1 to 64 letters, digits, '.', '_', '-' or '@', "
					+ "starting with a letter or digit.");
		}
	}

	static void checkPassword(String password) {
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			throw new InvalidInputException("password",
					"A password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
		}
		if (password.length() > 128) {
			throw new InvalidInputException("password", "A password has at most 128 characters.");
		}
	}

	private static ConflictException taken(String username) {
		return new ConflictException("A user named '" + username + "' already exists.");
	}

	private static String blankTo(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value.strip();
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	/** {@code POST /api/users}. */
	public record UserRequest(String username, String displayName, String email, String password, Boolean admin) {
	}

	/** {@code PUT /api/users/{username}}: fields left out stay as they are. */
	public record UserUpdate(String displayName, String email, Boolean admin, Boolean enabled) {
	}

}
