import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Deployment } from '@/api/deployments'
import { appLine } from '@/test/appLogLines'
import { FakeEventSource } from '@/test/fakeEventSource'
import { jsonResponse, mountWith } from '@/test/mountWith'
import DeploymentView from './DeploymentView.vue'

const deployment: Deployment = {
	id: 7,
	app: 'orders',
	env: 'test',
	kind: 'DEPLOY',
	sourceId: null,
	branches: ['main'],
	heads: [{ branch: 'main', commit: 'abc1234ffff' }],
	commit: 'abc1234ffff',
	buildNumber: 7,
	image: 'orders:test-7',
	status: 'RUNNING',
	step: null,
	url: 'http://localhost:20007/',
	error: null,
	createdAt: '2026-11-22T10:00:00Z',
	startedAt: '2026-11-22T10:00:01Z',
	finishedAt: '2026-11-22T10:01:00Z',
	steps: [],
}

/** The platform behind the page: one running deployment, traced, with one failed request. */
function platform(shown: Deployment = deployment) {
	const fetch = vi.fn(async (url: string) => {
		const path = url.split('?')[0]
		switch (path) {
			case '/api/environments':
				return jsonResponse([{ name: 'test', order: 2, domain: 'test.local', protected: false }])
			case '/api/deployments/7':
				return jsonResponse(shown)
			case '/api/deployments/7/observability':
				return jsonResponse({
					tracing: { enabled: true, service: 'test::orders', instance: '7', reason: null },
					links: { skywalking: 'http://sw.local/', kibana: 'http://kibana.local/' },
				})
			case '/api/deployments/7/logs':
				return jsonResponse([appLine(2, { level: 'ERROR', traceId: 'tr-9', message: 'insert failed' }), appLine(1)])
			case '/api/deployments/7/traces':
				return jsonResponse([{ traceId: 'tr-9', segmentId: 's', endpoint: 'POST:/orders', durationMs: 80, start: '2026-11-22T10:05:00.000Z', error: true }])
			case '/api/traces/tr-9':
				return jsonResponse({ traceId: 'tr-9', spans: [] })
			case '/api/traces/tr-9/logs':
				return jsonResponse([appLine(2, { traceId: 'tr-9' })])
			default:
				throw new Error(`unexpected request ${url}`)
		}
	})
	vi.stubGlobal('fetch', fetch)
	return fetch
}

async function settle() {
	await flushPromises()
	await new Promise((r) => setTimeout(r, 0))
	await flushPromises()
}

/** The tabs load on first use: waits for what a tab shows (a dynamic import takes a while in a test). */
async function shown(wrapper: { find: (s: string) => { exists: () => boolean } }, selector: string) {
	await vi.waitFor(() => expect(wrapper.find(selector).exists()).toBe(true), { timeout: 8000, interval: 20 })
	await settle()
}

describe('DeploymentView', () => {
	beforeEach(() => {
		FakeEventSource.all = []
		vi.stubGlobal('EventSource', FakeEventSource)
	})
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('namesTheCommitAQueuedDeploymentWillBuild', async () => {
		platform({ ...deployment, status: 'QUEUED', commit: null, buildNumber: null, image: null, url: null, finishedAt: null, startedAt: null })
		const { wrapper } = await mountWith(DeploymentView, { props: { id: '7' }, path: '/deployments/7' })
		await settle()

		const commit = wrapper.find('[data-test="deployment-commit"]')
		expect(commit.find('[data-test="commit"]').attributes('title')).toBe('abc1234ffff')
		expect(commit.text()).toContain('not built yet')
	})

	it('opensOnTheDeployLogAndAsksForNothingElseUntilATriageTabIsOpened', async () => {
		const fetch = platform()
		const { wrapper, router } = await mountWith(DeploymentView, { props: { id: '7' }, path: '/deployments/7' })
		await settle()

		expect(wrapper.find('[data-test="log-panel"]').isVisible()).toBe(true)
		expect(FakeEventSource.last.url).toBe('/api/deployments/7/log')
		expect(fetch.mock.calls.map((c) => (c[0] as string).split('?')[0])).not.toContain('/api/deployments/7/observability')

		await wrapper.find('#tab-traces').trigger('click')
		await shown(wrapper, '[data-test="trace-item"]')

		expect(router.currentRoute.value.query).toEqual({ tab: 'traces' })
		expect(wrapper.find('[data-test="trace-item"]').attributes('data-trace')).toBe('tr-9')
		expect(wrapper.find('[data-test="link-kibana"]').attributes('href')).toBe('http://kibana.local/')
	})

	it('goesFromALogLinesTraceToTheTraceAndBackToTheLogsOfThatTrace', async () => {
		const fetch = platform()
		const { wrapper, router } = await mountWith(DeploymentView, { props: { id: '7' }, path: '/deployments/7?tab=logs' })
		await shown(wrapper, '[data-test="app-logs"] [data-test="trace-chip"]')

		await wrapper.find('[data-test="app-logs"] [data-test="trace-chip"]').trigger('click')
		await shown(wrapper, '[data-test="trace-detail"]')

		expect(router.currentRoute.value.query).toEqual({ tab: 'traces', trace: 'tr-9' })
		expect(wrapper.find('[data-test="trace-detail"]').attributes('data-trace')).toBe('tr-9')
		expect(fetch).toHaveBeenCalledWith('/api/traces/tr-9?env=test', expect.anything())

		await wrapper.find('[data-test="trace-filter-logs"]').trigger('click')
		await settle()

		expect(router.currentRoute.value.query).toEqual({ tab: 'logs', trace: 'tr-9', traceId: 'tr-9' })
		expect(fetch).toHaveBeenCalledWith('/api/deployments/7/logs?traceId=tr-9&limit=100', expect.anything())
		expect((wrapper.find('input[data-test="log-trace-id"]').element as HTMLInputElement).value).toBe('tr-9')
	})
})
