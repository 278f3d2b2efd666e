import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Observability, Span, TraceSummary } from '@/api/observability'
import { appLine } from '@/test/appLogLines'
import { jsonResponse, mountWith, problem } from '@/test/mountWith'
import TracesTab from './TracesTab.vue'

const traced: Observability = {
	tracing: { enabled: true, service: 'test::orders', instance: '7', reason: null },
	links: { skywalking: 'http://sw.test.local/trace?service=test%3A%3Aorders', kibana: null },
}

const summary = (traceId: string, error: boolean, start: string, durationMs = 120): TraceSummary => ({
	traceId,
	segmentId: `${traceId}-seg`,
	endpoint: error ? 'POST:/orders' : 'GET:/orders/{id}',
	durationMs,
	start,
	error,
})
// as the server sends them: errors first, then newest first
const listed = [
	summary('t-err-new', true, '2026-11-22T10:05:00.000Z', 900),
	summary('t-err-old', true, '2026-11-22T10:01:00.000Z'),
	summary('t-ok-new', false, '2026-11-22T10:06:00.000Z', 35),
	summary('t-ok-old', false, '2026-11-22T10:02:00.000Z'),
]

const span = (segmentId: string, spanId: number, parentSpanId: number, from: number, to: number, more: Partial<Span> = {}): Span => ({
	segmentId,
	spanId,
	parentSpanId,
	refs: [],
	service: segmentId === 'gw' ? 'test::gateway' : 'test::orders',
	instance: '7',
	start: new Date(Date.parse('2026-11-22T10:05:00.000Z') + from).toISOString(),
	end: new Date(Date.parse('2026-11-22T10:05:00.000Z') + to).toISOString(),
	endpoint: `${segmentId}-${spanId}`,
	type: 'Local',
	peer: null,
	component: null,
	error: false,
	layer: null,
	tags: [],
	logs: [],
	...more,
})
const spans = [
	span('ord', 1, 0, 30, 80, { type: 'Exit', error: true, layer: 'Database', tags: [{ key: 'db.statement', value: 'insert into orders' }], logs: [{ time: '2026-11-22T10:05:00.079Z', data: [{ key: 'error.kind', value: 'java.sql.SQLException' }, { key: 'message', value: 'Duplicate entry' }] }] }),
	span('gw', 0, -1, 0, 100, { type: 'Entry', endpoint: 'POST:/orders', error: true, tags: [{ key: 'http.method', value: 'POST' }] }),
	span('ord', 0, -1, 10, 90, { type: 'Entry', refs: [{ parentSegmentId: 'gw', parentSpanId: 0, type: 'CrossProcess' }] }),
]

type Answer = Response | (() => Response)
function server(routes: Record<string, Answer>) {
	const fetch = vi.fn(async (url: string) => {
		const answer = routes[url]
		if (!answer) throw new Error(`unexpected request ${url}`)
		return typeof answer === 'function' ? answer() : answer.clone()
	})
	vi.stubGlobal('fetch', fetch)
	return { fetch, urls: () => fetch.mock.calls.map((c) => c[0]) }
}

const LIST = '/api/deployments/7/traces?errorsOnly=false&limit=50'
const ERRORS = '/api/deployments/7/traces?errorsOnly=true&limit=50'

async function mount(props: Record<string, unknown> = {}) {
	const { wrapper } = await mountWith(TracesTab, { props: { deployment: { id: 7, env: 'test' }, observability: traced, ...props } })
	await flushPromises()
	await flushPromises()
	return wrapper
}

