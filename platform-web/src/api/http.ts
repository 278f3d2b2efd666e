/** A field the server refused, from the `errors` member of a problem detail. */
export interface FieldError {
	field: string
	message: string
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
	type?: string
	title?: string
	status?: number
	detail?: string
	instance?: string
	errors?: FieldError[]
}

/**
 * An answer that was not a success. `detail` is always something a person can read: the problem's
 * detail, else its title, else the HTTP status line. `status` is 0 when the server could not be reached.
 */
export class ApiError extends Error {
	readonly status: number
	readonly detail: string
	readonly title?: string
	readonly type?: string
	readonly errors: FieldError[]
	/** Seconds to wait before trying again, from a 429's `Retry-After`. */
	readonly retryAfter?: number

	constructor(status: number, problem: Problem, fallback: string, retryAfter?: number) {
		const detail = problem.detail || problem.title || fallback
		super(detail)
		this.name = 'ApiError'
		this.status = status
		this.detail = detail
		this.title = problem.title
		this.type = problem.type
		this.errors = Array.isArray(problem.errors) ? problem.errors : []
		this.retryAfter = retryAfter
	}

	/** The first message per field, for forms. */
	get fieldErrors(): Record<string, string> {
		const byField: Record<string, string> = {}
		for (const e of this.errors) {
			if (e.field && !(e.field in byField)) byField[e.field] = e.message
		}
		return byField
	}
}

export function isApiError(e: unknown): e is ApiError {
	return e instanceof ApiError
}

/** What a person should read about any error thrown by a call. */
export function errorDetail(e: unknown): string {
	if (e instanceof ApiError) return e.detail
	if (e instanceof Error) return e.message
	return String(e)
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Spring Security's cookie convention: the server sets this cookie, a write sends its value back in the header. */
export const XSRF_COOKIE = 'XSRF-TOKEN'
export const XSRF_HEADER = 'X-XSRF-TOKEN'

/** The CSRF token as the cookie holds it now: it changes when the user signs in or out, so it is read at each call. */
export function xsrfToken(): string | null {
	if (typeof document === 'undefined') return null
	for (const part of document.cookie.split(';')) {
		const eq = part.indexOf('=')
		if (eq < 0 || part.slice(0, eq).trim() !== XSRF_COOKIE) continue
		const value = part.slice(eq + 1).trim()
		try {
			return decodeURIComponent(value)
		} catch {
			return value
		}
	}
	return null
}

type UnauthorizedHandler = (error: ApiError) => void
let unauthorized: UnauthorizedHandler | null = null

/**
 * Who hears that a call found no signed-in session (the router, which opens the sign-in page).
 * The session's own calls are left out: a 401 there is an answer (wrong password, nobody signed in).
 * Answers a function that removes the handler.
 */
export function onUnauthorized(handler: UnauthorizedHandler): () => void {
	unauthorized = handler
	return () => {
		if (unauthorized === handler) unauthorized = null
	}
}

const isSessionCall = (url: string) => /^\/api\/session(\/|$)/.test(new URL(url, 'http://localhost').pathname)

async function send(method: Method, url: string, body: unknown, accept: string): Promise<{ res: Response; text: string }> {
	const headers: Record<string, string> = { Accept: `${accept}, application/problem+json` }
	const init: RequestInit = { method, headers, credentials: 'same-origin' }
	if (method !== 'GET') {
		const token = xsrfToken()
		if (token) headers[XSRF_HEADER] = token
	}
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json'
		init.body = JSON.stringify(body)
	}
	let res: Response
	try {
		res = await fetch(url, init)
	} catch (e) {
		throw new ApiError(0, {}, `Cannot reach the server (${e instanceof Error ? e.message : String(e)})`)
	}
	const text = await res.text()
	if (!res.ok) {
		const error = new ApiError(res.status, parseProblem(text), `${res.status} ${res.statusText || 'error'}`.trim(), retryAfter(res.headers))
		if (res.status === 401 && !isSessionCall(url)) unauthorized?.(error)
		throw error
	}
	return { res, text }
}

/** `Retry-After` in seconds (an HTTP date is turned into the seconds until then). */
function retryAfter(headers: Headers): number | undefined {
	const value = headers.get('Retry-After')
	if (!value) return undefined
	const seconds = Number(value)
	if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
	const at = Date.parse(value)
	return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

async function request<T>(method: Method, url: string, body?: unknown, accept = 'application/json'): Promise<T> {
	const { res, text } = await send(method, url, body, accept)
	if (accept !== 'application/json') return text as T
	if (res.status === 204 || text === '') return undefined as T
	return JSON.parse(text) as T
}

/** A JSON answer with its headers (paging counts travel in headers). */
async function withHeaders<T>(url: string): Promise<{ body: T; headers: Headers }> {
	const { res, text } = await send('GET', url, undefined, 'application/json')
	return { body: (text === '' ? undefined : JSON.parse(text)) as T, headers: res.headers }
}

function parseProblem(text: string): Problem {
	if (!text) return {}
	try {
		const parsed: unknown = JSON.parse(text)
		return parsed && typeof parsed === 'object' ? (parsed as Problem) : {}
	} catch {
		// an HTML error page from a proxy, say: not a problem document
		return {}
	}
}

export const http = {
	get: <T>(url: string) => request<T>('GET', url),
	getWithHeaders: <T>(url: string) => withHeaders<T>(url),
	text: (url: string) => request<string>('GET', url, undefined, 'text/plain'),
	post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
	put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
	patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, body),
	delete: (url: string) => request<void>('DELETE', url),
}

/** Encodes one path segment (a branch may hold slashes, an app name anything the server allows). */
export const seg = (s: string | number) => encodeURIComponent(String(s))
