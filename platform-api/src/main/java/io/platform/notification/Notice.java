package io.platform.notification;

import java.util.List;

/**
 * Something that happened to a release, for the people who follow it: {@code event} is one of
 * {@link NoticeEvent}'s names, {@code env} the stage's environment, {@code apps} the release's services,
 * {@code actor} who did it, {@code detail} anything more (a failure's reason, an approval's comment).
 */
public record Notice(String event, long releaseId, String title, String env, List<String> apps, String actor,
		String detail) {

}
