import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith } from '@/test/mountWith'
import { member } from '@/test/session'
import AppDetailView from './AppDetailView.vue'

const env = (name: string, order: number) => ({ name, order, domain: 'localhost', protected: false })
const branch = (name: string, gitlab: boolean) => ({
	name,
	commit: 'abcdef1234567',
	message: 'work',
	author: 'dev',
	committedAt: '2026-11-22T10:00:00Z',
	protected: gitlab ? false : null,
	default: gitlab ? name === 'main' : null,
	merged: gitlab ? false : null,
})

function server(branches: (url: URL) => Response) {
	return vi.fn(async (input: string) => {
		const url = new URL(input, 'http://localhost')
		if (url.pathname === '/api/environments') return jsonResponse([env('dev', 1), env('test', 2)])
		if (url.pathname === '/api/apps/orders') return jsonResponse({ name: 'orders', repoUrl: 'https://g/shop/orders.git' })
		if (url.pathname === '/api/apps/orders/branches') return branches(url)
		if (url.pathname === '/api/apps/orders/auto-redeploy') return jsonResponse({ dev: true, test: false })
		return jsonResponse([])
	})
}
// the history polls every few seconds: a page left mounted would keep calling after its test
enableAutoUnmount(afterEach)

const urls = (fetch: ReturnType<typeof vi.fn>) => (fetch.mock.calls as unknown as [string][]).map(([u]) => u)

describe('AppDetailView', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('aServiceWithManyBranchesIsSearchedAndPagedByTheServer', async () => {
		const fetch = server((url) => {
			const page = Number(url.searchParams.get('page'))
			const items = Array.from({ length: 3 }, (_, i) => branch(`feature/${page}-${i}`, true)) // the counts decide, not the length
			return new Response(JSON.stringify(items), {
				headers: { 'Content-Type': 'application/json', 'X-Page': String(page), 'X-Per-Page': '100', 'X-Total': '250', 'X-Total-Pages': '3' },
			})
		})
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(AppDetailView, { path: '/apps/orders', props: { app: 'orders' } })
		await flushPromises()

		expect(urls(fetch)).toContain('/api/apps/orders/branches?page=1&perPage=100')
		expect(wrapper.find('[data-test="branch-pages"]').text()).toContain('250')
		// a GitLab service: its auto-redeploy switches are shown
		expect(wrapper.find('[data-test="auto-redeploy"]').exists()).toBe(true)

		await wrapper.find('input[data-test="branch-search"]').setValue('pay')
		await vi.waitFor(() => expect(urls(fetch)).toContain('/api/apps/orders/branches?search=pay&page=1&perPage=100'), { timeout: 2000 })
	})

	it('aServiceWithFewBranchesIsFilteredHereAndShowsNoPager', async () => {
		const fetch = server(() => jsonResponse([branch('main', false), branch('feature/pay', false)]))
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(AppDetailView, { path: '/apps/orders', props: { app: 'orders' } })
		await flushPromises()

		expect(wrapper.find('[data-test="branch-pages"]').exists()).toBe(false)
		expect(wrapper.find('[data-test="auto-redeploy"]').exists()).toBe(false)
		await wrapper.find('input[data-test="branch-search"]').setValue('pay')
		await new Promise((r) => setTimeout(r, 400))
		expect(urls(fetch).filter((u) => u.includes('/branches'))).toHaveLength(1)
		expect(wrapper.findAll('[data-test="branch-checkbox"]')).toHaveLength(1)
	})
})

describe('AppDetailView permissions', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	function serverWithProd() {
		return vi.fn(async (input: string) => {
			const url = new URL(input, 'http://localhost')
			if (url.pathname === '/api/environments') return jsonResponse([env('dev', 1), env('test', 2), { ...env('prod', 3), protected: true }])
			if (url.pathname === '/api/apps/orders') return jsonResponse({ name: 'orders', repoUrl: 'https://g/shop/orders.git' })
			if (url.pathname === '/api/apps/orders/branches') return jsonResponse([branch('main', false)])
			return jsonResponse([])
		})
	}

	it('aViewerSeesTheDeployButtonDisabledWithTheRoleItNeeds', async () => {
		vi.stubGlobal('fetch', serverWithProd())
		const { wrapper } = await mountWith(AppDetailView, { path: '/apps/orders', props: { app: 'orders' }, user: member({ orders: 'VIEWER' }) })
		await flushPromises()
		await wrapper.find('[data-test="branch-checkbox"] input').setValue(true)
		await flushPromises()

		const deploy = wrapper.find('[data-test="deploy-button"]')
		expect(deploy.attributes('disabled')).toBeDefined()
		const guard = deploy.element.closest('[data-reason]')
		expect(guard?.getAttribute('data-reason')).toBe('Needs the DEVELOPER role on orders')
		// the reason shows in a tooltip on hover
		guard!.dispatchEvent(new MouseEvent('mouseenter'))
		await vi.waitFor(() => expect(document.body.querySelector('.el-popper')?.textContent).toContain('Needs the DEVELOPER role on orders'))
		// and what only an owner may do says so too
		expect(wrapper.find('[data-test="edit-app"]').attributes('disabled')).toBeDefined()
		expect(wrapper.find('[data-test="delete-app"]').element.closest('[data-reason]')?.getAttribute('data-reason')).toBe('Needs the OWNER role on orders')
		expect(wrapper.find('[data-test="new-branch"]').attributes('disabled')).toBeDefined()
	})

	it('aDeveloperDeploysIntoAnOpenEnvironmentButNotIntoAProtectedOne', async () => {
		vi.stubGlobal('fetch', serverWithProd())
		const { wrapper } = await mountWith(AppDetailView, { path: '/apps/orders', props: { app: 'orders' }, user: member({ orders: 'DEVELOPER' }) })
		await flushPromises()
		await wrapper.find('[data-test="branch-checkbox"] input').setValue(true)
		await flushPromises()

		expect(wrapper.find('[data-test="deploy-button"]').attributes('disabled')).toBeUndefined()
		const prod = wrapper.find('[data-test="env-prod"]')
		expect(prod.find('input').attributes('disabled')).toBeDefined()
		expect(prod.find('[data-reason]').attributes('data-reason')).toBe('prod is protected: deploy it through a release')
		expect(wrapper.find('[data-test="env-dev"] input').attributes('disabled')).toBeUndefined()
		expect(wrapper.find('[data-test="edit-app"]').attributes('disabled')).toBeDefined()
	})

	it('aProtectedEnvironmentAskedForInTheAddressKeepsTheDeployButtonDisabledForAdminsToo', async () => {
		vi.stubGlobal('fetch', serverWithProd())
		const { wrapper } = await mountWith(AppDetailView, { path: '/apps/orders?env=prod', props: { app: 'orders' } })
		await flushPromises()
		await wrapper.find('[data-test="branch-checkbox"] input').setValue(true)
		await flushPromises()

		const deploy = wrapper.find('[data-test="deploy-button"]')
		expect(deploy.attributes('disabled')).toBeDefined()
		expect(deploy.element.closest('[data-reason]')?.getAttribute('data-reason')).toBe('prod is protected: deploy it through a release')
		expect(wrapper.find('[data-test="edit-app"]').attributes('disabled')).toBeUndefined()
	})
})
