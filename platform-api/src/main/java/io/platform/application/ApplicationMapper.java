package io.platform.application;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

@Mapper
interface ApplicationMapper extends BaseMapper<Application> {

}
