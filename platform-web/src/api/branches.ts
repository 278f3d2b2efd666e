import { http, seg } from './http'

export interface Branch {
	name: string
	commit: string
	message: string
	author: string
	committedAt: string
}

export const branchesApi = {
	list: (app: string) => http.get<Branch[]>(`/api/apps/${seg(app)}/branches`),
	/** `from` is a branch, a tag or a commit. */
	create: (app: string, name: string, from: string) =>
		http.post<Branch>(`/api/apps/${seg(app)}/branches`, { name, from }),
}
