import { http, seg } from './http'
import type { UserSource } from './session'

export interface User {
	username: string
	displayName: string
	email: string
	admin: boolean
	source: UserSource
	enabled: boolean
	createdAt: string
	lastSignInAt: string | null
}

export interface NewUser {
	username: string
	displayName: string
	email: string
	password: string
	admin?: boolean
}

export interface UserChanges {
	displayName: string
	email: string
	admin: boolean
	enabled: boolean
}

export const usersApi = {
	list: () => http.get<User[]>('/api/users'),
	create: (user: NewUser) => http.post<User>('/api/users', user),
	update: (username: string, changes: UserChanges) => http.put<User>(`/api/users/${seg(username)}`, changes),
}
