package io.platform.identity;

/**
 * What a person may do on one service. Each role includes the ones below it: an OWNER may do everything a
 * DEVELOPER may, and so on. Platform admins may do everything on every service.
 */
public enum ServiceRole {

	/** Reads the service, its deployments, logs and traces. */
	VIEWER,

	/** Also signs off release stages. */
	TESTER,

	/** Also deploys into unprotected environments, creates branches and releases. */
	DEVELOPER,

	/** Also edits the service, its bindings and members, and may roll back in a protected environment. */
	OWNER;

	boolean includes(ServiceRole other) {
		return compareTo(other) >= 0;
	}

}
