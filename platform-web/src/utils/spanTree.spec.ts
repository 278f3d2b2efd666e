import { describe, expect, it } from 'vitest'
import type { Span } from '@/api/observability'
import { buildWaterfall, formatMs, instantMs, visibleRows } from './spanTree'

const T0 = Date.parse('2026-11-22T10:00:00.000Z')
const at = (ms: number) => new Date(T0 + ms).toISOString()

function span(segmentId: string, spanId: number, parentSpanId: number, from: number, to: number, more: Partial<Span> = {}): Span {
	return {
		segmentId,
		spanId,
		parentSpanId,
		refs: [],
		service: segmentId.startsWith('gw') ? 'dev::gateway' : 'dev::orders',
		instance: '42',
		start: at(from),
		end: at(to),
		endpoint: `${segmentId}/${spanId}`,
		type: 'Local',
		peer: null,
		component: null,
		error: false,
		layer: null,
		tags: [],
		logs: [],
		...more,
	}
}

/** A gateway calls the orders service, which runs a query that fails: two segments joined by a ref. */
const gateway = [
	span('gw-seg', 0, -1, 0, 120, { type: 'Entry', endpoint: 'GET:/orders' }),
	span('gw-seg', 1, 0, 10, 110, { type: 'Exit', peer: 'orders:8080' }),
	span('gw-seg', 2, 0, 112, 118),
]
const orders = [
	span('ord-seg', 0, -1, 15, 105, { type: 'Entry', refs: [{ parentSegmentId: 'gw-seg', parentSpanId: 1, type: 'CrossProcess' }] }),
	span('ord-seg', 1, 0, 20, 40),
	span('ord-seg', 2, 0, 45, 90, { type: 'Exit', error: true, layer: 'Database' }),
	span('ord-seg', 3, 1, 25, 30),
	span('ord-seg', 4, 0, 95, 100),
]

/** The same spans in an order no server would send them in. */
const shuffled = [orders[3]!, gateway[2]!, orders[0]!, orders[4]!, gateway[1]!, orders[2]!, gateway[0]!, orders[1]!]

