import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith } from '@/test/mountWith'
import TokensView from './TokensView.vue'

const existing = { id: 1, name: 'laptop', createdAt: '2026-11-01T10:00:00Z', expiresAt: null, lastUsedAt: null }
const created = { id: 2, name: 'ci-orders', token: 'pat_s3cr3t-0nly-0nce', createdAt: '2026-12-02T10:00:00Z', expiresAt: null }

const inBody = (selector: string) => document.body.querySelector<HTMLElement>(selector)

describe('TokensView', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('showsANewTokenOnceWithACopyButtonAndForgetsItWhenClosed', async () => {
		let tokens = [existing]
		const fetch = vi.fn(async (url: string, init?: RequestInit) => {
			if (url === '/api/tokens' && init?.method === 'POST') {
				tokens = [...tokens, { ...created, lastUsedAt: null } as never]
				return jsonResponse(created, 201)
			}
			return jsonResponse(tokens)
		})
		vi.stubGlobal('fetch', fetch)
		const writeText = vi.fn(async () => {})
		vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
		const { wrapper } = await mountWith(TokensView, { path: '/tokens' })
		await flushPromises()
		expect(wrapper.find('[data-test="token-last-used"]').text()).toBe('never')
		expect(wrapper.find('[data-test="token-expires"]').text()).toBe('never expires')

		await wrapper.find('[data-test="token-new"]').trigger('click')
		await flushPromises()
		const name = inBody('[data-test="token-field-name"] input, input[data-test="token-field-name"]') as HTMLInputElement
		name.value = 'ci-orders'
		name.dispatchEvent(new Event('input'))
		inBody('[data-test="token-form"]')!.dispatchEvent(new Event('submit'))
		await flushPromises()

		const post = (fetch.mock.calls as unknown as [string, RequestInit][]).find(([, init]) => init?.method === 'POST')!
		expect(JSON.parse(post[1].body as string)).toEqual({ name: 'ci-orders' })
		await vi.waitFor(() => expect(inBody('[data-test="token-once"]')?.textContent).toContain('it cannot be shown again'))
		const secret = inBody('input[data-test="token-secret"], [data-test="token-secret"] input') as HTMLInputElement
		expect(secret.value).toBe('pat_s3cr3t-0nly-0nce')
		expect(secret.readOnly).toBe(true)

		inBody('[data-test="token-copy"]')!.click()
		await flushPromises()
		expect(writeText).toHaveBeenCalledWith('pat_s3cr3t-0nly-0nce')
		expect(inBody('[data-test="token-copy"]')!.textContent).toContain('Copied')

		inBody('[data-test="token-done"]')!.click()
		await flushPromises()
		await vi.waitFor(() => expect(document.body.innerHTML).not.toContain('pat_s3cr3t-0nly-0nce'))
		// the list shows the new token by its name only
		expect(wrapper.findAll('[data-test="token-name"]').map((n) => n.text())).toEqual(['laptop', 'ci-orders'])
	})

	it('sendsTheEndOfTheChosenDayAsTheExpiry', async () => {
		const fetch = vi.fn(async (_url: string, init?: RequestInit) => (init?.method === 'POST' ? jsonResponse(created, 201) : jsonResponse([])))
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(TokensView, { path: '/tokens' })
		await flushPromises()

		await wrapper.find('[data-test="token-new"]').trigger('click')
		await flushPromises()
		const vm = wrapper.vm as unknown as { name: string; expiry: Date | null }
		vm.name = 'ci'
		vm.expiry = new Date(2030, 0, 15)
		inBody('[data-test="token-form"]')!.dispatchEvent(new Event('submit'))
		await flushPromises()

		const post = (fetch.mock.calls as unknown as [string, RequestInit][]).find(([, init]) => init?.method === 'POST')!
		expect(JSON.parse(post[1].body as string)).toEqual({ name: 'ci', expiresAt: new Date(2030, 0, 15, 23, 59, 59).toISOString() })
	})
})
