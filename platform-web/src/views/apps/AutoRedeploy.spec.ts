import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith } from '@/test/mountWith'
import AutoRedeploy from './AutoRedeploy.vue'

const calls = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls as unknown as [string, RequestInit | undefined][]
const environments = ['dev', 'test', 'pre', 'prod'].map((name, i) => ({ name, order: i + 1, domain: 'localhost', protected: name === 'prod' }))

describe('AutoRedeploy', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('turningItOnInAnEnvironmentSendsOnlyThatEnvironment', async () => {
		const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
			init?.method === 'PUT'
				? jsonResponse({ dev: true, test: true, pre: false, prod: false })
				: jsonResponse({ dev: true, test: false, pre: false, prod: false }),
		)
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(AutoRedeploy, { props: { app: 'shop-orders', environments } })
		await flushPromises()

		expect(calls(fetch)[0]![0]).toBe('/api/apps/shop-orders/auto-redeploy')
		expect(wrapper.find('[data-test="auto-redeploy-dev"]').classes()).toContain('is-checked')
		expect(wrapper.find('[data-test="auto-redeploy-test"]').classes()).not.toContain('is-checked')

		await wrapper.find('[data-test="auto-redeploy-test"]').trigger('click')
		await flushPromises()

		const put = calls(fetch).find(([, init]) => init?.method === 'PUT')!
		expect(put[0]).toBe('/api/apps/shop-orders/auto-redeploy')
		expect(JSON.parse(put[1]!.body as string)).toEqual({ test: true })
		expect(wrapper.find('[data-test="auto-redeploy-test"]').classes()).toContain('is-checked')
	})
})
