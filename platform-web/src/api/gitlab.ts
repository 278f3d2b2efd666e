import { http, seg } from './http'

export interface Connection {
	id: number
	name: string
	baseUrl: string
	username: string
	createdAt: string
}

export interface Project {
	id: number
	name: string
	pathWithNamespace: string
	httpUrlToRepo: string
	defaultBranch: string | null
	webUrl: string
	/** The service already imported from it. */
	service: string | null
}

export interface ProjectPage {
	items: Project[]
	page: number
	perPage: number
	total: number | null
	totalPages: number | null
}

export interface Imported {
	service: string
	repoUrl: string
	projectId: number
	pathWithNamespace: string
	defaultBranch: string | null
	hookRegistered: boolean
	hookProblem: string | null
}

export interface ProjectQuery {
	search?: string
	group?: string
	page?: number
	perPage?: number
}

function query(q: ProjectQuery): string {
	const params = new URLSearchParams()
	if (q.search) params.set('search', q.search)
	if (q.group) params.set('group', q.group)
	if (q.page) params.set('page', String(q.page))
	if (q.perPage) params.set('perPage', String(q.perPage))
	const s = params.toString()
	return s ? `?${s}` : ''
}

export const gitlabApi = {
	connections: () => http.get<Connection[]>('/api/gitlab/connections'),
	/** The token is sent once and never comes back. */
	create: (name: string, baseUrl: string, token: string) =>
		http.post<Connection>('/api/gitlab/connections', { name, baseUrl, token }),
	check: (id: number) => http.post<Connection>(`/api/gitlab/connections/${seg(id)}/check`),
	remove: (id: number) => http.delete(`/api/gitlab/connections/${seg(id)}`),
	projects: (id: number, q: ProjectQuery) => http.get<ProjectPage>(`/api/gitlab/connections/${seg(id)}/projects${query(q)}`),
	import: (id: number, projects: (string | number)[]) =>
		http.post<Imported[]>(`/api/gitlab/connections/${seg(id)}/imports`, { projects }),
	registerHook: (app: string) => http.post<Imported>(`/api/gitlab/services/${seg(app)}/hook`),
	autoRedeploy: (app: string) => http.get<Record<string, boolean>>(`/api/apps/${seg(app)}/auto-redeploy`),
	setAutoRedeploy: (app: string, changes: Record<string, boolean>) =>
		http.put<Record<string, boolean>>(`/api/apps/${seg(app)}/auto-redeploy`, changes),
}
