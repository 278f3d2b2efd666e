import { http, seg } from './http'

export type DeploymentStatus =
	| 'QUEUED'
	| 'BUILDING'
	| 'STARTING'
	| 'RUNNING'
	| 'SUPERSEDED'
	| 'FAILED'
	| 'CANCELLED'

export type StepName = 'checkout' | 'merge' | 'build' | 'image' | 'start' | 'health' | 'switch'

export type StepStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | 'CANCELLED'

export interface Step {
	name: StepName | string
	status: StepStatus
	startedAt: string | null
	finishedAt: string | null
	message: string | null
}

export interface Deployment {
	id: number
	app: string
	env: string
	kind: 'DEPLOY' | 'REDEPLOY' | 'ROLLBACK'
	sourceId: number | null
	branches: string[]
	heads: { branch: string; commit: string }[]
	commit: string | null
	buildNumber: number | null
	image: string | null
	status: DeploymentStatus
	step: StepName | string | null
	url: string | null
	error: string | null
	createdAt: string
	startedAt: string | null
	finishedAt: string | null
	steps: Step[]
}

/** Statuses of a deployment that is still moving: it can be cancelled, and its page follows it. */
export const ACTIVE_STATUSES: readonly DeploymentStatus[] = ['QUEUED', 'BUILDING', 'STARTING']

export const isActive = (status: DeploymentStatus) => ACTIVE_STATUSES.includes(status)

/** A rollback runs an earlier image again: only a deployment that once ran and no longer does has one worth returning to. */
export const canRollBack = (d: Pick<Deployment, 'status' | 'image'>) => d.status === 'SUPERSEDED' && !!d.image

export const deploymentsApi = {
	start: (app: string, env: string, branches: string[]) =>
		http.post<Deployment>(`/api/apps/${seg(app)}/deployments`, { env, branches }),
	history: (app: string, env?: string) =>
		http.get<Deployment[]>(`/api/apps/${seg(app)}/deployments${env ? `?env=${seg(env)}` : ''}`),
	get: (id: number | string) => http.get<Deployment>(`/api/deployments/${seg(id)}`),
	redeploy: (id: number | string) => http.post<Deployment>(`/api/deployments/${seg(id)}/redeploy`),
	rollback: (id: number | string) => http.post<Deployment>(`/api/deployments/${seg(id)}/rollback`),
	cancel: (id: number | string) => http.post<Deployment>(`/api/deployments/${seg(id)}/cancel`),
	/** The whole log so far, as text. */
	log: (id: number | string) => http.text(`/api/deployments/${seg(id)}/log`),
	/** The live log (server-sent events `log`, `status`, `end`). */
	logStreamUrl: (id: number | string) => `/api/deployments/${seg(id)}/log`,
}
