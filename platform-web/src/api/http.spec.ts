import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, problem } from '@/test/mountWith'
import { ApiError, http, onUnauthorized } from './http'

/** The error a call fails with. */
async function failure(call: Promise<unknown>): Promise<ApiError> {
	try {
		await call
	} catch (e) {
		return e as ApiError
	}
	throw new Error('the call succeeded')
}

describe('http', () => {
	afterEach(() => vi.unstubAllGlobals())

	it('turnsAProblemIntoAnErrorWithDetailAndFieldErrors', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () =>
				problem(400, 'The service cannot be registered', [
					{ field: 'name', message: 'must be lower-case letters, digits and dashes' },
					{ field: 'port', message: 'must be between 1 and 65535' },
				]),
			),
		)

		const error = await failure(http.post('/api/apps', { name: 'Bad Name' }))

		expect(error).toBeInstanceOf(ApiError)
		expect(error.status).toBe(400)
		expect(error.detail).toBe('The service cannot be registered')
		expect(error.message).toBe('The service cannot be registered')
		expect(error.errors).toHaveLength(2)
		expect(error.fieldErrors).toEqual({
			name: 'must be lower-case letters, digits and dashes',
			port: 'must be between 1 and 65535',
		})
	})

	it('usesTheStatusLineWhenTheAnswerIsNotAProblem', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' })))

		const error = await failure(http.get('/api/overview'))

		expect(error).toBeInstanceOf(ApiError)
		expect(error.detail).toBe('502 Bad Gateway')
		expect(error.errors).toEqual([])
	})

	it('reportsAnUnreachableServerAsStatusZero', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))

		const error = await failure(http.get('/api/apps'))

		expect(error.status).toBe(0)
		expect(error.detail).toContain('Failed to fetch')
	})

	it('sendsJsonAndReadsJson', async () => {
		const fetch = vi.fn(async () => jsonResponse({ name: 'hello' }, 201))
		vi.stubGlobal('fetch', fetch)

		const app = await http.post<{ name: string }>('/api/apps', { name: 'hello' })

		expect(app.name).toBe('hello')
		const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
		expect(url).toBe('/api/apps')
		expect(init.method).toBe('POST')
		expect(init.body).toBe('{"name":"hello"}')
		expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json')
	})

	it('answersNothingFor204', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })))

		await expect(http.delete('/api/apps/hello')).resolves.toBeUndefined()
	})

	describe('csrf', () => {
		const setCookie = (value: string) => (document.cookie = `XSRF-TOKEN=${value}; path=/`)
		afterEach(() => (document.cookie = 'XSRF-TOKEN=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT'))
		const sent = (fetch: ReturnType<typeof vi.fn>) =>
			(fetch.mock.calls as unknown as [string, RequestInit][]).map(([url, init]) => ({
				url,
				method: init.method,
				token: (init.headers as Record<string, string>)['X-XSRF-TOKEN'],
				credentials: init.credentials,
			}))

		it('sendsTheTokenFromTheCookieOnWritesOnly', async () => {
			const fetch = vi.fn(async () => jsonResponse({}))
			vi.stubGlobal('fetch', fetch)
			setCookie('t-1')

			await http.get('/api/apps')
			await http.post('/api/apps', { name: 'a' })
			await http.put('/api/apps/a', { name: 'a' })
			await http.patch('/api/apps/a', {})
			await http.delete('/api/apps/a')

			expect(sent(fetch)).toEqual([
				{ url: '/api/apps', method: 'GET', token: undefined, credentials: 'same-origin' },
				{ url: '/api/apps', method: 'POST', token: 't-1', credentials: 'same-origin' },
				{ url: '/api/apps/a', method: 'PUT', token: 't-1', credentials: 'same-origin' },
				{ url: '/api/apps/a', method: 'PATCH', token: 't-1', credentials: 'same-origin' },
				{ url: '/api/apps/a', method: 'DELETE', token: 't-1', credentials: 'same-origin' },
			])
		})

		it('readsTheCookieAgainAtEachCallBecauseSignInChangesIt', async () => {
			const fetch = vi.fn(async () => jsonResponse({}))
			vi.stubGlobal('fetch', fetch)

			setCookie('before')
			await http.post('/api/session', { username: 'u', password: 'p' })
			setCookie('after%3D%3D') // the server may URL-encode it
			await http.post('/api/apps', {})

			expect(sent(fetch).map((c) => c.token)).toEqual(['before', 'after=='])
		})
	})

	describe('unauthorized', () => {
		let stop: () => void = () => {}
		afterEach(() => stop())

		it('tellsTheHandlerWhenACallFindsNoSession', async () => {
			const heard: number[] = []
			stop = onUnauthorized((e) => heard.push(e.status))
			vi.stubGlobal('fetch', vi.fn(async () => problem(401, 'Full authentication is required')))

			const error = await failure(http.get('/api/apps'))

			expect(error.status).toBe(401)
			expect(heard).toEqual([401])
		})

		it('leavesTheSessionCallsToTheirCallers', async () => {
			const heard: number[] = []
			stop = onUnauthorized((e) => heard.push(e.status))
			vi.stubGlobal('fetch', vi.fn(async () => problem(401, 'Bad credentials')))

			await failure(http.get('/api/session'))
			await failure(http.post('/api/session', { username: 'u', password: 'wrong' }))
			await failure(http.put('/api/session/password', {}))

			expect(heard).toEqual([])
		})

		it('doesNotTreatAForbiddenCallAsALostSession', async () => {
			const heard: number[] = []
			stop = onUnauthorized((e) => heard.push(e.status))
			vi.stubGlobal('fetch', vi.fn(async () => problem(403, 'Needs the OWNER role on orders')))

			const error = await failure(http.delete('/api/apps/orders'))

			expect(error.detail).toBe('Needs the OWNER role on orders')
			expect(heard).toEqual([])
		})
	})

	it('readsRetryAfterOfAThrottledCall', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async () => new Response(JSON.stringify({ status: 429, detail: 'Too many failed sign-ins' }), { status: 429, headers: { 'Retry-After': '30' } })),
		)

		const error = await failure(http.post('/api/session', {}))

		expect(error.status).toBe(429)
		expect(error.retryAfter).toBe(30)
		expect(error.detail).toBe('Too many failed sign-ins')
	})
})
