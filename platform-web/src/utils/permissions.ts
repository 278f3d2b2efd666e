import { ROLES, type CurrentUser, type Role } from '@/api/session'

/**
 * What a user may do, as the server decides it, so a button can be disabled with its reason instead of
 * failing after a click. The server stays the judge: this only mirrors its rules.
 */
export type Action =
	/** start a deployment of branches (the service page's deploy button) */
	| 'deploy'
	| 'redeploy'
	| 'rollback'
	| 'cancel'
	| 'createBranch'
	/** the service's form, its bindings, auto-redeploy settings and deletion */
	| 'editApp'
	| 'editMembers'
	| 'registerApp'
	/** create, edit, reorder and remove environments */
	| 'manageEnvironments'
	| 'editEnvironmentBindings'
	| 'manageGitLab'
	| 'manageUsers'
	| 'readAudit'

export interface Target {
	app?: string
	env?: { name: string; protected: boolean } | null
}

/** Why not, as an i18n key and its parameters. */
export interface Reason {
	key: string
	params?: Record<string, string>
}

export type Decision = { allowed: true } | { allowed: false; reason: Reason }

const ALLOWED: Decision = { allowed: true }
const deny = (key: string, params?: Record<string, string>): Decision => ({ allowed: false, reason: { key, params } })

/** The user's role on a service, or null when they are no member. */
export function roleOn(user: CurrentUser | null | undefined, app: string | undefined): Role | null {
	if (!user || !app) return null
	return user.memberships.find((m) => m.app === app)?.role ?? null
}

/** Whether `role` includes what `needed` may do (TESTER counts as a reader here: its sign-off comes with releases). */
export function atLeast(role: Role | null, needed: Role): boolean {
	return role !== null && ROLES.indexOf(role) >= ROLES.indexOf(needed)
}

export function isOwnerOfAny(user: CurrentUser | null | undefined): boolean {
	return !!user?.memberships.some((m) => m.role === 'OWNER')
}

function needsRole(user: CurrentUser, app: string | undefined, role: Role): Decision {
	if (user.admin || atLeast(roleOn(user, app), role)) return ALLOWED
	return deny('perm.needsRole', { role, app: app ?? '' })
}

export function decide(user: CurrentUser | null | undefined, action: Action, target: Target = {}): Decision {
	if (!user) return deny('perm.signedOut')
	const { app, env } = target
	switch (action) {
		case 'deploy':
		case 'redeploy':
			// refused for everybody, admins too: a protected environment only takes releases
			if (env?.protected) return deny('perm.protected', { env: env.name })
			return needsRole(user, app, 'DEVELOPER')
		case 'rollback':
		case 'cancel':
			if (env?.protected) {
				if (user.admin || atLeast(roleOn(user, app), 'OWNER')) return ALLOWED
				return deny('perm.protectedNeedsOwner', { env: env.name, app: app ?? '' })
			}
			return needsRole(user, app, 'DEVELOPER')
		case 'createBranch':
			return needsRole(user, app, 'DEVELOPER')
		case 'editApp':
		case 'editMembers':
			return needsRole(user, app, 'OWNER')
		case 'registerApp':
			return ALLOWED
		case 'manageEnvironments':
			return user.admin ? ALLOWED : deny('perm.adminEnvironments')
		case 'editEnvironmentBindings':
			return user.admin ? ALLOWED : deny('perm.adminBindings')
		case 'manageGitLab':
			return user.admin ? ALLOWED : deny('perm.adminGitLab')
		case 'manageUsers':
			return user.admin ? ALLOWED : deny('perm.adminUsers')
		case 'readAudit':
			// an owner reads the audit of their own services only
			if (user.admin) return ALLOWED
			if (app ? atLeast(roleOn(user, app), 'OWNER') : isOwnerOfAny(user)) return ALLOWED
			return deny('perm.audit')
	}
}
