import { http, seg } from './http'

/** Minimum levels the log search accepts; a line of an unknown level (plain output) has `UNKNOWN`. */
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** One line a running app wrote, as the log store keeps it. */
export interface AppLogLine {
	timestamp: string
	level: LogLevel | 'UNKNOWN' | string
	logger: string | null
	message: string
	traceId: string | null
	service: string | null
	env: string | null
	deploymentId: string | null
	instance: string | null
}

/** What to search a deployment's log lines for; empty values are left out of the request. */
export interface LogSearch {
	q?: string
	level?: LogLevel | ''
	traceId?: string
	/** ISO-8601 instants; `from` inclusive, `to` exclusive. */
	from?: string | null
	to?: string | null
	limit?: number
	cursor?: string | null
}

export interface LogPage {
	lines: AppLogLine[]
	/** Pass back as `cursor` for the next (older) page; null on the last page. */
	nextCursor: string | null
}

export interface Observability {
	tracing: { enabled: boolean; service: string | null; instance: string | null; reason: string | null }
	links: { skywalking: string | null; kibana: string | null }
}

export interface TraceSummary {
	traceId: string
	segmentId: string
	endpoint: string
	durationMs: number
	start: string
	error: boolean
}

export interface SpanRef {
	parentSegmentId: string
	parentSpanId: number
	type: string
}

export interface KeyValue {
	key: string
	value: string
}

export interface Span {
	segmentId: string
	spanId: number
	/** -1 for the first span of a segment. */
	parentSpanId: number
	refs: SpanRef[]
	service: string
	instance: string | null
	start: string
	end: string
	endpoint: string | null
	type: 'Entry' | 'Exit' | 'Local' | string
	peer: string | null
	component: string | null
	error: boolean
	layer: string | null
	tags: KeyValue[]
	logs: { time: string; data: KeyValue[] }[]
}

export interface Trace {
	traceId: string
	spans: Span[]
}

/** The query string of a log search, without the empty criteria. */
export function logSearchParams(s: LogSearch): URLSearchParams {
	const params = new URLSearchParams()
	const put = (key: string, value: string | number | null | undefined) => {
		const v = typeof value === 'string' ? value.trim() : value
		if (v !== undefined && v !== null && v !== '') params.set(key, String(v))
	}
	put('q', s.q)
	put('level', s.level)
	put('traceId', s.traceId)
	put('from', s.from)
	put('to', s.to)
	put('limit', s.limit)
	put('cursor', s.cursor)
	return params
}

const withQuery = (path: string, params: URLSearchParams) => {
	const query = params.toString()
	return query ? `${path}?${query}` : path
}

export const observabilityApi = {
	/** Deep links and whether tracing is on for the deployment's environment. */
	get: (id: number | string) => http.get<Observability>(`/api/deployments/${seg(id)}/observability`),

	/** A page of the deployment's app log lines, newest first; a bad `q` fails with 400 and a detail naming the position. */
	logs: async (id: number | string, search: LogSearch): Promise<LogPage> => {
		const { body, headers } = await http.getWithHeaders<AppLogLine[]>(withQuery(`/api/deployments/${seg(id)}/logs`, logSearchParams(search)))
		return { lines: body ?? [], nextCursor: headers.get('X-Next-Cursor') || null }
	},

	/** The live tail (server-sent events named `line`), for EventSource; the query, level and trace id apply. */
	logStreamUrl: (id: number | string, filter: { q?: string; level?: LogLevel | ''; traceId?: string } = {}) =>
		withQuery(`/api/deployments/${seg(id)}/logs`, logSearchParams({ q: filter.q, level: filter.level, traceId: filter.traceId })),

	/** The deployment's traces: errors first, then newest first. 409 when tracing is off, 502 when the OAP is down. */
	traces: (id: number | string, q: { errorsOnly?: boolean; limit?: number } = {}) =>
		http.get<TraceSummary[]>(`/api/deployments/${seg(id)}/traces?errorsOnly=${q.errorsOnly === true}&limit=${q.limit ?? 50}`),

	/** Every span of a trace; 404 when the OAP does not know it. */
	trace: (traceId: string, env?: string) => http.get<Trace>(withQuery(`/api/traces/${seg(traceId)}`, envParam(env))),

	/** The log lines written under a trace, across services. */
	traceLogs: (traceId: string, env?: string, limit = 200) => {
		const params = envParam(env)
		params.set('limit', String(limit))
		return http.get<AppLogLine[]>(withQuery(`/api/traces/${seg(traceId)}/logs`, params))
	},
}

function envParam(env: string | undefined) {
	const params = new URLSearchParams()
	if (env) params.set('env', env)
	return params
}
