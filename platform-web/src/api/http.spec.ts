import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, problem } from '@/test/mountWith'
import { ApiError, http } from './http'

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
})
