package io.platform.release;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** An approval or a rejection of a release's stage; a change of the release voids it. */
@TableName("release_approval")
class ReleaseApproval {

	enum Decision {

		APPROVE, REJECT

	}

	@TableId(type = IdType.AUTO)
	public Long id;

	public Long releaseId;

	public String env;

	public String username;

	public Decision decision;

	public String comment;

	public Instant at;

	public Instant voidedAt;

}
