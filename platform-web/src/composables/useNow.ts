import { onScopeDispose, ref } from 'vue'

// one clock for every "3 min ago" on the page
const now = ref(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | undefined

/** The current time, refreshed every few seconds while something uses it. */
export function useNow() {
	if (users++ === 0) {
		now.value = Date.now()
		timer = setInterval(() => (now.value = Date.now()), 5000)
	}
	onScopeDispose(() => {
		if (--users === 0 && timer) {
			clearInterval(timer)
			timer = undefined
		}
	})
	return now
}
