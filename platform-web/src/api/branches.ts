import { http, seg } from './http'

export interface Branch {
	name: string
	commit: string
	message: string
	author: string
	committedAt: string
	/** From GitLab; null for plain Git repositories. */
	protected?: boolean | null
	default?: boolean | null
	merged?: boolean | null
}

/** One page of branches; `total` and `totalPages` are null when the provider does not count. */
export interface BranchPage {
	items: Branch[]
	page: number
	perPage: number
	total: number | null
	totalPages: number | null
}

const count = (h: Headers, name: string) => {
	const v = h.get(name)
	return v === null || v === '' || Number.isNaN(Number(v)) ? null : Number(v)
}

export const branchesApi = {
	list: (app: string) => http.get<Branch[]>(`/api/apps/${seg(app)}/branches`),
	/** One page of the branches whose name contains `search` (any case); the counts come in headers. */
	page: async (app: string, q: { search?: string; page: number; perPage: number }): Promise<BranchPage> => {
		const params = new URLSearchParams()
		if (q.search) params.set('search', q.search)
		params.set('page', String(q.page))
		params.set('perPage', String(q.perPage))
		const { body, headers } = await http.getWithHeaders<Branch[]>(`/api/apps/${seg(app)}/branches?${params}`)
		return {
			items: body ?? [],
			page: count(headers, 'X-Page') ?? q.page,
			perPage: count(headers, 'X-Per-Page') ?? q.perPage,
			total: count(headers, 'X-Total'),
			totalPages: count(headers, 'X-Total-Pages'),
		}
	},
	/** `from` is a branch, a tag or a commit. */
	create: (app: string, name: string, from: string) =>
		http.post<Branch>(`/api/apps/${seg(app)}/branches`, { name, from }),
}
