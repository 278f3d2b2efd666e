package io.platform.deployment;

/** Why a deployment exists: a fresh deploy, a rebuild from the same branches, or an earlier image again. */
public enum DeploymentKind {

	DEPLOY, REDEPLOY, ROLLBACK

}
