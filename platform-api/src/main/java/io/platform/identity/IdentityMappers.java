package io.platform.identity;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

/** The identity tables, one mapper each. */
final class IdentityMappers {

	private IdentityMappers() {
	}

	@Mapper
	interface UserMapper extends BaseMapper<User> {

	}

	@Mapper
	interface MemberMapper extends BaseMapper<Member> {

	}

	@Mapper
	interface ApiTokenMapper extends BaseMapper<ApiToken> {

	}

	@Mapper
	interface AuditEventMapper extends BaseMapper<AuditEvent> {

	}

}
