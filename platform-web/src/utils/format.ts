/** The first 7 characters of a commit id, as Git shows it. */
export const shortCommit = (commit: string | null | undefined) => (commit ? commit.slice(0, 7) : '')

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60],
	['second', 1],
]

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>()

/** "3 min. ago" / "3分钟前"; `justNow` below 10 seconds. */
export function formatAge(iso: string | null | undefined, now: number, locale: string, justNow: string): string {
	if (!iso) return ''
	const then = Date.parse(iso)
	if (Number.isNaN(then)) return ''
	const seconds = Math.round((now - then) / 1000)
	if (Math.abs(seconds) < 10) return justNow
	let format = relativeFormats.get(locale)
	if (!format) {
		format = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'short' })
		relativeFormats.set(locale, format)
	}
	for (const [unit, size] of UNITS) {
		if (Math.abs(seconds) >= size || unit === 'second') {
			return format.format(-Math.trunc(seconds / size), unit)
		}
	}
	return ''
}

/** "45s", "2m 05s", "1h 02m". */
export function formatDuration(ms: number | null | undefined): string {
	if (ms == null || Number.isNaN(ms) || ms < 0) return ''
	const s = Math.round(ms / 1000)
	if (s < 60) return `${s}s`
	const m = Math.floor(s / 60)
	if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`
	return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`
}

/** From start to finish, or to now while it is still going. */
export function durationBetween(start: string | null | undefined, end: string | null | undefined, now: number) {
	if (!start) return null
	const from = Date.parse(start)
	const to = end ? Date.parse(end) : now
	return Number.isNaN(from) || Number.isNaN(to) ? null : to - from
}

export function formatDateTime(iso: string | null | undefined, locale: string): string {
	if (!iso) return ''
	const d = new Date(iso)
	if (Number.isNaN(d.getTime())) return ''
	return d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' })
}
