import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appLine, newestFirst } from '@/test/appLogLines'
import { FakeEventSource } from '@/test/fakeEventSource'
import { jsonResponse, mountWith, problem } from '@/test/mountWith'
import AppLogsTab from './AppLogsTab.vue'

function page(lines: unknown[], cursor?: string) {
	const res = jsonResponse(lines)
	if (cursor) res.headers.set('X-Next-Cursor', cursor)
	return res
}

/** Plays the log search of deployment 7: the answer for a request is picked by its query. */
function server(answer: (params: URLSearchParams) => Response) {
	const fetch = vi.fn(async (url: string) => {
		const u = new URL(url, 'http://x')
		expect(u.pathname).toBe('/api/deployments/7/logs')
		return answer(u.searchParams)
	})
	vi.stubGlobal('fetch', fetch)
	return {
		fetch,
		/** The query of each request, without the page size every request carries. */
		queries: () =>
			fetch.mock.calls.map((c) => {
				const params = new URL(c[0] as string, 'http://x').searchParams
				params.delete('limit')
				return params.toString()
			}),
	}
}

async function mount(props: Record<string, unknown> = {}) {
	const { wrapper } = await mountWith(AppLogsTab, { props: { deployment: { id: 7, status: 'RUNNING' }, ...props } })
	await flushPromises()
	return wrapper
}

const messages = (wrapper: Awaited<ReturnType<typeof mount>>) =>
	wrapper.findAll('[data-test="app-log-line"] .text').map((l) => l.text())

