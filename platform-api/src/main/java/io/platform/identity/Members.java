package io.platform.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.application.ApplicationCreated;
import io.platform.application.ApplicationDeleting;
import io.platform.identity.IdentityMappers.MemberMapper;
import io.platform.support.web.ConflictException;
import io.platform.support.web.NotFoundException;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who has which role on which service. */
@Service
public class Members {

	private final MemberMapper mapper;

	Members(MemberMapper mapper) {
		this.mapper = mapper;
	}

	public Optional<ServiceRole> roleOf(String app, String username) {
		Member member = mapper.selectOne(
				new LambdaQueryWrapper<Member>().eq(Member::getApp, app).eq(Member::getUsername, username));
		return Optional.ofNullable(member).map(Member::getRole);
	}

	List<Member> of(String app) {
		return mapper.selectList(new LambdaQueryWrapper<Member>().eq(Member::getApp, app).orderByAsc(Member::getUsername));
	}

	List<Member> ofUser(String username) {
		return mapper.selectList(
				new LambdaQueryWrapper<Member>().eq(Member::getUsername, username).orderByAsc(Member::getApp));
	}

	@Transactional
	Member put(String app, String username, ServiceRole role) {
		Member member = mapper.selectOne(
				new LambdaQueryWrapper<Member>().eq(Member::getApp, app).eq(Member::getUsername, username));
		if (member == null) {
			member = new Member();
			member.setApp(app);
			member.setUsername(username);
			member.setRole(role);
			member.setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
			try {
				mapper.insert(member);
			}
			catch (DuplicateKeyException ex) {
				throw new ConflictException("'" + username + "' was added to " + app + " at the same time; try again.");
			}
			return member;
		}
		if (member.getRole() == ServiceRole.OWNER && role != ServiceRole.OWNER) {
			requireAnotherOwner(app, username);
		}
		member.setRole(role);
		mapper.updateById(member);
		return member;
	}

	@Transactional
	void remove(String app, String username) {
		Member member = mapper.selectOne(
				new LambdaQueryWrapper<Member>().eq(Member::getApp, app).eq(Member::getUsername, username));
		if (member == null) {
			throw new NotFoundException("'" + username + "' is not a member of " + app + ".");
		}
		if (member.getRole() == ServiceRole.OWNER) {
			requireAnotherOwner(app, username);
		}
		mapper.deleteById(member.getId());
	}

	private void requireAnotherOwner(String app, String username) {
		long owners = mapper.selectCount(
				new LambdaQueryWrapper<Member>().eq(Member::getApp, app).eq(Member::getRole, ServiceRole.OWNER));
		if (owners <= 1) {
			throw new ConflictException("'" + username + "' is the last OWNER of " + app
					+ "; make someone else OWNER first.");
		}
	}

	/** Whoever registers a service (by hand or through a GitLab import) becomes its OWNER. */
	@EventListener
	void created(ApplicationCreated created) {
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		if (who != null && who.isAuthenticated() && who.getName() != null) {
			put(created.name(), who.getName(), ServiceRole.OWNER);
		}
	}

	@EventListener
	void deleting(ApplicationDeleting deleting) {
		mapper.delete(new LambdaQueryWrapper<Member>().eq(Member::getApp, deleting.name()));
	}

}
