import { expect, type APIRequestContext, type BrowserContext, type Page, type PlaywrightWorkerArgs, type Response } from '@playwright/test'

export interface Credentials {
	username: string
	password: string
}

/** Spring Security's cookie convention, as the UI follows it: a write sends the cookie's value back in the header. */
export const XSRF_COOKIE = 'XSRF-TOKEN'
export const XSRF_HEADER = 'X-XSRF-TOKEN'

/** Signs in the way a person does: the sign-in page, the form, the header naming them. Lands on the overview. */
export async function signIn(page: Page, user: Credentials) {
	await page.goto('/signin')
	const answer = await submitSignIn(page, user)
	expect(answer.status(), `signing in as ${user.username}`).toBe(200)
	await expect(page.getByTestId('user-menu')).toHaveAttribute('title', user.username)
}

/** Fills in and sends the sign-in form the page shows; answers the server's response to it. */
export async function submitSignIn(page: Page, user: Credentials): Promise<Response> {
	await page.getByTestId('signin-username').fill(user.username)
	await page.getByTestId('signin-password').fill(user.password)
	const [answer] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/session'),
		page.getByTestId('signin-submit').click(),
	])
	return answer
}

/**
 * Signs the browser in through the API, for a test whose subject is another page: `page.request` shares
 * the browser context's cookies, so the session cookie it gets is the page's too.
 */
export async function signInThroughApi(page: Page, user: Credentials) {
	const answer = await page.request.post('/api/session', { data: user })
	expect(answer.status(), await answer.text()).toBe(200)
}

/** The header a write in this session must carry, from the session's XSRF-TOKEN cookie. */
export async function xsrfHeader(session: APIRequestContext | BrowserContext): Promise<Record<string, string>> {
	const cookie = (await session.storageState()).cookies.find((c) => c.name === XSRF_COOKIE)
	expect(cookie, `no ${XSRF_COOKIE} cookie: not signed in?`).toBeTruthy()
	return { [XSRF_HEADER]: decodeURIComponent(cookie!.value) }
}

/** An API client of its own, signed in as `user` (a session, so writes need the XSRF header). */
export async function signedInApi(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string, user: Credentials) {
	const api = await playwright.request.newContext({ baseURL })
	const answer = await api.post('/api/session', { data: user })
	expect(answer.status(), `signing in as ${user.username}: ${await answer.text()}`).toBe(200)
	return api
}

/** A personal access token of the session's user, for calls without a session. */
export async function createToken(session: APIRequestContext, name: string): Promise<string> {
	const answer = await session.post('/api/tokens', { data: { name }, headers: await xsrfHeader(session) })
	expect(answer.status(), await answer.text()).toBe(201)
	return ((await answer.json()) as { token: string }).token
}