describe('AppLogsTab', () => {
	beforeEach(() => {
		FakeEventSource.all = []
		vi.stubGlobal('EventSource', FakeEventSource)
	})
	afterEach(() => {
		vi.useRealTimers()
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('turnsTheFiltersIntoTheRequestsQuery', async () => {
		const s = server(() => page(newestFirst(1, 2)))
		// the page puts the trace id it is told back into the address, and from there into the tab
		const wrapper = await mount({ 'onUpdate:traceId': (id?: string) => wrapper.setProps({ traceId: id }) })
		expect(s.fetch.mock.calls[0]![0]).toBe('/api/deployments/7/logs?limit=100')

		await wrapper.find('input[data-test="log-query"]').setValue('status:500 AND "connection refused"')
		await wrapper.find('input[data-test="log-query"]').trigger('keydown', { key: 'Enter' })
		await flushPromises()
		wrapper.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', 'WARN')
		wrapper.findComponent({ name: 'ElSelect' }).vm.$emit('change', 'WARN')
		await flushPromises()
		await wrapper.find('input[data-test="log-trace-id"]').setValue(' 4f2a.77.1700000000001 ')
		await wrapper.find('[data-test="log-search-button"]').trigger('click')
		await flushPromises()
		const picker = wrapper.findComponent({ name: 'ElDatePicker' })
		const range = [new Date('2026-11-22T09:00:00.000Z'), new Date('2026-11-22T10:30:00.000Z')]
		picker.vm.$emit('update:modelValue', range)
		picker.vm.$emit('change', range)
		await flushPromises()

		expect(s.queries()).toEqual([
			'',
			'q=status%3A500+AND+%22connection+refused%22',
			'q=status%3A500+AND+%22connection+refused%22&level=WARN',
			'q=status%3A500+AND+%22connection+refused%22&level=WARN&traceId=4f2a.77.1700000000001',
			'q=status%3A500+AND+%22connection+refused%22&level=WARN&traceId=4f2a.77.1700000000001&from=2026-11-22T09%3A00%3A00.000Z&to=2026-11-22T10%3A30%3A00.000Z',
		])
		// the trace id filter goes into the page's address
		expect(wrapper.emitted('update:traceId')).toEqual([['4f2a.77.1700000000001']])

		await wrapper.find('[data-test="log-clear"]').trigger('click')
		await flushPromises()
		expect(s.queries().at(-1)).toBe('')
		expect(wrapper.emitted('update:traceId')!.at(-1)).toEqual([undefined])
	})

	it('showsTheServersDetailUnderTheQueryAndKeepsThePreviousLines', async () => {
		server((p) =>
			p.get('q') === 'timeout AND'
				? problem(400, 'The query has a syntax error at position 11: expected a term after AND', [{ field: 'q', message: 'syntax' }])
				: page(newestFirst(1, 3)),
		)
		const wrapper = await mount()
		expect(wrapper.find('[data-test="log-query-error"]').exists()).toBe(false)

		await wrapper.find('input[data-test="log-query"]').setValue('timeout AND')
		await wrapper.find('[data-test="log-search-button"]').trigger('click')
		await flushPromises()

		expect(wrapper.find('[data-test="log-query-error"]').text()).toBe('The query has a syntax error at position 11: expected a term after AND')
		expect(messages(wrapper)).toEqual(['line 3', 'line 2', 'line 1'])
		expect(wrapper.find('[data-test="error"]').exists()).toBe(false)

		await wrapper.find('input[data-test="log-query"]').setValue('timeout')
		await wrapper.find('[data-test="log-search-button"]').trigger('click')
		await flushPromises()
		expect(wrapper.find('[data-test="log-query-error"]').exists()).toBe(false)
	})

	it('loadsOlderLinesWithTheCursorUntilThereAreNoMore', async () => {
		const s = server((p) => {
			if (p.get('cursor') === 'c2') return page(newestFirst(1, 2))
			if (p.get('cursor') === 'c4') return page(newestFirst(3, 4), 'c2')
			return page(newestFirst(5, 6), 'c4')
		})
		const wrapper = await mount()
		await wrapper.find('input[data-test="log-query"]').setValue('order')
		await wrapper.find('[data-test="log-search-button"]').trigger('click')
		await flushPromises()

		await wrapper.find('[data-test="log-more"]').trigger('click')
		await flushPromises()
		await wrapper.find('[data-test="log-more"]').trigger('click')
		await flushPromises()

		// the next pages keep the search's filters
		expect(s.queries()).toEqual(['', 'q=order', 'q=order&cursor=c4', 'q=order&cursor=c2'])
		expect(messages(wrapper)).toEqual(['line 6', 'line 5', 'line 4', 'line 3', 'line 2', 'line 1'])
		expect(wrapper.find('[data-test="log-more"]').exists()).toBe(false)
		expect(wrapper.find('[data-test="log-count"]').text()).toBe('6 lines')
	})

	it('saysWhyTheListIsEmpty', async () => {
		server(() => page([]))
		const wrapper = await mount({ deployment: { id: 7, status: 'BUILDING' } })
		expect(wrapper.find('[data-test="app-log-empty"]').text()).toBe('The app has not started yet: its lines appear here once it runs.')

		await wrapper.setProps({ deployment: { id: 7, status: 'RUNNING' } })
		await wrapper.find('[data-test="log-search-button"]').trigger('click')
		await flushPromises()
		expect(wrapper.find('[data-test="app-log-empty"]').text()).toBe('The app has not written any line yet.')

		await wrapper.find('input[data-test="log-query"]').setValue('nothing')
		await wrapper.find('[data-test="log-search-button"]').trigger('click')
		await flushPromises()
		expect(wrapper.find('[data-test="app-log-empty"]').text()).toBe('No line matches these filters.')
	})

	it('opensATraceFromItsChipAndFiltersByIt', async () => {
		const s = server(() => page([appLine(2, { level: 'ERROR', traceId: 'trace-abcdef-123456', message: 'boom\n\tat A.b(A.java:1)' }), appLine(1)]))
		const wrapper = await mount()
		const row = wrapper.find('[data-test="app-log-line"]')
		expect(row.attributes('data-level')).toBe('ERROR')
		expect(row.classes()).toContain('lv-error')
		expect(row.find('.logger').text()).toBe('OrderController')
		expect(row.find('[data-test="trace-chip"]').text()).toBe('trac…f-123456')

		await row.find('[data-test="trace-chip"]').trigger('click')
		expect(wrapper.emitted('openTrace')).toEqual([['trace-abcdef-123456']])

		await row.find('[data-test="app-log-more"]').trigger('click')
		expect(row.find('.rest').text()).toBe('at A.b(A.java:1)')

		await row.find('[data-test="trace-filter"]').trigger('click')
		await flushPromises()
		expect(s.queries().at(-1)).toBe('traceId=trace-abcdef-123456')
		expect((wrapper.find('input[data-test="log-trace-id"]').element as HTMLInputElement).value).toBe('trace-abcdef-123456')
	})

	it('followsTheTraceIdOfTheAddress', async () => {
		const s = server(() => page([]))
		const wrapper = await mount({ traceId: 'from-link' })
		expect(s.queries()).toEqual(['traceId=from-link'])

		await wrapper.setProps({ traceId: 'another' })
		await flushPromises()
		expect(s.queries().at(-1)).toBe('traceId=another')
		expect(wrapper.emitted('update:traceId')).toBeUndefined()
	})

	it('followsNewLinesLiveByLevelAndTraceIdOnly', async () => {
		vi.useFakeTimers()
		const s = server(() => page(newestFirst(1, 2)))
		const wrapper = await mount()
		await wrapper.find('input[data-test="log-query"]').setValue('order')
		wrapper.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', 'ERROR')
		await flushPromises()

		wrapper.findComponent({ name: 'ElSwitch' }).vm.$emit('update:modelValue', true)
		await flushPromises()
		const stream = FakeEventSource.last
		stream.open()
		stream.emit('line', JSON.stringify(appLine(3, { level: 'ERROR' })))
		vi.advanceTimersByTime(200)
		await flushPromises()

		expect(stream.url).toBe('/api/deployments/7/logs?q=order&level=ERROR')
		expect(s.queries().at(-1)).toBe('q=order&level=ERROR')
		expect(messages(wrapper)).toEqual(['line 3', 'line 2', 'line 1'])
		expect(wrapper.find('[data-test="log-live-state"]').text()).toBe('live')
		expect(wrapper.find('input[data-test="log-query"]').attributes('disabled')).toBeUndefined()
		expect(wrapper.find('[data-test="log-live-hint"]').exists()).toBe(true)

		wrapper.findComponent({ name: 'ElSwitch' }).vm.$emit('update:modelValue', false)
		await flushPromises()
		expect(stream.readyState).toBe(FakeEventSource.CLOSED)
		expect(s.queries().at(-1)).toBe('q=order&level=ERROR')
	})

	it('offersNoLiveTailForADeploymentThatDoesNotRun', async () => {
		server(() => page([]))
		const wrapper = await mount({ deployment: { id: 7, status: 'SUPERSEDED' } })

		expect(wrapper.find('[data-test="log-live"]').classes()).toContain('is-disabled')
	})
})
