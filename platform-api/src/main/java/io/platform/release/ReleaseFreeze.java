package io.platform.release;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A span of time in which no release starts in an environment (except emergencies). */
@TableName("release_freeze")
class ReleaseFreeze {

	@TableId(type = IdType.AUTO)
	public Long id;

	public String env;

	public Instant fromAt;

	public Instant toAt;

	public String reason;

}
