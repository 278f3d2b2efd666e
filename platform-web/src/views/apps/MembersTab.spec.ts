import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith } from '@/test/mountWith'
import { member } from '@/test/session'
import MembersTab from './MembersTab.vue'

const members = [
	{ username: 'olga', displayName: 'Olga Owner', role: 'OWNER' },
	{ username: 'dev', displayName: 'Dana Dev', role: 'DEVELOPER' },
]
const calls = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls as unknown as [string, RequestInit | undefined][]

describe('MembersTab', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('isReadOnlyWithTheReasonForAMemberWhoIsNoOwner', async () => {
		const fetch = vi.fn(async () => jsonResponse(members))
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(MembersTab, { props: { app: 'orders' }, user: member({ orders: 'DEVELOPER' }) })
		await flushPromises()

		expect(wrapper.find('[data-test="members-read-only"]').text()).toContain('Needs the OWNER role on orders')
		expect(wrapper.findAll('[data-test="member-role"]').map((r) => r.text())).toEqual(['Owner', 'Developer'])
		expect(wrapper.find('[data-test="member-role-select"]').exists()).toBe(false)
		expect(wrapper.find('[data-test="member-add-form"]').exists()).toBe(false)
		const remove = wrapper.findAll('[data-test="member-remove"]')
		expect(remove).toHaveLength(2)
		for (const button of remove) expect(button.attributes('disabled')).toBeDefined()
		// nothing but the list was asked for
		expect(calls(fetch).map(([url]) => url)).toEqual(['/api/apps/orders/members'])
	})

	it('letsAnOwnerChangeARole', async () => {
		const fetch = vi.fn(async (url: string, init?: RequestInit) => {
			if (init?.method === 'PUT') return jsonResponse({ username: 'dev', displayName: 'Dana Dev', role: 'TESTER' })
			if (url === '/api/users') return jsonResponse([])
			return jsonResponse(members)
		})
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(MembersTab, { props: { app: 'orders' }, user: member({ orders: 'OWNER' }, { username: 'olga' }) })
		await flushPromises()

		expect(wrapper.find('[data-test="members-read-only"]').exists()).toBe(false)
		expect(wrapper.find('[data-test="member-add-form"]').exists()).toBe(true)
		const selects = wrapper.findAllComponents({ name: 'ElSelect' }).filter((s) => s.attributes('data-test') === 'member-role-select')
		expect(selects).toHaveLength(2)
		selects[1]!.vm.$emit('update:modelValue', 'TESTER')
		await flushPromises()

		const put = calls(fetch).find(([, init]) => init?.method === 'PUT')!
		expect(put[0]).toBe('/api/apps/orders/members/dev')
		expect(JSON.parse(put[1]!.body as string)).toEqual({ role: 'TESTER' })
	})
})
