const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** "14:03:27.451" in the reader's time zone, with the day in front ("11-21 14:03:27.451") when it is not today. */
export function clockTime(iso: string | null | undefined, now: Date = new Date()): string {
	if (!iso) return ''
	const d = new Date(iso)
	if (Number.isNaN(d.getTime())) return iso
	const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
	const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate()
	return sameDay ? time : `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`
}

/** The class name of a logger ("io.platform.demo.OrderController" -> "OrderController"). */
export function shortLogger(logger: string | null | undefined): string {
	if (!logger) return ''
	const at = logger.lastIndexOf('.')
	return at < 0 || at === logger.length - 1 ? logger : logger.slice(at + 1)
}

/**
 * Enough of a trace id to tell it apart in a list; the whole id goes in a tooltip. Its end is kept: the ids
 * of one SkyWalking instance share their beginning (the instance's own id) and differ in their end.
 */
export function shortTraceId(traceId: string, head = 4, tail = 8): string {
	return traceId.length <= head + tail + 1 ? traceId : `${traceId.slice(0, head)}…${traceId.slice(-tail)}`
}
