import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, type Router } from 'vue-router'
import type { CurrentUser } from '@/api/session'
import { createAppI18n, type Locale } from '@/i18n'
import { createAppRouter } from '@/router'
import { useSessionStore } from '@/stores/session'
import { adminUser } from './session'

/**
 * Mounts a component with what the app installs: i18n (English unless asked), pinia and the router in
 * memory, and a signed-in user (a platform admin unless `user` says otherwise; `null`: nobody).
 */
export async function mountWith<C extends Component>(
	component: C,
	options: ComponentMountingOptions<C> & { locale?: Locale; path?: string; user?: CurrentUser | null } = {},
) {
	const { locale = 'en', path = '/', user = adminUser, ...rest } = options
	const i18n = createAppI18n(locale)
	const pinia = createPinia()
	setActivePinia(pinia)
	useSessionStore(pinia).set(user)
	const router: Router = createAppRouter(createMemoryHistory())
	await router.push(path)
	await router.isReady()
	const wrapper = mount(component as Component, {
		...(rest as object),
		attachTo: document.body,
		global: { plugins: [i18n, pinia, router], ...(rest.global ?? {}) },
	})
	return { wrapper, router, i18n }
}

/** A fetch answer with a JSON body. */
export function jsonResponse(body: unknown, status = 200, contentType = 'application/json') {
	return new Response(body === undefined ? null : JSON.stringify(body), {
		status,
		headers: { 'Content-Type': contentType },
	})
}

export const problem = (status: number, detail: string, errors?: { field: string; message: string }[]) =>
	jsonResponse({ type: 'about:blank', title: 'Bad Request', status, detail, errors }, status, 'application/problem+json')
