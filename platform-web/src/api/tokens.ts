import { http, seg } from './http'

export interface AccessToken {
	id: number
	name: string
	createdAt: string
	expiresAt: string | null
	lastUsedAt: string | null
}

/** The answer to a creation: the only time the secret `token` is ever sent. */
export interface CreatedToken {
	id: number
	name: string
	token: string
	createdAt: string
	expiresAt: string | null
}

export const tokensApi = {
	list: () => http.get<AccessToken[]>('/api/tokens'),
	/** `expiresAt`: an ISO-8601 instant; left out, the token does not expire. */
	create: (name: string, expiresAt?: string | null) =>
		http.post<CreatedToken>('/api/tokens', expiresAt ? { name, expiresAt } : { name }),
	revoke: (id: number) => http.delete(`/api/tokens/${seg(id)}`),
}
