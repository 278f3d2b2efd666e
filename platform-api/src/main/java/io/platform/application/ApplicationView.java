package io.platform.application;

import java.time.Instant;
import java.util.List;

import io.platform.git.GitUrls;

/** A service as the API shows it; credentials in the repository URL are masked. */
public record ApplicationView(String name, String repoUrl, String buildCommand, List<String> buildArgs,
		String artifact, int port, String healthPath, String jvmOptions, String buildImage,
		Instant createdAt, Instant updatedAt) {

	static ApplicationView of(Application app) {
		return new ApplicationView(app.getName(), GitUrls.mask(app.getRepoUrl()), app.getBuildCommand(),
				CommandLine.split(app.getBuildCommand()), app.getArtifact(), app.getPort(), app.getHealthPath(),
				app.getJvmOptions(), app.getBuildImage(), app.getCreatedAt(), app.getUpdatedAt());
	}

}
