package io.platform.gitlab;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

/** The feature's tables. */
final class GitLabMappers {

	private GitLabMappers() {
	}

	@Mapper
	interface ConnectionMapper extends BaseMapper<GitLabConnection> {

	}

	@Mapper
	interface ProjectMapper extends BaseMapper<GitLabProject> {

	}

	@Mapper
	interface AutoRedeployMapper extends BaseMapper<AutoRedeploy> {

	}

}
