import type { Span } from '@/api/observability'

/** One row of a trace's waterfall: a span, where it sits in the tree and where its bar goes. */
export interface WaterfallRow {
	/** `segmentId:spanId`, unique in a trace. */
	key: string
	span: Span
	depth: number
	/** Key of the parent row, null for a root. */
	parentKey: string | null
	/** The parent is in another segment (reached through a ref): another thread, process or service. */
	viaRef: boolean
	childCount: number
	/** Milliseconds from the trace's start to the span's start and its own length (0 when its clock ran backwards). */
	offsetMs: number
	durationMs: number
	/** The bar, in percent of the trace's length. */
	left: number
	width: number
}

export interface Waterfall {
	rows: WaterfallRow[]
	/** Epoch milliseconds of the earliest start and the latest end; `totalMs` is at least 1. */
	startMs: number
	endMs: number
	totalMs: number
	/** Keys of spans whose parent is not in the trace (a segment the OAP did not get): shown as roots. */
	orphans: string[]
}

export const spanKey = (segmentId: string, spanId: number) => `${segmentId}:${spanId}`

/** Epoch milliseconds of an ISO-8601 instant (or of epoch milliseconds written as digits); NaN if neither. */
export function instantMs(value: string | number | null | undefined): number {
	if (value === null || value === undefined || value === '') return Number.NaN
	if (typeof value === 'number') return value
	return /^\d+$/.test(value) ? Number(value) : Date.parse(value)
}

/**
 * Arranges a trace's spans as a tree, depth first, siblings by start time. Within a segment a span hangs
 * under `parentSpanId`; a segment's first span hangs under the span its first known ref points at
 * (`parentSegmentId` / `parentSpanId`). Spans whose parent is missing become roots, and so does
 * anything a malformed trace would make a cycle of, so every span is shown exactly once whatever the order
 * of the input.
 */
export function buildWaterfall(spans: readonly Span[]): Waterfall {
	const byKey = new Map<string, Span>()
	for (const s of spans) byKey.set(spanKey(s.segmentId, s.spanId), s)

	const times = new Map<string, { start: number; end: number }>()
	let startMs = Number.POSITIVE_INFINITY
	let endMs = Number.NEGATIVE_INFINITY
	for (const [key, s] of byKey) {
		const start = instantMs(s.start)
		let end = instantMs(s.end)
		if (Number.isNaN(end) || end < start) end = start
		times.set(key, { start, end })
		if (!Number.isNaN(start)) {
			startMs = Math.min(startMs, start)
			endMs = Math.max(endMs, end)
		}
	}
	if (!Number.isFinite(startMs)) {
		startMs = 0
		endMs = 0
	}
	const totalMs = Math.max(1, endMs - startMs)

	const parentOf = new Map<string, { key: string; viaRef: boolean }>()
	const orphans: string[] = []
	for (const [key, s] of byKey) {
		if (s.parentSpanId >= 0) {
			const parent = spanKey(s.segmentId, s.parentSpanId)
			if (parent !== key && byKey.has(parent)) {
				parentOf.set(key, { key: parent, viaRef: false })
				continue
			}
		}
		const ref = (s.refs ?? []).map((r) => spanKey(r.parentSegmentId, r.parentSpanId)).find((k) => k !== key && byKey.has(k))
		if (ref) parentOf.set(key, { key: ref, viaRef: true })
		else if (s.parentSpanId >= 0 || (s.refs ?? []).length > 0) orphans.push(key)
	}

	const children = new Map<string, string[]>()
	const roots: string[] = []
	for (const key of byKey.keys()) {
		const parent = parentOf.get(key)
		if (parent) children.set(parent.key, [...(children.get(parent.key) ?? []), key])
		else roots.push(key)
	}
	const startOf = (k: string) => {
		const t = times.get(k)!.start
		return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t
	}
	const bySegmentThenSpan = (a: string, b: string) => {
		const x = byKey.get(a)!
		const y = byKey.get(b)!
		return x.segmentId === y.segmentId ? x.spanId - y.spanId : x.segmentId < y.segmentId ? -1 : 1
	}
	const order = (a: string, b: string) => startOf(a) - startOf(b) || bySegmentThenSpan(a, b)
	for (const list of children.values()) list.sort(order)
	roots.sort(order)

	const rows: WaterfallRow[] = []
	const placed = new Set<string>()
	const visit = (key: string, depth: number, parentKey: string | null) => {
		// an explicit stack: a trace can be deep, and recursion depth is the browser's to limit
		const stack: { key: string; depth: number; parentKey: string | null }[] = [{ key, depth, parentKey }]
		while (stack.length) {
			const item = stack.pop()!
			if (placed.has(item.key)) continue
			placed.add(item.key)
			const span = byKey.get(item.key)!
			const t = times.get(item.key)!
			const offsetMs = Number.isNaN(t.start) ? 0 : t.start - startMs
			const durationMs = Number.isNaN(t.start) ? 0 : t.end - t.start
			const kids = (children.get(item.key) ?? []).filter((k) => !placed.has(k))
			rows.push({
				key: item.key,
				span,
				depth: item.depth,
				parentKey: item.parentKey,
				viaRef: item.parentKey !== null && parentOf.get(item.key)?.viaRef === true,
				childCount: kids.length,
				offsetMs,
				durationMs,
				left: (offsetMs / totalMs) * 100,
				width: (durationMs / totalMs) * 100,
			})
			for (let i = kids.length - 1; i >= 0; i--) stack.push({ key: kids[i]!, depth: item.depth + 1, parentKey: item.key })
		}
	}
	for (const root of roots) visit(root, 0, null)
	// what a cycle kept out of reach of every root is still shown, as roots of their own
	for (const key of [...byKey.keys()].sort(order)) {
		if (!placed.has(key)) {
			orphans.push(key)
			visit(key, 0, null)
		}
	}
	return { rows, startMs, endMs, totalMs, orphans }
}

/** The rows left visible when the given rows are collapsed (their descendants hidden). */
export function visibleRows(rows: readonly WaterfallRow[], collapsed: ReadonlySet<string>): WaterfallRow[] {
	const visible: WaterfallRow[] = []
	let hideBelow = -1
	for (const row of rows) {
		if (hideBelow >= 0) {
			if (row.depth > hideBelow) continue
			hideBelow = -1
		}
		visible.push(row)
		if (collapsed.has(row.key) && row.childCount > 0) hideBelow = row.depth
	}
	return visible
}

/** "0.8 ms", "245 ms", "1.24 s", "2m 05s". */
export function formatMs(ms: number | null | undefined): string {
	if (ms == null || Number.isNaN(ms)) return ''
	if (ms < 1) return `${Number(Math.max(0, ms).toFixed(1))} ms`
	if (ms < 1000) return `${Math.round(ms)} ms`
	if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))} s`
	const s = Math.round(ms / 1000)
	return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`
}
