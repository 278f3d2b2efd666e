import { http, seg } from './http'

export interface Environment {
	name: string
	order: number
	domain: string
	protected: boolean
	/** null: the platform's runtime; `process`; or a Docker engine URL. */
	runtime?: string | null
	memoryLimitMb?: number | null
	cpuLimit?: number | null
}

/** The body of POST and PUT; left-out fields get the server's defaults. */
/** On an update, a field left out keeps its value and null puts it back to the default. */
export interface EnvironmentInput {
	name: string
	order?: number
	domain?: string | null
	protected?: boolean
	runtime?: string | null
	memoryLimitMb?: number | null
	cpuLimit?: number | null
}

export interface Binding {
	key: string
	/** `******` for a secret: its value is never sent back. */
	value: string
	secret: boolean
	source?: 'environment' | 'service'
}

export interface DiffSide {
	deploymentId: number
	branches: string[]
	commit: string
	buildNumber: number
}

export interface BranchHead {
	branch: string
	commit: string
}

export interface AppDiff {
	app: string
	from: DiffSide | null
	to: DiffSide | null
	onlyInFrom: BranchHead[]
	onlyInTo: BranchHead[]
	same: boolean
}

export interface EnvironmentDiff {
	from: string
	to: string
	apps: AppDiff[]
	bindings: { onlyInFrom: string[]; onlyInTo: string[] }
}

export const environmentsApi = {
	list: () => http.get<Environment[]>('/api/environments'),
	get: (env: string) => http.get<Environment>(`/api/environments/${seg(env)}`),
	create: (input: EnvironmentInput) => http.post<Environment>('/api/environments', input),
	update: (env: string, input: EnvironmentInput) => http.put<Environment>(`/api/environments/${seg(env)}`, input),
	reorder: (names: string[]) => http.put<Environment[]>('/api/environments/order', { names }),
	remove: (env: string) => http.delete(`/api/environments/${seg(env)}`),
	diff: (from: string, to: string) =>
		http.get<EnvironmentDiff>(`/api/environments/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
}

export const bindingsApi = {
	ofEnvironment: (env: string) => http.get<Binding[]>(`/api/environments/${seg(env)}/bindings`),
	putEnvironment: (env: string, key: string, value: string, secret: boolean) =>
		http.put<Binding>(`/api/environments/${seg(env)}/bindings/${seg(key)}`, { value, secret }),
	removeEnvironment: (env: string, key: string) => http.delete(`/api/environments/${seg(env)}/bindings/${seg(key)}`),
	ofService: (app: string, env: string) => http.get<Binding[]>(`/api/apps/${seg(app)}/bindings/${seg(env)}`),
	putService: (app: string, env: string, key: string, value: string, secret: boolean) =>
		http.put<Binding>(`/api/apps/${seg(app)}/bindings/${seg(env)}/${seg(key)}`, { value, secret }),
	removeService: (app: string, env: string, key: string) => http.delete(`/api/apps/${seg(app)}/bindings/${seg(env)}/${seg(key)}`),
}
