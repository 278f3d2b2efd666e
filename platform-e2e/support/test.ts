import { test as base, expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromiumMissing } from './chromium'
import { admin } from './platform'
import { SampleRepo } from './sample-repo'
import { createToken, signedInApi } from './session'

export { expect }

/**
 * Tests against the platform the global setup started; skipped (visibly) when there is no Chromium.
 * `request` is the platform's API as its admin, through a personal access token (the way a script calls
 * it: no session, so no CSRF token either); the browser's `page` starts signed out, and a test fails when
 * the platform's Content-Security-Policy blocked anything on it (a script, a style, a request).
 */
export const test = base.extend<object, { adminToken: string }>({
	baseURL: async ({}, use) => {
		await use(process.env.E2E_PLATFORM_URL)
	},
	adminToken: [
		async ({ playwright }, use) => {
			const api = await signedInApi(playwright, required('E2E_PLATFORM_URL'), admin)
			const token = await createToken(api, `e2e-${process.pid}-${Date.now()}`)
			await api.dispose()
			await use(token)
		},
		{ scope: 'worker' },
	],
	page: async ({ page }, use) => {
		const blocked: string[] = []
		page.on('console', (message) => {
			if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) blocked.push(message.text())
		})
		await use(page)
		expect(blocked, 'what the Content-Security-Policy blocked').toEqual([])
	},
	request: async ({ playwright, baseURL, adminToken }, use) => {
		const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${adminToken}` } })
		await use(api)
		await api.dispose()
	},
})

/** Call at the top of each spec file. */
export function skipWithoutChromium() {
	test.skip(!!chromiumMissing, chromiumMissing ?? '')
}

/** What the global setup made: the sample service's Git repository. */
export function sampleRepo(): SampleRepo {
	return SampleRepo.open(required('E2E_REPO_ORIGIN'), required('E2E_REPO_WORK'))
}

function required(name: string) {
	const value = process.env[name]
	if (!value) throw new Error(`${name} is not set: the global setup did not run`)
	return value
}

// Screenshots for the README go to target/ unless SCREENSHOTS_DIR says where (../docs/screenshots).
const screenshots = resolve(process.env.SCREENSHOTS_DIR ?? 'target/screenshots')

export async function screenshot(page: Page, name: string) {
	mkdirSync(screenshots, { recursive: true })
	// the picture is for people: no passing toast, spinners and transitions settled
	await page.locator('.el-message').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {})
	await page.waitForTimeout(300)
	await page.screenshot({ path: join(screenshots, `${name}.png`) })
}

export interface Deployment {
	id: number
	app: string
	env: string
	kind: string
	branches: string[]
	buildNumber: number | null
	status: string
	url: string | null
	image: string | null
	commit: string | null
	steps: { name: string; status: string; startedAt: string | null; finishedAt: string | null }[]
}
