/** Stands in for the browser's EventSource: the test plays the server. */
export class FakeEventSource {
	static readonly CONNECTING = 0
	static readonly OPEN = 1
	static readonly CLOSED = 2
	static all: FakeEventSource[] = []
	static get last(): FakeEventSource {
		return FakeEventSource.all[FakeEventSource.all.length - 1]!
	}
	readyState = FakeEventSource.CONNECTING
	onopen: (() => void) | null = null
	onerror: (() => void) | null = null
	private listeners = new Map<string, ((e: MessageEvent) => void)[]>()

	constructor(readonly url: string) {
		FakeEventSource.all.push(this)
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
	/** Sends an event, as the server would; a closed source hears nothing, as in a browser. */
	emit(type: string, data: string, evenIfClosed = false) {
		if (this.readyState === FakeEventSource.CLOSED && !evenIfClosed) return
		for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data }))
	}
	/** The connection dropped; the browser will try again. */
	drop() {
		this.readyState = FakeEventSource.CONNECTING
		this.onerror?.()
	}
	/** The server refused the stream: the browser gives up. */
	refuse() {
		this.readyState = FakeEventSource.CLOSED
		this.onerror?.()
	}
}
