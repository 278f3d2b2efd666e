import { onScopeDispose, ref } from 'vue'

/**
 * Calls `load` now and then every `intervalMs` after the previous call finished, while the tab is
 * visible. A hidden tab stops polling; showing it again loads at once.
 */
export function usePolling(load: () => Promise<unknown>, intervalMs: number) {
	const paused = ref(typeof document !== 'undefined' && document.hidden)
	let timer: ReturnType<typeof setTimeout> | undefined
	let running = false
	let stopped = false

	async function tick() {
		clearTimeout(timer)
		timer = undefined
		if (stopped || running) return
		running = true
		try {
			await load()
		} catch {
			// load shows its own errors; keep polling so the page recovers when the server does
		} finally {
			running = false
		}
		schedule()
	}

	function schedule() {
		clearTimeout(timer)
		if (!stopped && !paused.value) timer = setTimeout(tick, intervalMs)
	}

	function onVisibility() {
		paused.value = document.hidden
		if (paused.value) {
			clearTimeout(timer)
			timer = undefined
		} else {
			void tick()
		}
	}

	document.addEventListener('visibilitychange', onVisibility)
	void tick()

	function stop() {
		stopped = true
		clearTimeout(timer)
		document.removeEventListener('visibilitychange', onVisibility)
	}
	onScopeDispose(stop)

	return { paused, refresh: tick, stop }
}
