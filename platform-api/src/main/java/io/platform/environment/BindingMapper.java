package io.platform.environment;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

@Mapper
interface BindingMapper extends BaseMapper<Binding> {

}
