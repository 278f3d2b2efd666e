import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { appLine, newestFirst } from '@/test/appLogLines'
import { FakeEventSource } from '@/test/fakeEventSource'
import { jsonResponse, problem } from '@/test/mountWith'
import { noFilters, useAppLogs } from './useAppLogs'

function page(lines: unknown[], cursor?: string) {
	const res = jsonResponse(lines)
	if (cursor) res.headers.set('X-Next-Cursor', cursor)
	return res
}

/** The query parameters of the n-th fetch. */
function paramsOf(fetch: ReturnType<typeof vi.fn>, n: number) {
	const url = new URL(fetch.mock.calls[n]![0] as string, 'http://x')
	return { path: url.pathname, params: Object.fromEntries(url.searchParams) }
}

describe('useAppLogs', () => {
	beforeEach(() => {
		FakeEventSource.all = []
		vi.stubGlobal('EventSource', FakeEventSource)
	})
	afterEach(() => {
		vi.useRealTimers()
		vi.unstubAllGlobals()
	})

	it('sendsTheFiltersThatAreSetAndPagesOnWithTheServersCursor', async () => {
		const fetch = vi.fn(async (url: string) => (url.includes('cursor=') ? page(newestFirst(1, 2)) : page(newestFirst(3, 5), 'c-after-3')))
		vi.stubGlobal('fetch', fetch)
		const logs = effectScope().run(() => useAppLogs(7, { pageSize: 3 }))!

		await logs.search({ ...noFilters(), q: ' timeout AND NOT retry ', level: 'WARN', from: '2026-11-22T09:00:00.000Z' })

		expect(paramsOf(fetch, 0)).toEqual({
			path: '/api/deployments/7/logs',
			params: { q: 'timeout AND NOT retry', level: 'WARN', from: '2026-11-22T09:00:00.000Z', limit: '3' },
		})
		expect(logs.lines.value.map((l) => l.message)).toEqual(['line 5', 'line 4', 'line 3'])
		expect(logs.nextCursor.value).toBe('c-after-3')

		await logs.loadMore()

		expect(paramsOf(fetch, 1).params).toEqual({ q: 'timeout AND NOT retry', level: 'WARN', from: '2026-11-22T09:00:00.000Z', limit: '3', cursor: 'c-after-3' })
		expect(logs.lines.value.map((l) => l.message)).toEqual(['line 5', 'line 4', 'line 3', 'line 2', 'line 1'])
		expect(logs.nextCursor.value).toBeNull()
	})

	it('keepsTheLinesShownWhenTheServerRefusesTheQuery', async () => {
		const fetch = vi.fn(async (url: string) =>
			url.includes('q=') ? problem(400, 'The query has a syntax error at position 8: missing term', [{ field: 'q', message: 'x' }]) : page(newestFirst(1, 2)),
		)
		vi.stubGlobal('fetch', fetch)
		const logs = effectScope().run(() => useAppLogs(7))!
		await logs.search(noFilters())

		const ok = await logs.search({ ...noFilters(), q: 'timeout AND' })

		expect(ok).toBe(false)
		expect(logs.invalid.value).toEqual({ field: 'q', detail: 'The query has a syntax error at position 8: missing term' })
		expect(logs.error.value).toBeNull()
		expect(logs.lines.value.map((l) => l.message)).toEqual(['line 2', 'line 1'])
		expect(logs.shown.value?.q).toBe('')

		await logs.search(noFilters())
		expect(logs.invalid.value).toBeNull()
	})

	it('followsNewLinesOnTopAndKeepsNoMoreThanTheCap', async () => {
		vi.useFakeTimers()
		vi.stubGlobal('fetch', vi.fn(async () => page(newestFirst(1, 3), 'c-after-1')))
		const logs = effectScope().run(() => useAppLogs(7, { pageSize: 3, cap: 5, batchMs: 50 }))!

		logs.startLive({ ...noFilters(), q: 'line', level: 'INFO', traceId: 'tr-1' })
		const server = FakeEventSource.last
		expect(server.url).toBe('/api/deployments/7/logs?q=line&level=INFO&traceId=tr-1')
		expect(logs.live.value).toBe('connecting')
		// a line may come before the first page is read: it waits for it
		server.open()
		server.emit('line', JSON.stringify(appLine(3)))
		server.emit('line', JSON.stringify(appLine(4)))
		await flushPromises()
		vi.advanceTimersByTime(60)

		expect(logs.live.value).toBe('live')
		// the page was searched with the stream's filters: the query applies to both
		expect(logs.shown.value?.q).toBe('line')
		// line 3 was in both the page and the stream: listed once
		expect(logs.lines.value.map((l) => l.message)).toEqual(['line 4', 'line 3', 'line 2', 'line 1'])
		expect(logs.nextCursor.value).toBe('c-after-1')
		expect(logs.trimmed.value).toBe(false)

		for (const n of [5, 6, 7]) server.emit('line', JSON.stringify(appLine(n)))
		server.emit('line', 'not json')
		vi.advanceTimersByTime(60)

		expect(logs.lines.value.map((l) => l.message)).toEqual(['line 7', 'line 6', 'line 5', 'line 4', 'line 3'])
		expect(logs.trimmed.value).toBe(true)
		// paging on from below lines that were dropped would leave a hole
		expect(logs.nextCursor.value).toBeNull()

		for (let n = 8; n < 1000; n++) server.emit('line', JSON.stringify(appLine(n)))
		vi.advanceTimersByTime(60)
		expect(logs.lines.value).toHaveLength(5)
		expect(logs.lines.value[0]!.message).toBe('line 999')

		logs.stopLive()
		expect(server.readyState).toBe(FakeEventSource.CLOSED)
		expect(logs.live.value).toBe('off')
		server.emit('line', JSON.stringify(appLine(2000)), true)
		vi.advanceTimersByTime(60)
		expect(logs.lines.value[0]!.message).toBe('line 999')
	})

	it('tellsAReconnectFromAStreamTheServerRefused', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => page([])))
		const logs = effectScope().run(() => useAppLogs(7))!

		logs.startLive(noFilters())
		const server = FakeEventSource.last
		expect(server.url).toBe('/api/deployments/7/logs')
		server.open()
		server.drop()
		expect(logs.live.value).toBe('reconnecting')
		server.open()
		expect(logs.live.value).toBe('live')
		server.refuse()
		expect(logs.live.value).toBe('closed')
	})

	it('stopsTheStreamWhenThePageGoes', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => page([])))
		const own = effectScope()
		const logs = own.run(() => useAppLogs(7))!
		logs.startLive(noFilters())

		own.stop()

		expect(FakeEventSource.last.readyState).toBe(FakeEventSource.CLOSED)
	})
})
