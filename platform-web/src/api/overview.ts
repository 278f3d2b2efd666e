import type { DeploymentStatus } from './deployments'
import { http } from './http'

export interface Summary {
	id: number
	branches: string[]
	commit: string | null
	buildNumber: number | null
	status: DeploymentStatus
	step: string | null
	url: string | null
	since: string
}

export interface Cell {
	/** the deployment serving there now */
	running: Summary | null
	/** one in progress (queued, building, starting) */
	active: Summary | null
}

export interface Overview {
	environments: string[]
	apps: { app: string; cells: Record<string, Cell> }[]
}

export const overviewApi = {
	get: () => http.get<Overview>('/api/overview'),
}
