import { onScopeDispose, ref, shallowRef } from 'vue'
import { errorDetail, isApiError } from '@/api/http'
import { observabilityApi, type AppLogLine, type LogLevel } from '@/api/observability'

export interface AppLogFilters {
	/** Lucene query syntax over the message. */
	q: string
	/** Minimum level; '' for any. */
	level: LogLevel | ''
	traceId: string
	/** ISO-8601 instants, or null for an open end. */
	from: string | null
	to: string | null
}

export const noFilters = (): AppLogFilters => ({ q: '', level: '', traceId: '', from: null, to: null })

export const hasFilters = (f: AppLogFilters | null) => !!f && !!(f.q.trim() || f.level || f.traceId.trim() || f.from || f.to)

export type LiveState = 'off' | 'connecting' | 'live' | 'reconnecting' | 'closed'

/** A 400 answer to a search: the filter it names (`q`, `from`, `level`...) and what is wrong with it. */
export interface InvalidFilter {
	field: string | null
	detail: string
}

const lineKey = (l: AppLogLine) => `${l.timestamp}|${l.instance ?? ''}|${l.message}`

/**
 * A deployment's app log lines: searched a page at a time (newest first, older pages through the
 * server's cursor), or followed live over server-sent events, new lines on top. Live lines are kept to
 * `cap` in memory; what falls off the bottom can be searched again once Live is off.
 */
export function useAppLogs(id: number | string, options: { pageSize?: number; cap?: number; batchMs?: number } = {}) {
	const pageSize = options.pageSize ?? 100
	const cap = options.cap ?? 2000
	const batchMs = options.batchMs ?? 100

	const lines = shallowRef<AppLogLine[]>([])
	const nextCursor = ref<string | null>(null)
	const loading = ref(false)
	const loadingMore = ref(false)
	/** The filters of the lines shown; null until the first answer. */
	const shown = ref<AppLogFilters | null>(null)
	const invalid = ref<InvalidFilter | null>(null)
	const error = ref<string | null>(null)
	const live = ref<LiveState>('off')
	/** Live lines pushed older ones out of memory: the list no longer reaches back as far as it did. */
	const trimmed = ref(false)

	let seq = 0

	/** Replaces the lines with the first page of a search; a refused search keeps the lines shown. */
	async function search(filters: AppLogFilters): Promise<boolean> {
		const mine = ++seq
		loading.value = true
		try {
			const page = await observabilityApi.logs(id, { ...filters, limit: pageSize })
			if (mine !== seq) return false
			lines.value = page.lines
			nextCursor.value = page.nextCursor
			shown.value = { ...filters }
			invalid.value = null
			error.value = null
			trimmed.value = false
			return true
		} catch (e) {
			if (mine !== seq) return false
			if (isApiError(e) && e.status === 400) {
				const field = e.errors[0]?.field ?? null
				invalid.value = { field, detail: e.detail }
				error.value = null
			} else {
				error.value = errorDetail(e)
			}
			return false
		} finally {
			if (mine === seq) loading.value = false
		}
	}

	/** Adds the next older page below the lines shown. */
	async function loadMore() {
		const cursor = nextCursor.value
		if (!cursor || loadingMore.value || !shown.value) return
		const mine = seq
		loadingMore.value = true
		try {
			const page = await observabilityApi.logs(id, { ...shown.value, limit: pageSize, cursor })
			if (mine !== seq || cursor !== nextCursor.value) return
			lines.value = lines.value.concat(page.lines)
			nextCursor.value = page.nextCursor
			error.value = null
		} catch (e) {
			if (mine === seq) error.value = errorDetail(e)
		} finally {
			loadingMore.value = false
		}
	}

	// --- live tail

	let source: EventSource | null = null
	let pending: AppLogLine[] = []
	let flushTimer: ReturnType<typeof setTimeout> | undefined
	// lines that arrive before the first page has been read wait for it, so neither overwrites the other
	let ready = false

	function flush() {
		clearTimeout(flushTimer)
		flushTimer = undefined
		if (!ready || pending.length === 0) return
		const batch = pending
		pending = []
		// the stream and the first page overlap by a moment: a line already listed is not listed twice
		const seen = new Set(lines.value.slice(0, pageSize + batch.length).map(lineKey))
		const fresh: AppLogLine[] = []
		for (let i = batch.length - 1; i >= 0; i--) {
			const key = lineKey(batch[i]!)
			if (seen.has(key)) continue
			seen.add(key)
			fresh.push(batch[i]!)
		}
		if (fresh.length === 0) return
		let next = fresh.concat(lines.value)
		if (next.length > cap) {
			next = next.slice(0, cap)
			trimmed.value = true
			// the cursor points below lines that are gone: paging on from it would leave a hole
			nextCursor.value = null
		}
		lines.value = next
	}

	function onLine(e: Event) {
		let line: AppLogLine
		try {
			line = JSON.parse((e as MessageEvent<string>).data) as AppLogLine
		} catch {
			return
		}
		if (!line || typeof line !== 'object') return
		pending.push(line)
		// before the first page is in, keep no more than could be shown anyway
		if (pending.length > cap) pending.splice(0, pending.length - cap)
		flushTimer ??= setTimeout(flush, batchMs)
	}

	/**
	 * Follows new lines. The stream filters by query, level and trace id (no time range), so the shown page
	 * is searched again without the range, and new lines go on top of it.
	 */
	function startLive(filters: AppLogFilters) {
		stopLive()
		if (typeof EventSource === 'undefined') {
			live.value = 'closed'
			return
		}
		live.value = 'connecting'
		ready = false
		const opened = new EventSource(observabilityApi.logStreamUrl(id, { q: filters.q, level: filters.level, traceId: filters.traceId }))
		source = opened
		opened.onopen = () => {
			if (source === opened) live.value = 'live'
		}
		opened.addEventListener('line', (e) => source === opened && onLine(e))
		opened.onerror = () => {
			if (source !== opened) return
			// the browser retries by itself unless the server refused the stream outright
			if (opened.readyState === EventSource.CLOSED) {
				source = null
				live.value = 'closed'
				flush()
			} else {
				live.value = 'reconnecting'
			}
		}
		void search({ ...filters, from: null, to: null }).finally(() => {
			if (source !== opened) return
			ready = true
			flush()
		})
	}

	function stopLive() {
		source?.close()
		source = null
		clearTimeout(flushTimer)
		flushTimer = undefined
		pending = []
		live.value = 'off'
	}

	onScopeDispose(stopLive)

	return { lines, nextCursor, loading, loadingMore, shown, invalid, error, live, trimmed, search, loadMore, startLive, stopLive, cap }
}
