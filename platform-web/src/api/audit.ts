import { http } from './http'

export type Outcome = 'SUCCESS' | 'DENIED' | 'FAILED'

export const OUTCOMES: readonly Outcome[] = ['SUCCESS', 'DENIED', 'FAILED']

export interface AuditEvent {
	id: number
	at: string
	actor: string
	/** `deployment.start`, `session.signIn`, `binding.put`, `application.create`... */
	action: string
	target: string
	app: string | null
	env: string | null
	outcome: Outcome
	detail: string | null
	remoteAddress: string
}

export interface AuditQuery {
	actor?: string
	app?: string
	env?: string
	action?: string
	outcome?: Outcome
	/** ISO-8601 instants */
	from?: string
	to?: string
	limit?: number
}

export function auditParams(q: AuditQuery): string {
	const params = new URLSearchParams()
	for (const key of ['actor', 'app', 'env', 'action', 'outcome', 'from', 'to'] as const) {
		const v = q[key]?.trim()
		if (v) params.set(key, v)
	}
	if (q.limit) params.set('limit', String(q.limit))
	const s = params.toString()
	return s ? `?${s}` : ''
}

export const auditApi = {
	/** Newest first. An admin reads everything; a service's owner only with `app` set to that service. */
	list: (q: AuditQuery) => http.get<AuditEvent[]>(`/api/audit${auditParams(q)}`),
}
