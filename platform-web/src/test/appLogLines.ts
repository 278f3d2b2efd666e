import type { AppLogLine } from '@/api/observability'

const T0 = Date.parse('2026-11-22T10:00:00.000Z')

/** The n-th line an app wrote (a later n is a newer line), with what a test wants changed. */
export function appLine(n: number, more: Partial<AppLogLine> = {}): AppLogLine {
	return {
		timestamp: new Date(T0 + n * 1000).toISOString(),
		level: 'INFO',
		logger: 'io.platform.demo.OrderController',
		message: `line ${n}`,
		traceId: null,
		service: 'orders',
		env: 'test',
		deploymentId: '7',
		instance: '7',
		...more,
	}
}

/** Lines from..to newest first, as the server pages them. */
export const newestFirst = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => appLine(to - i))
