package io.platform.release;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

/** The mappers of the release tables. */
final class ReleaseMappers {

	private ReleaseMappers() {
	}

	@Mapper
	interface ReleaseMapper extends BaseMapper<Release> {
	}

	@Mapper
	interface ItemMapper extends BaseMapper<ReleaseItem> {
	}

	@Mapper
	interface StageMapper extends BaseMapper<ReleaseStage> {
	}

	@Mapper
	interface ApprovalMapper extends BaseMapper<ReleaseApproval> {
	}

	@Mapper
	interface WindowMapper extends BaseMapper<ReleaseWindow> {
	}

	@Mapper
	interface FreezeMapper extends BaseMapper<ReleaseFreeze> {
	}

}
