package io.platform.env.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One build to run in a {@link BuildSandbox}. {@code command} is an argv (no shell) run in the work tree,
 * which the sandbox shows at {@link #WORKSPACE}; the Maven repository, when not {@code null}, is shown at
 * {@link #MAVEN_REPOSITORY} (the caller points Maven at it, such as with {@code -Dmaven.repo.local}).
 * {@code environment} holds the build's variables; {@code HOME} is set by the sandbox to a writable
 * directory. {@code timeout} only labels the build, so that one left behind by a crash can be told
 * apart; the caller enforces it through {@link BuildSandbox.RunningBuild#await}.
 */
public record BuildSpec(String app, String env, long deploymentId, String image, List<String> command,
		Path workTree, Path mavenRepository, Map<String, String> environment, WorkloadSpec.Resources resources,
		Duration timeout) {

	/** Where the work tree is in the sandbox; the build's working directory. */
	public static final String WORKSPACE = "/workspace";

	/** Where the shared local Maven repository is in the sandbox. */
	public static final String MAVEN_REPOSITORY = "/m2";

	public BuildSpec {
		Objects.requireNonNull(image, "image");
		Objects.requireNonNull(workTree, "workTree");
		command = List.copyOf(command);
		if (command.isEmpty()) {
			throw new IllegalArgumentException("A build needs a command");
		}
		environment = Map.copyOf(environment);
		resources = resources == null ? WorkloadSpec.Resources.NONE : resources;
	}

}