describe('TracesTab', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('keepsTheServersOrderAndMarksTheFailedTraces', async () => {
		server({ [LIST]: jsonResponse(listed) })
		const wrapper = await mount()

		const items = wrapper.findAll('[data-test="trace-item"]')
		expect(items.map((i) => i.attributes('data-trace'))).toEqual(['t-err-new', 't-err-old', 't-ok-new', 't-ok-old'])
		expect(items.map((i) => i.find('[data-test="trace-error-badge"]').exists())).toEqual([true, true, false, false])
		expect(items[0]!.text()).toContain('POST:/orders')
		expect(items[0]!.text()).toContain('900 ms')
		expect(wrapper.find('[data-test="traces-service"]').text()).toBe('SkyWalking service test::orders, instance 7')
		const link = wrapper.find('[data-test="link-skywalking"]')
		expect(link.attributes()).toMatchObject({ href: traced.links.skywalking, target: '_blank', rel: 'noopener' })
		expect(wrapper.find('[data-test="link-kibana"]').exists()).toBe(false)

		await items[2]!.trigger('click')
		expect(wrapper.emitted('update:trace')).toEqual([['t-ok-new']])
	})

	it('asksTheServerForErrorsOnlyAndSaysWhenThereAreNone', async () => {
		const s = server({ [LIST]: jsonResponse([]), [ERRORS]: jsonResponse([]) })
		const wrapper = await mount()
		expect(wrapper.find('[data-test="traces-empty"]').text()).toBe(
			'No trace recorded for this deployment yet. Traces appear a few seconds after the app serves a request.',
		)

		wrapper.findComponent({ name: 'ElSwitch' }).vm.$emit('update:modelValue', true)
		await flushPromises()

		expect(s.urls()).toEqual([LIST, ERRORS])
		expect(wrapper.find('[data-test="traces-empty"]').text()).toBe('No failed trace.')
	})

	it('saysWhyTracingIsOffWithoutAskingForTraces', async () => {
		const s = server({})
		const reason = 'The environment test has no SW_AGENT_COLLECTOR_BACKEND_SERVICES binding.'
		const wrapper = await mount({
			observability: { tracing: { enabled: false, service: null, instance: null, reason }, links: { skywalking: null, kibana: 'http://kibana.test.local/app/discover' } },
		})

		expect(wrapper.find('[data-test="traces-off"]').text()).toContain(reason)
		expect(wrapper.find('[data-test="trace-list"]').exists()).toBe(false)
		expect(wrapper.find('[data-test="link-kibana"]').attributes('href')).toBe('http://kibana.test.local/app/discover')
		expect(s.fetch).not.toHaveBeenCalled()
	})

	it('showsTheDetailOfAConflict', async () => {
		server({ [LIST]: problem(409, 'Tracing is off in test: add the binding SW_AGENT_COLLECTOR_BACKEND_SERVICES.') })
		const wrapper = await mount()

		expect(wrapper.find('[data-test="traces-conflict"]').text()).toContain('add the binding SW_AGENT_COLLECTOR_BACKEND_SERVICES')
		expect(wrapper.find('[data-test="trace-list"]').exists()).toBe(false)
	})

	it('keepsTheListWhenTheOapCannotBeReachedAndRetries', async () => {
		let down = false
		server({ [LIST]: () => (down ? problem(502, 'The SkyWalking OAP at http://oap:12800 did not answer.') : jsonResponse(listed)) })
		const wrapper = await mount()
		down = true

		await wrapper.find('[data-test="traces-refresh"]').trigger('click')
		await flushPromises()

		expect(wrapper.find('[data-test="error"]').text()).toContain('The SkyWalking OAP at http://oap:12800 did not answer.')
		expect(wrapper.findAll('[data-test="trace-item"]')).toHaveLength(4)

		down = false
		await wrapper.find('[data-test="error"] button').trigger('click')
		await flushPromises()
		expect(wrapper.find('[data-test="error"]').exists()).toBe(false)
	})

	it('opensATraceWithItsWaterfallItsSpansAndItsLogLines', async () => {
		const s = server({
			[LIST]: jsonResponse(listed),
			'/api/traces/t-err-new?env=test': jsonResponse({ traceId: 't-err-new', spans }),
			'/api/traces/t-err-new/logs?env=test&limit=200': jsonResponse([
				appLine(2, { service: 'orders', level: 'ERROR', message: 'insert failed', traceId: 't-err-new' }),
				appLine(1, { service: 'gateway', message: 'POST /orders', traceId: 't-err-new' }),
			]),
		})
		const wrapper = await mount({ trace: 't-err-new' })

		expect(s.urls()).toContain('/api/traces/t-err-new?env=test')
		expect(wrapper.find('[data-test="trace-item"].selected').attributes('data-trace')).toBe('t-err-new')
		const rows = wrapper.findAll('[data-test="span-row"]')
		expect(rows.map((r) => `${r.attributes('data-depth')}:${r.attributes('data-span')}`)).toEqual(['0:gw:0', '1:ord:0', '2:ord:1'])
		expect(rows[2]!.find('[data-test="span-bar"]').attributes('style')).toContain('left: 30%; width: 50%')
		expect(rows[2]!.find('[data-test="span-error"]').exists()).toBe(true)
		expect(wrapper.find('[data-test="trace-errors"]').text()).toBe('2 failed spans')
		// of the failed spans, the one closest to the cause is open first
		expect(wrapper.find('[data-test="span-tags"]').text()).toContain('insert into orders')
		expect(wrapper.find('[data-test="span-logs"]').text()).toContain('Duplicate entry')

		await rows[0]!.trigger('click')
		expect(wrapper.find('[data-test="span-tags"]').text()).toContain('http.method')

		await rows[0]!.find('[data-test="span-toggle"]').trigger('click')
		expect(wrapper.findAll('[data-test="span-row"]')).toHaveLength(1)

		const lines = wrapper.findAll('[data-test="trace-detail"] [data-test="app-log-line"]')
		expect(lines.map((l) => l.find('.service').text())).toEqual(['orders · test', 'gateway · test'])

		await wrapper.find('[data-test="trace-filter-logs"]').trigger('click')
		expect(wrapper.emitted('filterLogs')).toEqual([['t-err-new']])
		await wrapper.find('[data-test="trace-close"]').trigger('click')
		expect(wrapper.emitted('update:trace')).toEqual([[undefined]])
	})

	it('saysSoWhenTheOapDoesNotKnowTheTrace', async () => {
		server({
			[LIST]: jsonResponse(listed),
			'/api/traces/gone?env=test': problem(404, 'No trace gone in the OAP of test.'),
			'/api/traces/gone/logs?env=test&limit=200': jsonResponse([]),
		})
		const wrapper = await mount({ trace: 'gone' })

		expect(wrapper.find('[data-test="trace-not-found"]').text()).toContain('No trace gone in the OAP of test.')
		expect(wrapper.find('[data-test="trace-detail"] [data-test="app-log-empty"]').text()).toBe('No log line carries this trace id.')
	})
})
