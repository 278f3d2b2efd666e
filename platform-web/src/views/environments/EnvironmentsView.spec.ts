import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith, problem } from '@/test/mountWith'
import EnvironmentDialog from './EnvironmentDialog.vue'
import EnvironmentsView from './EnvironmentsView.vue'

const env = (name: string, order: number) => ({ name, order, domain: 'localhost', protected: name === 'prod', runtime: null, memoryLimitMb: null, cpuLimit: null })
const seeded = [env('dev', 1), env('test', 2), env('pre', 3), env('prod', 4)]
const calls = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls as unknown as [string, RequestInit | undefined][]

describe('EnvironmentsView', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('movingAnEnvironmentUpSavesTheWholeNewOrder', async () => {
		const fetch = vi.fn(async (url: string, init?: RequestInit) => {
			if (url === '/api/environments/order' && init?.method === 'PUT') {
				return jsonResponse([env('dev', 1), env('pre', 2), env('test', 3), env('prod', 4)])
			}
			return jsonResponse(seeded)
		})
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(EnvironmentsView, { path: '/environments' })
		await flushPromises()

		await wrapper.find('[data-test="env-up-pre"]').trigger('click')
		await flushPromises()

		const put = calls(fetch).find(([url, init]) => url === '/api/environments/order' && init?.method === 'PUT')
		expect(put).toBeDefined()
		expect(JSON.parse(put![1]!.body as string)).toEqual({ names: ['dev', 'pre', 'test', 'prod'] })
		const rows = wrapper.findAll('[data-test^="env-row-"]').map((r) => r.attributes('data-test'))
		expect(rows).toEqual(['env-row-dev', 'env-row-pre', 'env-row-test', 'env-row-prod'])
	})

	it('theFirstEnvironmentCannotMoveUpNorTheLastDown', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(seeded)))
		const { wrapper } = await mountWith(EnvironmentsView, { path: '/environments' })
		await flushPromises()

		expect(wrapper.find('[data-test="env-up-dev"]').attributes('disabled')).toBeDefined()
		expect(wrapper.find('[data-test="env-down-prod"]').attributes('disabled')).toBeDefined()
		expect(wrapper.find('[data-test="env-up-prod"]').attributes('disabled')).toBeUndefined()
	})
})

describe('EnvironmentDialog', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('showsTheServersFieldErrorsBesideTheirFields', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () =>
				problem(400, 'Invalid environment', [
					{ field: 'runtime', message: 'the Docker engine at tcp://nowhere:2376 does not answer' },
					{ field: 'name', message: 'must be lower-case letters, digits and dashes' },
				]),
			),
		)
		const { wrapper } = await mountWith(EnvironmentDialog, { props: { modelValue: true } })
		await flushPromises()
		const body = wrapper.findComponent({ name: 'ElDialog' })
		expect(body.exists()).toBe(true)

		await setInput('env-field-name', 'Staging')
		document.querySelector<HTMLInputElement>('[data-test="env-field-runtime"] input[value="docker"]')!.click()
		await flushPromises()
		await setInput('env-field-engine', 'tcp://nowhere:2376')
		document.querySelector<HTMLFormElement>('[data-test="env-form"]')!.dispatchEvent(new Event('submit'))
		await flushPromises()
		await flushPromises()

		await vi.waitFor(() =>
			expect(document.querySelector('[data-test="env-item-runtime"] .el-form-item__error')?.textContent?.trim()).toBe(
				'the Docker engine at tcp://nowhere:2376 does not answer',
			),
		)
		expect(document.querySelector('[data-test="env-item-name"] .el-form-item__error')?.textContent?.trim()).toBe(
			'must be lower-case letters, digits and dashes',
		)
		expect(document.querySelector('[data-test="env-item-domain"] .el-form-item__error')).toBeNull()
		expect(document.querySelector('[data-test="env-form-error"]')).toBeNull()
	})

	it('sendsTheDockerEngineUrlAsTheRuntime', async () => {
		const fetch = vi.fn(async () => jsonResponse(env('staging', 5), 201))
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(EnvironmentDialog, { props: { modelValue: true, nextOrder: 5 } })
		await flushPromises()

		await setInput('env-field-name', 'staging')
		document.querySelector<HTMLInputElement>('[data-test="env-field-runtime"] input[value="docker"]')!.click()
		await flushPromises()
		await setInput('env-field-engine', 'unix:///var/run/docker.sock')
		document.querySelector<HTMLFormElement>('[data-test="env-form"]')!.dispatchEvent(new Event('submit'))
		await flushPromises()

		const [url, init] = calls(fetch)[0]!
		expect(url).toBe('/api/environments')
		expect(JSON.parse(init!.body as string)).toMatchObject({ name: 'staging', order: 5, runtime: 'unix:///var/run/docker.sock', protected: false })
		expect(wrapper.emitted('saved')).toHaveLength(1)
	})
})

// the dialog is teleported to the body: its inputs are found there
async function setInput(test: string, value: string) {
	const input = document.querySelector<HTMLInputElement>(`[data-test="${test}"] input, input[data-test="${test}"]`)
	expect(input, test).not.toBeNull()
	input!.value = value
	input!.dispatchEvent(new Event('input'))
	await flushPromises()
}
