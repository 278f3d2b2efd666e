import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith } from '@/test/mountWith'
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
