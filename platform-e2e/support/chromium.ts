import { existsSync } from 'node:fs'

// Debian's Chromium: Playwright cannot download its own browser here. CHROMIUM overrides the path.
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium'

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
]

/** Why the browser tests cannot run here, or null when they can. */
export const chromiumMissing: string | null = existsSync(chromiumPath)
	? null
	: `Chromium not found at ${chromiumPath} (install Debian's chromium, or set CHROMIUM): browser tests skipped`

export const ci = process.env.CI === 'true'
