package io.platform.release;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** One service of a release: its branches in merge order and its SQL scripts in order. */
@TableName("release_item")
class ReleaseItem {

	@TableId(type = IdType.AUTO)
	public Long id;

	public Long releaseId;

	public int seq;

	public String app;

	/** One branch per line. */
	public String branches;

	/** JSON array of {name, script}. */
	public String sqlScripts;

}
