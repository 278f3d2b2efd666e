import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, type Router } from 'vue-router'
import { createAppI18n, type Locale } from '@/i18n'
import { createAppRouter } from '@/router'

/** Mounts a component with what the app installs: i18n (English unless asked), pinia and the router in memory. */
export async function mountWith<C extends Component>(
	component: C,
	options: ComponentMountingOptions<C> & { locale?: Locale; path?: string } = {},
) {
	const { locale = 'en', path = '/', ...rest } = options
	const i18n = createAppI18n(locale)
	const pinia = createPinia()
	setActivePinia(pinia)
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
