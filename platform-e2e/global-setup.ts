import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromiumMissing, ci } from './support/chromium'
import { startPlatform, type RunningPlatform } from './support/platform'
import { SampleRepo } from './support/sample-repo'

/**
 * One platform for the whole run: a temporary home, a real Git repository of the sample service, the
 * built jar on a free port. The tests find it through E2E_PLATFORM_URL and E2E_REPO_*.
 */
export default async function globalSetup() {
	if (chromiumMissing) {
		if (ci) throw new Error(`${chromiumMissing} - and CI=true, so this is a failure`)
		console.warn(`\n*** ${chromiumMissing} ***\n`)
		return
	}
	const dir = mkdtempSync(join(tmpdir(), 'platform-e2e-'))
	const logs = resolve('target/e2e')
	mkdirSync(logs, { recursive: true })
	const started = Date.now()
	let repo: SampleRepo
	let platform: RunningPlatform
	try {
		repo = SampleRepo.create(join(dir, 'repo'))
		platform = await startPlatform(join(dir, 'home'), join(logs, 'platform.log'))
	} catch (e) {
		rmSync(dir, { recursive: true, force: true })
		throw e
	}
	console.log(`platform up at ${platform.url} in ${((Date.now() - started) / 1000).toFixed(1)} s (log: target/e2e/platform.log)`)
	process.env.E2E_PLATFORM_URL = platform.url
	process.env.E2E_REPO_ORIGIN = repo.origin
	process.env.E2E_REPO_WORK = repo.work

	return async () => {
		await platform.stop()
		rmSync(dir, { recursive: true, force: true })
	}
}
