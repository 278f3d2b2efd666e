import { http, seg } from './http'
import type { Role } from './session'

export interface Member {
	username: string
	displayName: string
	role: Role
}

export const membersApi = {
	list: (app: string) => http.get<Member[]>(`/api/apps/${seg(app)}/members`),
	/** Adds the user, or changes their role. */
	put: (app: string, username: string, role: Role) => http.put<Member>(`/api/apps/${seg(app)}/members/${seg(username)}`, { role }),
	/** 409 when it would remove the service's last owner. */
	remove: (app: string, username: string) => http.delete(`/api/apps/${seg(app)}/members/${seg(username)}`),
}
