import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import { http } from '@/api/http'
import { useSessionStore } from '@/stores/session'
import { jsonResponse, problem } from '@/test/mountWith'
import { adminUser } from '@/test/session'
import { installSessionGuard, safeRedirect } from './guard'
import { createAppRouter } from './index'

function setUp(session: (url: string) => Response) {
	const fetch = vi.fn(async (url: string) => (url.startsWith('/api/session') ? session(url) : jsonResponse([])))
	vi.stubGlobal('fetch', fetch)
	const pinia = createPinia()
	setActivePinia(pinia)
	const router = createAppRouter(createMemoryHistory())
	const stop = installSessionGuard(router, pinia)
	return { fetch, router, pinia, stop }
}

describe('session guard', () => {
	let stop = () => {}
	afterEach(() => {
		stop()
		vi.unstubAllGlobals()
	})

	it('sendsAVisitorWithoutASessionToTheSignInPageWithTheWayBack', async () => {
		const s = setUp(() => problem(401, 'Full authentication is required'))
		stop = s.stop

		await s.router.push('/apps/orders?env=test')

		expect(s.router.currentRoute.value.name).toBe('signin')
		expect(s.router.currentRoute.value.query.redirect).toBe('/apps/orders?env=test')
	})

	it('readsTheCurrentUserOnceAndLetsThemIn', async () => {
		const s = setUp(() => jsonResponse(adminUser))
		stop = s.stop

		await s.router.push('/apps')
		await s.router.push('/environments')

		expect(s.router.currentRoute.value.path).toBe('/environments')
		expect(s.fetch.mock.calls.filter(([url]) => url === '/api/session')).toHaveLength(1)
		expect(useSessionStore(s.pinia).user?.username).toBe('admin')
	})

	it('aSignedInUserOpeningTheSignInPageGoesWhereTheyWereGoing', async () => {
		const s = setUp(() => jsonResponse(adminUser))
		stop = s.stop

		await s.router.push('/signin?redirect=/gitlab')

		expect(s.router.currentRoute.value.path).toBe('/gitlab')
	})

	it('aCallThatFindsTheSessionGoneOpensTheSignInPageFromWhereTheUserWas', async () => {
		let signedIn = true
		const s = setUp(() => (signedIn ? jsonResponse(adminUser) : problem(401, 'no session')))
		stop = s.stop
		await s.router.push('/deployments/7?tab=logs')
		vi.stubGlobal('fetch', vi.fn(async () => problem(401, 'Full authentication is required')))
		signedIn = false

		await http.get('/api/deployments/7').catch(() => {})
		await vi.waitFor(() => expect(s.router.currentRoute.value.name).toBe('signin'))

		expect(s.router.currentRoute.value.query.redirect).toBe('/deployments/7?tab=logs')
		expect(useSessionStore(s.pinia).user).toBeNull()
	})

	it('returnsOnlyToPathsOfThisApp', () => {
		expect(safeRedirect('/apps/orders?env=test')).toBe('/apps/orders?env=test')
		expect(safeRedirect('https://evil.example.com/')).toBe('/')
		expect(safeRedirect('//evil.example.com/')).toBe('/')
		expect(safeRedirect('/\\evil.example.com')).toBe('/')
		expect(safeRedirect(undefined)).toBe('/')
	})
})
