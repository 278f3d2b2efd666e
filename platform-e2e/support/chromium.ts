import { execFileSync } from 'node:child_process'
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

/**
 * Why the 中文 screenshots would show boxes instead of characters, or null when a Chinese font is there
 * (Debian's fonts-noto-cjk, which setup.sh installs).
 */
export const cjkFontMissing: string | null = (() => {
	try {
		if (execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim()) return null
	} catch {
		// no fontconfig: no font either
	}
	return 'No Chinese font (fc-list :lang=zh is empty; as root, ./setup.sh installs fonts-noto-cjk): the 中文 screenshots show boxes'
})()
