import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith } from '@/test/mountWith'
import { member } from '@/test/session'
import UsersView from './UsersView.vue'

const user = (username: string, more = {}) => ({
	username,
	displayName: username.toUpperCase(),
	email: `${username}@example.com`,
	admin: false,
	source: 'LOCAL',
	enabled: true,
	createdAt: '2026-11-01T10:00:00Z',
	lastSignInAt: null,
	...more,
})
const calls = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls as unknown as [string, RequestInit | undefined][]

describe('UsersView', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('anAdminDisablesAUser', async () => {
		const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
			init?.method === 'PUT' ? jsonResponse(user('dev', { enabled: false })) : jsonResponse([user('dev'), user('qa', { source: 'LDAP' })]),
		)
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(UsersView, { path: '/users' })
		await flushPromises()

		await wrapper.find('[data-test="user-edit-dev"]').trigger('click')
		await flushPromises()
		;(document.body.querySelector('[data-test="user-field-enabled"] input') as HTMLInputElement).click()
		await flushPromises()
		document.body.querySelector('[data-test="user-form"]')!.dispatchEvent(new Event('submit'))
		await flushPromises()

		const put = calls(fetch).find(([, init]) => init?.method === 'PUT')!
		expect(put[0]).toBe('/api/users/dev')
		expect(JSON.parse(put[1]!.body as string)).toEqual({ displayName: 'DEV', email: 'dev@example.com', admin: false, enabled: false })
	})

	it('listsUsersForEveryoneButLeavesChangesToAdmins', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => jsonResponse([user('dev'), user('qa')])))
		const { wrapper } = await mountWith(UsersView, { path: '/users', user: member({ orders: 'OWNER' }) })
		await flushPromises()

		expect(wrapper.find('[data-test="user-row-qa"]').exists()).toBe(true)
		const add = wrapper.find('[data-test="user-new"]')
		expect(add.attributes('disabled')).toBeDefined()
		expect(add.element.closest('[data-reason]')?.getAttribute('data-reason')).toBe('Only platform admins manage users')
		expect(wrapper.find('[data-test="user-edit-dev"]').attributes('disabled')).toBeDefined()
	})
})
