import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { usePolling } from './usePolling'

function setHidden(hidden: boolean) {
	Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden })
	document.dispatchEvent(new Event('visibilitychange'))
}

describe('usePolling', () => {
	beforeEach(() => vi.useFakeTimers())
	afterEach(() => {
		setHidden(false)
		vi.useRealTimers()
	})

	it('pollsWhileVisiblePausesWhileHiddenAndCatchesUpWhenShown', async () => {
		const load = vi.fn(async () => {})
		const scope = effectScope()
		const polling = scope.run(() => usePolling(load, 3000))!
		await vi.advanceTimersByTimeAsync(0)
		expect(load).toHaveBeenCalledTimes(1)

		await vi.advanceTimersByTimeAsync(3000)
		expect(load).toHaveBeenCalledTimes(2)

		setHidden(true)
		expect(polling.paused.value).toBe(true)
		await vi.advanceTimersByTimeAsync(30_000)
		expect(load).toHaveBeenCalledTimes(2)

		setHidden(false)
		await vi.advanceTimersByTimeAsync(0)
		expect(load).toHaveBeenCalledTimes(3)

		scope.stop()
		await vi.advanceTimersByTimeAsync(30_000)
		expect(load).toHaveBeenCalledTimes(3)
	})
})
