import { http, seg } from './http'

export interface App {
	name: string
	repoUrl: string
	buildCommand: string
	buildArgs?: string[]
	artifact: string | null
	port: number
	healthPath: string
	jvmOptions: string | null
	createdAt: string
	updatedAt: string
}

/** The body of POST and PUT: everything but name and repoUrl may be left out for the server's default. */
/** On an update, a field left out keeps its value and null puts it back to the default. */
export interface AppInput {
	name: string
	repoUrl: string
	buildCommand?: string | null
	artifact?: string | null
	port?: number | null
	healthPath?: string | null
	jvmOptions?: string | null
}

export const appsApi = {
	list: () => http.get<App[]>('/api/apps'),
	get: (app: string) => http.get<App>(`/api/apps/${seg(app)}`),
	create: (input: AppInput) => http.post<App>('/api/apps', input),
	update: (app: string, input: AppInput) => http.put<App>(`/api/apps/${seg(app)}`, input),
	remove: (app: string) => http.delete(`/api/apps/${seg(app)}`),
}
