package io.platform.deployment;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface DeploymentMapper extends BaseMapper<Deployment> {

	/** Build numbers count per service and environment; rollbacks reuse the number of their image. */
	@Select("SELECT COALESCE(MAX(build_number), 0) FROM deployment WHERE app = #{app} AND env = #{env}")
	int lastBuildNumber(String app, String env);

}
