import { http } from './http'

export type Role = 'OWNER' | 'DEVELOPER' | 'TESTER' | 'VIEWER'

/** From the weakest to the strongest; each role can do what the ones before it can, except TESTER's sign-off. */
export const ROLES: readonly Role[] = ['VIEWER', 'TESTER', 'DEVELOPER', 'OWNER']

export type UserSource = 'LOCAL' | 'LDAP' | 'OIDC'

export interface Membership {
	app: string
	role: Role
}

export interface CurrentUser {
	username: string
	displayName: string
	email: string
	admin: boolean
	source: UserSource
	memberships: Membership[]
}

export interface OidcProvider {
	id: string
	name: string
	/** Opened as a whole page: the provider signs the user in and the server sends them back to `/`. */
	loginUrl: string
}

export interface Providers {
	password: boolean
	ldap: boolean
	oidc: OidcProvider[]
}

export const sessionApi = {
	/** 401 when nobody is signed in. */
	current: () => http.get<CurrentUser>('/api/session'),
	/** 401 for bad credentials, 429 (with `retryAfter`) while sign-in is throttled. */
	signIn: (username: string, password: string) => http.post<CurrentUser>('/api/session', { username, password }),
	signOut: () => http.delete('/api/session'),
	providers: () => http.get<Providers>('/api/session/providers'),
	/** Local users only; 400 with the reason (too short, wrong current password). */
	changePassword: (currentPassword: string, newPassword: string) =>
		http.put<void>('/api/session/password', { currentPassword, newPassword }),
}

/** The server's rule for a local password; checked here first so the form can say it before sending. */
export const MIN_PASSWORD_LENGTH = 12
