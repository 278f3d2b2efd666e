package io.platform.release;

import java.time.Instant;

import com.baomidou.mybatisplus.annotation.IdType;
import com.baomidou.mybatisplus.annotation.TableId;
import com.baomidou.mybatisplus.annotation.TableName;

/** A release order: what goes out together, written by its author. */
@TableName("platform_release")
class Release {

	@TableId(type = IdType.AUTO)
	public Long id;

	public String title;

	public String description;

	public String rollbackPlan;

	public String author;

	public Instant createdAt;

	public Instant updatedAt;

}
