import { onScopeDispose, ref, shallowRef } from 'vue'
import { deploymentsApi, isActive, type Deployment } from '@/api/deployments'
import type { LogLine } from '@/components/LogView.vue'
import { AnsiParser } from '@/utils/ansi'

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'closed'

/**
 * Follows a deployment's log over server-sent events (`log`, `status`, `end`). The server sends the
 * whole log again on every connection, so a reconnect starts the lines afresh. Lines are parsed
 * (ANSI colours) as they come and handed to the page in small batches.
 */
export function useDeploymentStream(id: string | number, onDeployment: (d: Deployment) => void) {
	const lines = shallowRef<LogLine[]>([])
	const state = ref<StreamState>('connecting')
	let parser = new AnsiParser()
	let pending: string[] = []
	let flushTimer: ReturnType<typeof setTimeout> | undefined
	let source: EventSource | null = null

	function flush() {
		clearTimeout(flushTimer)
		flushTimer = undefined
		if (!pending.length) return
		const parsed = pending.map((raw) => {
			const segments = parser.parse(raw)
			return { segments, text: segments.map((s) => s.text).join('') }
		})
		pending = []
		lines.value = lines.value.concat(parsed)
	}

	function queue(data: string) {
		for (const raw of data.split('\n')) pending.push(raw)
		flushTimer ??= setTimeout(flush, 60)
	}

	function readDeployment(e: Event): Deployment | null {
		try {
			return JSON.parse((e as MessageEvent<string>).data) as Deployment
		} catch {
			return null
		}
	}

	function open() {
		if (typeof EventSource === 'undefined') {
			state.value = 'closed'
			return
		}
		source = new EventSource(deploymentsApi.logStreamUrl(id))
		source.onopen = () => {
			state.value = 'live'
			pending = []
			parser = new AnsiParser()
			lines.value = []
		}
		source.addEventListener('log', (e) => queue((e as MessageEvent<string>).data))
		source.addEventListener('status', (e) => {
			const d = readDeployment(e)
			if (d) onDeployment(d)
		})
		source.addEventListener('end', (e) => {
			flush()
			const d = readDeployment(e)
			if (d) onDeployment(d)
			close('ended')
		})
		source.onerror = () => {
			if (!source) return
			// the browser retries by itself unless the server refused the stream outright
			state.value = source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'
			if (state.value === 'closed') void fallback()
		}
	}

	/** Without a stream, the whole log as text is still worth showing. */
	async function fallback() {
		try {
			const text = await deploymentsApi.log(id)
			pending = []
			parser = new AnsiParser()
			lines.value = []
			queue(text.replace(/\n$/, ''))
			flush()
		} catch {
			// the page shows the deployment's own error
		}
	}

	function close(final: StreamState = 'closed') {
		source?.close()
		source = null
		flush()
		state.value = final
	}

	/** Stops following when the deployment is over and the server did not say `end` (e.g. after a reconnect). */
	function settle(d: Deployment) {
		if (!isActive(d.status) && state.value === 'reconnecting') close('ended')
	}

	open()
	onScopeDispose(() => {
		clearTimeout(flushTimer)
		source?.close()
		source = null
	})

	return { lines, state, close, settle }
}
