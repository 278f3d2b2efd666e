import type { Pinia } from 'pinia'
import type { LocationQueryValue, Router } from 'vue-router'
import { onUnauthorized } from '@/api/http'
import { useSessionStore } from '@/stores/session'

const RETURN_KEY = 'platform.signin.return'

/** A path of this app to return to after signing in; anything else (another site, `//host`) gives `/`. */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
	const v = Array.isArray(value) ? value[0] : value
	if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\')) return '/'
	return v
}

/**
 * An OIDC sign-in leaves the app and comes back to `/`: the page asked for is kept in the tab's
 * session storage until then.
 */
export function rememberReturn(path: string) {
	try {
		if (path !== '/') sessionStorage.setItem(RETURN_KEY, path)
	} catch {
		// no storage: the user lands on the overview
	}
}

function takeReturn(): string | null {
	try {
		const path = sessionStorage.getItem(RETURN_KEY)
		sessionStorage.removeItem(RETURN_KEY)
		return path
	} catch {
		return null
	}
}

/**
 * Every page but the sign-in page needs a signed-in user: the current user is read once, and a visitor
 * without a session goes to `/signin?redirect=<where they were going>`. A call that finds the session
 * gone later (401) does the same from the page it was on.
 */
export function installSessionGuard(router: Router, pinia?: Pinia) {
	router.beforeEach(async (to) => {
		const session = useSessionStore(pinia)
		await session.load()
		if (to.meta.public) {
			// signed in already (or back from the provider): straight to where they were going
			if (to.name === 'signin' && session.user) return safeRedirect(to.query.redirect)
			return true
		}
		if (!session.user) return { name: 'signin', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
		if (to.path === '/') {
			const back = takeReturn()
			if (back && safeRedirect(back) !== '/') return safeRedirect(back)
		}
		return true
	})

	return onUnauthorized(() => {
		const session = useSessionStore(pinia)
		session.set(null)
		const current = router.currentRoute.value
		if (current.meta.public) return
		void router.push({ name: 'signin', query: { redirect: current.fullPath, expired: '1' } })
	})
}
