import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith, problem } from '@/test/mountWith'
import AppFormView from './AppFormView.vue'

describe('AppFormView', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('showsTheServersFieldErrorBesideItsField', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => problem(400, 'Invalid service', [{ field: 'name', message: 'name is already taken' }])),
		)
		const { wrapper } = await mountWith(AppFormView, { path: '/apps/new' })

		await wrapper.find('[data-test="field-name"]').setValue('hello')
		await wrapper.find('[data-test="field-repoUrl"]').setValue('https://git.example.com/hello.git')
		await wrapper.find('[data-test="app-form"]').trigger('submit')
		await flushPromises()
		await flushPromises()

		const nameItem = wrapper.find('[data-test="item-name"]')
		expect(nameItem.classes()).toContain('is-error')
		// Element Plus shows a form item's message a moment after its state changes
		await vi.waitFor(() => expect(nameItem.find('.el-form-item__error').text()).toBe('name is already taken'))
		expect(wrapper.find('[data-test="item-repoUrl"] .el-form-item__error').exists()).toBe(false)
		// the field error explains it: no general alert
		expect(wrapper.find('[data-test="form-error"]').exists()).toBe(false)
	})

	it('showsTheDetailWhenNoFieldIsToBlame', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => problem(502, 'The Git remote does not answer')))
		const { wrapper } = await mountWith(AppFormView, { path: '/apps/new' })

		await wrapper.find('[data-test="field-name"]').setValue('hello')
		await wrapper.find('[data-test="field-repoUrl"]').setValue('https://git.example.com/hello.git')
		await wrapper.find('[data-test="app-form"]').trigger('submit')
		await flushPromises()
		await flushPromises()

		expect(wrapper.find('[data-test="form-error"]').text()).toContain('The Git remote does not answer')
	})

	it('leavesEmptyOptionalFieldsOutSoTheServerAppliesItsDefaults', async () => {
		const fetch = vi.fn(async () => jsonResponse({ name: 'hello' }, 201))
		vi.stubGlobal('fetch', fetch)
		const { wrapper, router } = await mountWith(AppFormView, { path: '/apps/new' })

		await wrapper.find('[data-test="field-name"]').setValue('hello')
		await wrapper.find('[data-test="field-repoUrl"]').setValue(' https://git.example.com/hello.git ')
		await wrapper.find('[data-test="app-form"]').trigger('submit')
		await flushPromises()
		await flushPromises()

		const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1]
		expect(JSON.parse(init.body as string)).toEqual({ name: 'hello', repoUrl: 'https://git.example.com/hello.git' })
		await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/apps/hello'))
	})

	it('sendsAClearedFieldAsNullOnAnEditBecauseAnUpdateKeepsWhatItLeavesOut', async () => {
		const app = {
			name: 'hello',
			repoUrl: 'https://git.example.com/hello.git',
			buildCommand: 'gradle bootJar',
			artifact: 'build/libs/hello.jar',
			port: 9000,
			healthPath: '/ready',
			jvmOptions: '-Xmx64m',
			buildImage: null,
		}
		const fetch = vi.fn(async () => jsonResponse(app))
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(AppFormView, { path: '/apps/hello/edit', props: { app: 'hello' } })
		await flushPromises()

		await wrapper.find('[data-test="field-jvmOptions"]').setValue('')
		await wrapper.find('[data-test="field-artifact"]').setValue('  ')
		await wrapper.find('[data-test="app-form"]').trigger('submit')
		await flushPromises()
		await flushPromises()

		const put = (fetch.mock.calls as unknown as [string, RequestInit][]).find(([, init]) => init?.method === 'PUT')!
		expect(put[0]).toBe('/api/apps/hello')
		expect(JSON.parse(put[1].body as string)).toEqual({
			name: 'hello',
			repoUrl: 'https://git.example.com/hello.git',
			buildCommand: 'gradle bootJar',
			artifact: null,
			port: 9000,
			healthPath: '/ready',
			jvmOptions: null,
			buildImage: null,
		})
	})
})
