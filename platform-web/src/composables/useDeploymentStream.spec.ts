import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { Deployment } from '@/api/deployments'
import { useDeploymentStream } from './useDeploymentStream'

/** Stands in for the browser's EventSource: the test plays the server. */
class FakeEventSource {
	static readonly CONNECTING = 0
	static readonly OPEN = 1
	static readonly CLOSED = 2
	static last: FakeEventSource
	readyState = FakeEventSource.CONNECTING
	onopen: (() => void) | null = null
	onerror: (() => void) | null = null
	private listeners = new Map<string, ((e: MessageEvent) => void)[]>()

	constructor(readonly url: string) {
		FakeEventSource.last = this
	}
	addEventListener(type: string, fn: (e: MessageEvent) => void) {
		this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn])
	}
	close() {
		this.readyState = FakeEventSource.CLOSED
	}
	open() {
		this.readyState = FakeEventSource.OPEN
		this.onopen?.()
	}
	emit(type: string, data: string) {
		for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data }))
	}
	drop() {
		this.readyState = FakeEventSource.CONNECTING
		this.onerror?.()
	}
}

const deployment = (status: Deployment['status']) => ({ id: 7, status }) as Deployment

describe('useDeploymentStream', () => {
	beforeEach(() => {
		vi.useFakeTimers()
		vi.stubGlobal('EventSource', FakeEventSource)
	})
	afterEach(() => {
		vi.useRealTimers()
		vi.unstubAllGlobals()
	})

	it('collectsColouredLinesAndStatusUntilTheEnd', () => {
		const seen: string[] = []
		const scope = effectScope()
		const stream = scope.run(() => useDeploymentStream(7, (d) => seen.push(d.status)))!
		const server = FakeEventSource.last

		expect(server.url).toBe('/api/deployments/7/log')
		server.open()
		server.emit('log', '\x1b[32m[INFO]\x1b[0m Building hello')
		server.emit('status', JSON.stringify(deployment('STARTING')))
		server.emit('log', 'Started')
		vi.advanceTimersByTime(100)

		expect(stream.state.value).toBe('live')
		expect(stream.lines.value.map((l) => l.text)).toEqual(['[INFO] Building hello', 'Started'])
		expect(stream.lines.value[0]!.segments[0]!.classes).toEqual(['ansi-fg-2'])

		server.emit('end', JSON.stringify(deployment('RUNNING')))
		expect(seen).toEqual(['STARTING', 'RUNNING'])
		expect(stream.state.value).toBe('ended')
		expect(server.readyState).toBe(FakeEventSource.CLOSED)
		scope.stop()
	})

	it('startsTheLinesAfreshWhenTheServerReplaysTheLogAfterAReconnect', () => {
		const scope = effectScope()
		const stream = scope.run(() => useDeploymentStream(7, () => {}))!
		const server = FakeEventSource.last
		server.open()
		server.emit('log', 'one')
		server.emit('log', 'two')
		vi.advanceTimersByTime(100)

		server.drop()
		expect(stream.state.value).toBe('reconnecting')
		server.open()
		server.emit('log', 'one')
		server.emit('log', 'two')
		server.emit('log', 'three')
		vi.advanceTimersByTime(100)

		expect(stream.lines.value.map((l) => l.text)).toEqual(['one', 'two', 'three'])
		scope.stop()
	})
})
