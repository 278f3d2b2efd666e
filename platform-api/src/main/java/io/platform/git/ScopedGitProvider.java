package io.platform.git;

/**
 * A provider for some services only (those imported from a hosting service such as GitLab). The
 * platform asks each one whether it serves a service's remote; services no provider claims use plain Git.
 */
public interface ScopedGitProvider extends GitProvider {

	/** Whether this provider handles the service whose remote this is (looked up by {@link GitRemote#key()}). */
	boolean serves(GitRemote remote);

}
