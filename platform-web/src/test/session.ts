import type { CurrentUser, Membership, Role } from '@/api/session'

/** A platform admin: what the tests of pages that existed before sign-in run as. */
export const adminUser: CurrentUser = {
	username: 'admin',
	displayName: 'Platform Admin',
	email: 'admin@example.com',
	admin: true,
	source: 'LOCAL',
	memberships: [],
}

/** A user who is no admin, with a role on the services named: `member({ orders: 'DEVELOPER' })`. */
export function member(roles: Record<string, Role> = {}, more: Partial<CurrentUser> = {}): CurrentUser {
	const memberships: Membership[] = Object.entries(roles).map(([app, role]) => ({ app, role }))
	return { username: 'dev', displayName: 'Dana Dev', email: 'dev@example.com', admin: false, source: 'LOCAL', memberships, ...more }
}
