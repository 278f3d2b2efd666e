package io.platform.notification;

/**
 * What a channel is sent: a one-line {@code heading} and a markdown {@code body}, both in Chinese and in
 * English (Chinese first), and an e-mail {@code subject}. Markdown kept to what all three robots render:
 * bold, links, rules, one line per paragraph.
 */
record Message(String subject, String heading, String body) {

	private static final int MAX_DETAIL = 1000;

	private static final int MAX_TITLE = 200;

	/** The notice's message; {@code externalUrl} (the platform's address, may be empty) makes the release link. */
	static Message of(Notice notice, NoticeEvent event, String externalUrl) {
		String release = "#" + notice.releaseId() + " " + oneLine(notice.title(), MAX_TITLE);
		String env = blankAsDash(notice.env());
		String apps = notice.apps() == null || notice.apps().isEmpty() ? "-" : oneLine(String.join(", ", notice.apps()), 500);
		String actor = blankAsDash(notice.actor());
		String detail = notice.detail() == null || notice.detail().isBlank() ? null : oneLine(notice.detail(), MAX_DETAIL);
		String link = externalUrl == null || externalUrl.isBlank() ? null
				: externalUrl.strip().replaceAll("/+$", "") + "/releases/" + notice.releaseId();
		String heading = "上线单 #" + notice.releaseId() + " " + event.chinese() + " · Release #" + notice.releaseId() + " "
				+ event.english().toLowerCase(java.util.Locale.ROOT);
		StringBuilder body = new StringBuilder();
		paragraph(body, "**" + event.chinese() + "**（" + env + "）");
		paragraph(body, "**上线单**：" + release);
		paragraph(body, "**环境**：" + env);
		paragraph(body, "**服务**：" + apps);
		paragraph(body, "**操作人**：" + actor);
		if (detail != null) {
			paragraph(body, "**说明**：" + detail);
		}
		if (link != null) {
			paragraph(body, "[查看上线单](" + link + ")");
		}
		paragraph(body, "---");
		paragraph(body, "**" + event.english() + "** (" + env + ")");
		paragraph(body, "**Release**: " + release);
		paragraph(body, "**Stage**: " + env);
		paragraph(body, "**Services**: " + apps);
		paragraph(body, "**By**: " + actor);
		if (detail != null) {
			paragraph(body, "**Detail**: " + detail);
		}
		if (link != null) {
			paragraph(body, "[Open the release](" + link + ")");
		}
		String subject = "[上线单 Release #" + notice.releaseId() + "] " + event.chinese() + " / " + event.english() + ": "
				+ oneLine(notice.title(), MAX_TITLE) + " (" + env + ")";
		return new Message(subject, heading, body.toString().strip());
	}

	/** The message of {@code POST /api/notification-channels/{name}/test}. */
	static Message test(String channel, String actor) {
		StringBuilder body = new StringBuilder();
		paragraph(body, "这是发布平台发给通知渠道 **" + channel + "** 的测试消息，由 " + actor + " 发送。");
		paragraph(body, "---");
		paragraph(body, "This is a test message of the deployment platform to notification channel **" + channel
				+ "**, sent by " + actor + ".");
		return new Message("[发布平台 Platform] 通知渠道测试 / Notification channel test: " + channel,
				"通知渠道测试 · Notification channel test", body.toString().strip());
	}

	/** Heading and body as one markdown text (DingTalk, WeCom). */
	String markdown() {
		return "### " + heading + "\n\n" + body;
	}

	/** Heading and body as plain text (e-mail). */
	String plainText() {
		return heading + "\n\n" + body.replace("**", "");
	}

	private static void paragraph(StringBuilder body, String line) {
		body.append(line).append("\n\n");
	}

	private static String blankAsDash(String value) {
		return value == null || value.isBlank() ? "-" : oneLine(value, 200);
	}

	/** One line (a title or a detail must not start headings or lists of its own), cut to {@code max}. */
	private static String oneLine(String value, int max) {
		String line = value == null ? "" : value.replaceAll("\\s+", " ").strip();
		return line.length() <= max ? line : line.substring(0, max - 1) + "…";
	}

}
