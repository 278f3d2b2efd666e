package io.platform.env.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * What to bake: the artifact of one build of one service for one environment, and the metadata that
 * labels the image (so a person can tell from the runtime alone what an image holds).
 */
public record ImageSpec(String app, String env, int buildNumber, String commit, List<String> branches,
		Path artifact) {

	public ImageSpec {
		branches = List.copyOf(branches);
	}

	/** {@code {app}:{env}-{build}}. */
	public String tag() {
		return app + ":" + env + "-" + buildNumber;
	}

}