describe('buildWaterfall', () => {
	it('nestsSpansWithinASegmentAndAcrossSegmentsThroughRefsWhateverTheInputOrder', () => {
		const w = buildWaterfall(shuffled)

		expect(w.rows.map((r) => `${'  '.repeat(r.depth)}${r.key}`)).toEqual([
			'gw-seg:0',
			'  gw-seg:1',
			'    ord-seg:0',
			'      ord-seg:1',
			'        ord-seg:3',
			'      ord-seg:2',
			'      ord-seg:4',
			'  gw-seg:2',
		])
		const row = (key: string) => w.rows.find((r) => r.key === key)!
		expect(row('ord-seg:0').parentKey).toBe('gw-seg:1')
		expect(row('ord-seg:0').viaRef).toBe(true)
		expect(row('ord-seg:1').viaRef).toBe(false)
		expect(row('gw-seg:0').parentKey).toBeNull()
		expect(row('gw-seg:0').childCount).toBe(2)
		expect(row('ord-seg:0').childCount).toBe(3)
		expect(w.orphans).toEqual([])
		expect(buildWaterfall([...gateway, ...orders]).rows.map((r) => r.key)).toEqual(w.rows.map((r) => r.key))
	})

	it('placesEachBarByItsStartAndLengthRelativeToTheTrace', () => {
		const w = buildWaterfall(shuffled)

		expect(w.startMs).toBe(T0)
		expect(w.endMs).toBe(T0 + 120)
		expect(w.totalMs).toBe(120)
		const bar = (key: string) => {
			const r = w.rows.find((x) => x.key === key)!
			return { offsetMs: r.offsetMs, durationMs: r.durationMs, left: r.left, width: r.width }
		}
		expect(bar('gw-seg:0')).toEqual({ offsetMs: 0, durationMs: 120, left: 0, width: 100 })
		expect(bar('ord-seg:2')).toEqual({ offsetMs: 45, durationMs: 45, left: 37.5, width: 37.5 })
		expect(bar('gw-seg:1').left).toBeCloseTo(8.333, 3)
		expect(bar('gw-seg:1').width).toBeCloseTo(83.333, 3)
		expect(bar('gw-seg:2').left + bar('gw-seg:2').width).toBeCloseTo(98.333, 3)
		expect(w.rows.find((r) => r.key === 'ord-seg:2')!.span.error).toBe(true)
	})

	it('ordersSiblingsByStartThenBySpanId', () => {
		const w = buildWaterfall([span('s', 0, -1, 0, 50), span('s', 3, 0, 10, 20), span('s', 2, 0, 10, 30), span('s', 1, 0, 20, 40)])

		expect(w.rows.map((r) => r.key)).toEqual(['s:0', 's:2', 's:3', 's:1'])
	})

	it('showsASegmentWhoseParentIsMissingAsARootAndNamesIt', () => {
		const lost = span('late-seg', 0, -1, 130, 150, { refs: [{ parentSegmentId: 'never-reported', parentSpanId: 4, type: 'CrossProcess' }] })
		const w = buildWaterfall([...orders.slice(1), lost, ...gateway])

		// ord-seg:0 is gone: its children hang nowhere and are shown as roots, after the gateway by start time
		expect(w.rows.filter((r) => r.depth === 0).map((r) => r.key)).toEqual(['gw-seg:0', 'ord-seg:1', 'ord-seg:2', 'ord-seg:4', 'late-seg:0'])
		expect(w.orphans.sort()).toEqual(['late-seg:0', 'ord-seg:1', 'ord-seg:2', 'ord-seg:4'])
		expect(w.rows).toHaveLength(orders.length - 1 + 1 + gateway.length)
		expect(w.totalMs).toBe(150)
	})

	it('usesALaterRefWhenTheFirstPointsOutsideTheTrace', () => {
		const joined = span('ord-seg', 0, -1, 15, 105, {
			refs: [
				{ parentSegmentId: 'elsewhere', parentSpanId: 0, type: 'CrossThread' },
				{ parentSegmentId: 'gw-seg', parentSpanId: 1, type: 'CrossProcess' },
			],
		})
		const w = buildWaterfall([joined, ...gateway])

		expect(w.rows.find((r) => r.key === 'ord-seg:0')!.parentKey).toBe('gw-seg:1')
	})

	it('keepsEverySpanOfACycleExactlyOnce', () => {
		const a = span('a', 0, -1, 0, 10, { refs: [{ parentSegmentId: 'b', parentSpanId: 0, type: 'CrossThread' }] })
		const b = span('b', 0, -1, 5, 10, { refs: [{ parentSegmentId: 'a', parentSpanId: 0, type: 'CrossThread' }] })
		const self = span('c', 1, 1, 2, 3)
		const w = buildWaterfall([b, self, a])

		expect(w.rows.map((r) => r.key).sort()).toEqual(['a:0', 'b:0', 'c:1'])
		// c:1 names itself as parent: a root of its own; the cycle is broken at its earliest span
		expect(w.rows.map((r) => `${r.depth}${r.key}`)).toEqual(['0c:1', '0a:0', '1b:0'])
		expect(w.orphans).toEqual(['c:1', 'a:0'])
	})

	it('givesASpanThatEndsBeforeItStartsNoLengthAndAnEmptyTraceNoBars', () => {
		const w = buildWaterfall([span('s', 0, -1, 0, 40), span('s', 1, 0, 30, 10)])
		expect(w.rows[1]!.durationMs).toBe(0)
		expect(w.rows[1]!.width).toBe(0)
		expect(w.totalMs).toBe(40)

		expect(buildWaterfall([])).toEqual({ rows: [], startMs: 0, endMs: 0, totalMs: 1, orphans: [] })
		const instant = buildWaterfall([span('s', 0, -1, 5, 5)])
		expect(instant.totalMs).toBe(1)
		expect(instant.rows[0]!.width).toBe(0)
	})
})

describe('visibleRows', () => {
	it('hidesTheDescendantsOfACollapsedSpanOnly', () => {
		const rows = buildWaterfall(shuffled).rows

		expect(visibleRows(rows, new Set(['ord-seg:0'])).map((r) => r.key)).toEqual(['gw-seg:0', 'gw-seg:1', 'ord-seg:0', 'gw-seg:2'])
		expect(visibleRows(rows, new Set(['ord-seg:1', 'gw-seg:2'])).map((r) => r.key)).toEqual([
			'gw-seg:0',
			'gw-seg:1',
			'ord-seg:0',
			'ord-seg:1',
			'ord-seg:2',
			'ord-seg:4',
			'gw-seg:2',
		])
		expect(visibleRows(rows, new Set(['gw-seg:0'])).map((r) => r.key)).toEqual(['gw-seg:0'])
	})
})

describe('formatMs and instantMs', () => {
	it('readsIsoInstantsAndEpochDigits', () => {
		expect(instantMs('2026-11-22T10:00:00.250Z')).toBe(T0 + 250)
		expect(instantMs(String(T0))).toBe(T0)
		expect(instantMs('')).toBeNaN()
	})

	it('writesDurationsAtAReadableScale', () => {
		expect(formatMs(0.25)).toBe('0.3 ms')
		expect(formatMs(245.4)).toBe('245 ms')
		expect(formatMs(1200)).toBe('1.2 s')
		expect(formatMs(1000)).toBe('1 s')
		expect(formatMs(125_000)).toBe('2m 05s')
	})
})
