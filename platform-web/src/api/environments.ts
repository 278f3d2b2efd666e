import { http } from './http'

export interface Environment {
	name: string
	order: number
	domain: string
	protected: boolean
}

export const environmentsApi = {
	list: () => http.get<Environment[]>('/api/environments'),
}
