package io.platform.release.sql;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;
import org.apache.ibatis.annotations.Mapper;

@Mapper
interface SqlLedgerMapper extends BaseMapper<SqlLedgerEntry> {

}
