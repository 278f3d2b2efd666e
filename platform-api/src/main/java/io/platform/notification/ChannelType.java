package io.platform.notification;

/** Where a channel's messages go: a chat group's robot, or e-mail. */
public enum ChannelType {

	DINGTALK, WECOM, FEISHU, EMAIL;

	boolean isRobot() {
		return this != EMAIL;
	}

}
