import { createRouter, createWebHistory, type RouterHistory } from 'vue-router'

// every page is its own chunk: the first load carries only the shell and the page asked for
export const routes = [
	{ path: '/', name: 'overview', component: () => import('@/views/overview/OverviewView.vue'), meta: { title: 'nav.overview' } },
	{ path: '/apps', name: 'apps', component: () => import('@/views/apps/AppListView.vue'), meta: { title: 'nav.apps' } },
	{ path: '/apps/new', name: 'app-new', component: () => import('@/views/apps/AppFormView.vue'), meta: { title: 'form.newTitle' } },
	{ path: '/apps/:app', name: 'app', component: () => import('@/views/apps/AppDetailView.vue'), props: true },
	{ path: '/apps/:app/edit', name: 'app-edit', component: () => import('@/views/apps/AppFormView.vue'), props: true },
	{ path: '/deployments/:id', name: 'deployment', component: () => import('@/views/deployments/DeploymentView.vue'), props: true },
	{ path: '/environments', name: 'environments', component: () => import('@/views/environments/EnvironmentsView.vue'), meta: { title: 'nav.environments' } },
	{ path: '/environments/diff', name: 'environments-diff', component: () => import('@/views/environments/EnvironmentDiffView.vue'), meta: { title: 'diff.title' } },
	{ path: '/gitlab', name: 'gitlab', component: () => import('@/views/gitlab/GitLabView.vue'), meta: { title: 'nav.gitlab' } },
	// the only page open without a session
	{ path: '/signin', name: 'signin', component: () => import('@/views/session/SignInView.vue'), meta: { title: 'signin.title', public: true } },
	{ path: '/users', name: 'users', component: () => import('@/views/users/UsersView.vue'), meta: { title: 'nav.users' } },
	{ path: '/tokens', name: 'tokens', component: () => import('@/views/tokens/TokensView.vue'), meta: { title: 'tokens.title' } },
	{ path: '/audit', name: 'audit', component: () => import('@/views/audit/AuditView.vue'), meta: { title: 'audit.title' } },
	{ path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue') },
]

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
	return createRouter({
		history,
		routes,
		// a new page starts at its top; a change of the query only (a tab, an open trace) leaves the reader where they are
		scrollBehavior: (to, from, saved) => saved ?? (to.path === from.path ? false : { top: 0 }),
	})
}

declare module 'vue-router' {
	interface RouteMeta {
		/** an i18n key: the page's title */
		title?: string
		/** open without a session */
		public?: boolean
	}
}
