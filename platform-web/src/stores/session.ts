import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { errorDetail, isApiError } from '@/api/http'
import { sessionApi, type CurrentUser } from '@/api/session'
import { decide, isOwnerOfAny, roleOn, type Action, type Decision, type Target } from '@/utils/permissions'

/** Who is signed in, read once per page load (and again after anything that changes their roles). */
export const useSessionStore = defineStore('session', () => {
	const user = ref<CurrentUser | null>(null)
	const loaded = ref(false)
	/** Set when the server could not say who is signed in (not for "nobody"). */
	const error = ref<string | null>(null)
	let pending: Promise<void> | null = null

	function load(force = false): Promise<void> {
		if (pending) return pending
		if (loaded.value && !force) return Promise.resolve()
		pending = sessionApi
			.current()
			.then((u) => {
				user.value = u
				error.value = null
			})
			.catch((e) => {
				user.value = null
				error.value = isApiError(e) && e.status === 401 ? null : errorDetail(e)
			})
			.finally(() => {
				loaded.value = true
				pending = null
			})
		return pending
	}

	/** Reads the memberships again, e.g. after registering a service (its creator becomes its owner). */
	const refresh = () => load(true)

	function set(u: CurrentUser | null) {
		user.value = u
		loaded.value = true
		error.value = null
	}

	async function signIn(username: string, password: string) {
		set(await sessionApi.signIn(username, password))
		return user.value!
	}

	async function signOut() {
		try {
			await sessionApi.signOut()
		} finally {
			set(null)
		}
	}

	const signedIn = computed(() => !!user.value)
	const admin = computed(() => !!user.value?.admin)
	const ownerOfAny = computed(() => isOwnerOfAny(user.value))
	const can = (action: Action, target?: Target): Decision => decide(user.value, action, target)
	const role = (app: string) => roleOn(user.value, app)

	return { user, loaded, error, load, refresh, set, signIn, signOut, signedIn, admin, ownerOfAny, can, role }
})
