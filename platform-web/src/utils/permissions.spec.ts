import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/session'
import { adminUser, member } from '@/test/session'
import { decide, type Action, type Decision } from './permissions'

const dev = { name: 'dev', protected: false }
const prod = { name: 'prod', protected: true }
const as = (role: Role | null) => member(role ? { orders: role } : { payments: 'OWNER' })
const verdict = (d: Decision) => (d.allowed ? 'yes' : `${d.reason.key} ${JSON.stringify(d.reason.params ?? {})}`)

/** Who may do what on the service `orders`: "yes", or the reason's key with its parameters. */
const table: [Action, { env?: typeof dev }, Record<'ADMIN' | Role | 'NONE', string>][] = [
	[
		'deploy',
		{ env: dev },
		{
			ADMIN: 'yes',
			OWNER: 'yes',
			DEVELOPER: 'yes',
			TESTER: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
			VIEWER: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
			NONE: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
		},
	],
	[
		'deploy',
		{ env: prod },
		{
			ADMIN: 'perm.protected {"env":"prod"}',
			OWNER: 'perm.protected {"env":"prod"}',
			DEVELOPER: 'perm.protected {"env":"prod"}',
			TESTER: 'perm.protected {"env":"prod"}',
			VIEWER: 'perm.protected {"env":"prod"}',
			NONE: 'perm.protected {"env":"prod"}',
		},
	],
	[
		'redeploy',
		{ env: prod },
		{
			ADMIN: 'perm.protected {"env":"prod"}',
			OWNER: 'perm.protected {"env":"prod"}',
			DEVELOPER: 'perm.protected {"env":"prod"}',
			TESTER: 'perm.protected {"env":"prod"}',
			VIEWER: 'perm.protected {"env":"prod"}',
			NONE: 'perm.protected {"env":"prod"}',
		},
	],
	[
		'rollback',
		{ env: dev },
		{
			ADMIN: 'yes',
			OWNER: 'yes',
			DEVELOPER: 'yes',
			TESTER: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
			VIEWER: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
			NONE: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
		},
	],
	[
		'rollback',
		{ env: prod },
		{
			ADMIN: 'yes',
			OWNER: 'yes',
			DEVELOPER: 'perm.protectedNeedsOwner {"env":"prod","app":"orders"}',
			TESTER: 'perm.protectedNeedsOwner {"env":"prod","app":"orders"}',
			VIEWER: 'perm.protectedNeedsOwner {"env":"prod","app":"orders"}',
			NONE: 'perm.protectedNeedsOwner {"env":"prod","app":"orders"}',
		},
	],
	[
		'cancel',
		{ env: dev },
		{
			ADMIN: 'yes',
			OWNER: 'yes',
			DEVELOPER: 'yes',
			TESTER: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
			VIEWER: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
			NONE: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
		},
	],
	[
		'createBranch',
		{},
		{
			ADMIN: 'yes',
			OWNER: 'yes',
			DEVELOPER: 'yes',
			TESTER: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
			VIEWER: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
			NONE: 'perm.needsRole {"role":"DEVELOPER","app":"orders"}',
		},
	],
	[
		'editApp',
		{},
		{
			ADMIN: 'yes',
			OWNER: 'yes',
			DEVELOPER: 'perm.needsRole {"role":"OWNER","app":"orders"}',
			TESTER: 'perm.needsRole {"role":"OWNER","app":"orders"}',
			VIEWER: 'perm.needsRole {"role":"OWNER","app":"orders"}',
			NONE: 'perm.needsRole {"role":"OWNER","app":"orders"}',
		},
	],
	[
		'editMembers',
		{},
		{
			ADMIN: 'yes',
			OWNER: 'yes',
			DEVELOPER: 'perm.needsRole {"role":"OWNER","app":"orders"}',
			TESTER: 'perm.needsRole {"role":"OWNER","app":"orders"}',
			VIEWER: 'perm.needsRole {"role":"OWNER","app":"orders"}',
			NONE: 'perm.needsRole {"role":"OWNER","app":"orders"}',
		},
	],
	[
		'readAudit',
		{},
		{ ADMIN: 'yes', OWNER: 'yes', DEVELOPER: 'perm.audit {}', TESTER: 'perm.audit {}', VIEWER: 'perm.audit {}', NONE: 'perm.audit {}' },
	],
	['registerApp', {}, { ADMIN: 'yes', OWNER: 'yes', DEVELOPER: 'yes', TESTER: 'yes', VIEWER: 'yes', NONE: 'yes' }],
]

const adminOnly: [Action, string][] = [
	['manageEnvironments', 'perm.adminEnvironments'],
	['editEnvironmentBindings', 'perm.adminBindings'],
	['manageGitLab', 'perm.adminGitLab'],
	['manageUsers', 'perm.adminUsers'],
]

describe('permissions', () => {
	for (const [action, target, expected] of table) {
		it(`${action}${target.env ? ` into ${target.env.name}` : ''} on orders`, () => {
			const actual = {
				ADMIN: verdict(decide(adminUser, action, { app: 'orders', ...target })),
				OWNER: verdict(decide(as('OWNER'), action, { app: 'orders', ...target })),
				DEVELOPER: verdict(decide(as('DEVELOPER'), action, { app: 'orders', ...target })),
				TESTER: verdict(decide(as('TESTER'), action, { app: 'orders', ...target })),
				VIEWER: verdict(decide(as('VIEWER'), action, { app: 'orders', ...target })),
				NONE: verdict(decide(as(null), action, { app: 'orders', ...target })),
			}
			expect(actual).toEqual(expected)
		})
	}

	it('leavesPlatformWideSettingsToAdminsWhateverTheirRoles', () => {
		for (const [action, reason] of adminOnly) {
			expect(decide(adminUser, action)).toEqual({ allowed: true })
			expect(verdict(decide(member({ orders: 'OWNER' }), action))).toBe(`${reason} {}`)
		}
	})

	it('aRoleOnOneServiceGivesNothingOnAnother', () => {
		expect(decide(member({ payments: 'OWNER' }), 'deploy', { app: 'orders', env: dev }).allowed).toBe(false)
		expect(decide(member({ payments: 'OWNER' }), 'deploy', { app: 'payments', env: dev }).allowed).toBe(true)
	})

	it('anOwnerOfAnyServiceMayOpenTheAuditButOnlyForTheirOwn', () => {
		const owner = member({ payments: 'OWNER', orders: 'DEVELOPER' })
		expect(decide(owner, 'readAudit').allowed).toBe(true)
		expect(decide(owner, 'readAudit', { app: 'payments' }).allowed).toBe(true)
		expect(decide(owner, 'readAudit', { app: 'orders' }).allowed).toBe(false)
	})

	it('nobodySignedInMayDoAnything', () => {
		expect(verdict(decide(null, 'registerApp'))).toBe('perm.signedOut {}')
	})
})
