package io.platform.release;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A weekly time span in which releases may start in an environment. */
@TableName("release_window")
class ReleaseWindow {

	@TableId(type = IdType.AUTO)
	public Long id;

	public String env;

	public int seq;

	/** Day names, comma-separated (MONDAY,THURSDAY). */
	public String days;

	/** HH:mm, local to {@link #zone}. */
	public String fromTime;

	public String toTime;

	public String zone;

}
