import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useSessionStore } from '@/stores/session'
import { jsonResponse, mountWith, problem } from '@/test/mountWith'
import { member } from '@/test/session'
import SignInView from './SignInView.vue'

const providers = (oidc: { id: string; name: string; loginUrl: string }[] = []) => jsonResponse({ password: true, ldap: false, oidc })

async function signIn(wrapper: Awaited<ReturnType<typeof mountWith>>['wrapper'], username: string, password: string) {
	await wrapper.find('input[data-test="signin-username"]').setValue(username)
	await wrapper.find('input[data-test="signin-password"]').setValue(password)
	await wrapper.find('[data-test="signin-form"]').trigger('submit')
	await flushPromises()
}

describe('SignInView', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		sessionStorage.clear()
		document.body.innerHTML = ''
	})

	it('showsTheServersDetailWhenTheCredentialsAreRefused', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async (url: string, init?: RequestInit) =>
				url === '/api/session' && init?.method === 'POST' ? problem(401, 'Bad credentials') : providers(),
			),
		)
		const { wrapper, router } = await mountWith(SignInView, { path: '/signin?redirect=/apps', user: null })
		await flushPromises()

		await signIn(wrapper, 'dev', 'wrong-password')

		expect(wrapper.find('[data-test="signin-error"]').text()).toContain('Bad credentials')
		expect(router.currentRoute.value.path).toBe('/signin')
		// the refused password does not stay in the field
		expect((wrapper.find('input[data-test="signin-password"]').element as HTMLInputElement).value).toBe('')
	})

	it('saysHowLongToWaitWhenSignInIsThrottled', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async (url: string, init?: RequestInit) =>
				url === '/api/session' && init?.method === 'POST'
					? new Response(JSON.stringify({ status: 429, detail: 'Too many failed sign-ins for dev' }), {
							status: 429,
							headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' },
						})
					: providers(),
			),
		)
		const { wrapper } = await mountWith(SignInView, { path: '/signin', user: null })
		await flushPromises()

		await signIn(wrapper, 'dev', 'wrong-password')

		expect(wrapper.find('[data-test="signin-error"]').text()).toContain('Too many failed sign-ins for dev')
		expect(wrapper.find('[data-test="signin-wait"]').text()).toBe('Try again in 30 s.')
		expect(wrapper.find('[data-test="signin-submit"]').attributes('disabled')).toBeDefined()
	})

	it('returnsToThePageAskedForOnceSignedIn', async () => {
		const user = member({ orders: 'DEVELOPER' })
		const fetch = vi.fn(async (url: string, init?: RequestInit) =>
			url === '/api/session' && init?.method === 'POST' ? jsonResponse(user) : url === '/api/session/providers' ? providers() : jsonResponse([]),
		)
		vi.stubGlobal('fetch', fetch)
		const { wrapper, router } = await mountWith(SignInView, { path: '/signin?redirect=%2Fapps%2Forders%3Fenv%3Dtest', user: null })
		await flushPromises()

		await signIn(wrapper, ' dev ', 'correct horse battery')

		const post = (fetch.mock.calls as unknown as [string, RequestInit][]).find(([, init]) => init?.method === 'POST')!
		expect(JSON.parse(post[1].body as string)).toEqual({ username: 'dev', password: 'correct horse battery' })
		// the page asked for is loaded on demand: it takes a moment
		await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/apps/orders?env=test'), { timeout: 5000 })
		expect(useSessionStore().user?.username).toBe('dev')
	})

	it('offersEachSingleSignOnProviderAndOpensItsPage', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => providers([{ id: 'company', name: 'Company SSO', loginUrl: '/oauth2/authorization/company' }])))
		const assign = vi.fn()
		vi.stubGlobal('location', { ...window.location, assign })
		const { wrapper } = await mountWith(SignInView, { path: '/signin?redirect=/gitlab', user: null })
		await flushPromises()

		const button = wrapper.find('[data-test="signin-oidc-company"]')
		expect(button.text()).toBe('Sign in with Company SSO')
		await button.trigger('click')

		expect(assign).toHaveBeenCalledWith('/oauth2/authorization/company')
		expect(sessionStorage.getItem('platform.signin.return')).toBe('/gitlab')
	})

	it('saysWhenTheProviderSignInFailed', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => providers()))
		const { wrapper } = await mountWith(SignInView, { path: '/signin?error=oidc', user: null, locale: 'zh-CN' })
		await flushPromises()

		expect(wrapper.find('[data-test="signin-notice"]').text()).toContain('通过身份提供方登录失败')
	})
})
