package io.platform.deployment;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface DeploymentStepMapper extends BaseMapper<DeploymentStep> {

}
