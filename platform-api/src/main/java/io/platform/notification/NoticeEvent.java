package io.platform.notification;

/** What a channel can be told about; each with how a message names it, in Chinese and in English. */
public enum NoticeEvent {

	STAGE_STARTED("阶段开始", "Stage started"),

	STAGE_DEPLOYED("阶段已部署", "Stage deployed"),

	STAGE_PASSED("阶段已验收通过", "Stage passed"),

	STAGE_FAILED("阶段失败", "Stage failed"),

	APPROVAL_REQUESTED("等待审批", "Approval requested"),

	APPROVAL_GIVEN("已批准", "Approval given"),

	APPROVAL_REJECTED("已驳回", "Approval rejected"),

	EMERGENCY("紧急上线", "Emergency release");

	private final String chinese;

	private final String english;

	NoticeEvent(String chinese, String english) {
		this.chinese = chinese;
		this.english = english;
	}

	String chinese() {
		return chinese;
	}

	String english() {
		return english;
	}

}
