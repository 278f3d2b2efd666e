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
	it('offersTheKeysThePlatformReadsWhileTyping', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => jsonResponse([{ key: 'SKYWALKING_UI_URL', value: 'http://sw', secret: false, source: 'environment' }])),
		)
		const { wrapper } = await mountWith(BindingsPanel, { props: { env: 'test' } })
		await flushPromises()
		await wrapper.find('[data-test="binding-add"]').trigger('click')
		await flushPromises()

		const suggest = wrapper.findComponent({ name: 'ElAutocomplete' }).props('fetchSuggestions') as (
			q: string,
			cb: (items: { value: string; hint: string }[]) => void,
		) => void
		const offer = (typed: string) => new Promise<{ value: string; hint: string }[]>((resolve) => suggest(typed, resolve))

		// the one already bound is not offered again
		const all = await offer('')
		expect(all.map((o) => o.value)).toEqual(['SW_AGENT_COLLECTOR_BACKEND_SERVICES', 'SKYWALKING_OAP_URL', 'KIBANA_URL'])
		expect(all[0]!.hint).toContain('11800')
		expect((await offer('sky')).map((o) => o.value)).toEqual(['SKYWALKING_OAP_URL'])
	})
})
