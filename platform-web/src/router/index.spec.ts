import { describe, expect, it } from 'vitest'
import { createMemoryHistory, type RouteLocationNormalized } from 'vue-router'
import { createAppRouter } from './index'

const at = (path: string, query: Record<string, string> = {}) => ({ path, query }) as unknown as RouteLocationNormalized

describe('router', () => {
	it('scrollsANewPageToItsTopButNotAChangeOfTabOrTrace', () => {
		const scroll = createAppRouter(createMemoryHistory()).options.scrollBehavior!

		expect(scroll(at('/deployments/8'), at('/deployments/7'), null)).toEqual({ top: 0 })
		expect(scroll(at('/deployments/7', { tab: 'traces', trace: 'abc' }), at('/deployments/7', { tab: 'logs' }), null)).toBe(false)
		expect(scroll(at('/deployments/7'), at('/deployments/7', { tab: 'logs' }), { left: 0, top: 420 })).toEqual({ left: 0, top: 420 })
	})
})
