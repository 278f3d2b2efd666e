import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith } from '@/test/mountWith'
import BindingsPanel from './BindingsPanel.vue'

const calls = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls as unknown as [string, RequestInit | undefined][]

describe('BindingsPanel', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('neverRendersASecretsValueEvenWhenTheServerSendsOne', async () => {
		// the server masks secrets; the panel does not rely on it
		vi.stubGlobal(
			'fetch',
			vi.fn(async () =>
				jsonResponse([
					{ key: 'DB_PASSWORD', value: 'hunter2', secret: true, source: 'environment' },
					{ key: 'DB_URL', value: 'jdbc:mariadb://db/app', secret: false, source: 'environment' },
				]),
			),
		)
		const { wrapper } = await mountWith(BindingsPanel, { props: { env: 'test' } })
		await flushPromises()

		expect(document.body.innerHTML).not.toContain('hunter2')
		const secret = wrapper.find('[data-test="binding-secret"]')
		expect(secret.text()).toBe('******')
		expect(secret.find('.el-icon').exists()).toBe(true)
		expect(wrapper.find('[data-test="binding-value"]').text()).toBe('jdbc:mariadb://db/app')
	})

	it('aSecretIsTypedIntoAPasswordFieldAndSentOnce', async () => {
		const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
			init?.method === 'PUT' ? jsonResponse({ key: 'API_KEY', value: '******', secret: true }) : jsonResponse([]),
		)
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(BindingsPanel, { props: { env: 'prod' } })
		await flushPromises()

		await wrapper.find('[data-test="binding-add"]').trigger('click')
		await flushPromises()
		const value = () => document.querySelector<HTMLInputElement>('input[data-test="binding-field-value"]')!
		expect(value().type).toBe('text')
		document.querySelector<HTMLElement>('[data-test="binding-field-secret"]')!.click()
		await flushPromises()
		expect(value().type).toBe('password')

		const key = document.querySelector<HTMLInputElement>('input[data-test="binding-field-key"]')!
		key.value = 'API_KEY'
		key.dispatchEvent(new Event('input'))
		value().value = 's3cret'
		value().dispatchEvent(new Event('input'))
		await flushPromises()
		document.querySelector<HTMLFormElement>('[data-test="binding-form"]')!.dispatchEvent(new Event('submit'))
		await flushPromises()

		const put = calls(fetch).find(([, init]) => init?.method === 'PUT')!
		expect(put[0]).toBe('/api/environments/prod/bindings/API_KEY')
		expect(JSON.parse(put[1]!.body as string)).toEqual({ value: 's3cret', secret: true })
	})

	it('aServiceSeesWhereEachBindingComesFromAndRemovesOnlyItsOwn', async () => {
		const fetch = vi.fn(async () =>
			jsonResponse([
				{ key: 'DB_URL', value: 'jdbc:mariadb://db/app', secret: false, source: 'environment' },
				{ key: 'FEATURE_X', value: 'on', secret: false, source: 'service' },
			]),
		)
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(BindingsPanel, { props: { env: 'test', app: 'orders' } })
		await flushPromises()

		expect(calls(fetch)[0]![0]).toBe('/api/apps/orders/bindings/test')
		expect(wrapper.findAll('[data-test="binding-source"]').map((s) => s.text())).toEqual(['environment', 'service override'])
		expect(wrapper.findAll('[data-test="binding-delete"]')).toHaveLength(1)
	})
})
