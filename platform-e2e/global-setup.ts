import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromiumMissing, ci } from './support/chromium'
import { agentDirectory, oapMissing, startOap, type RunningOap } from './support/oap'
import { startPlatform, type RunningPlatform } from './support/platform'
import { SampleRepo } from './support/sample-repo'

/**
 * One platform for the whole run: a temporary home, a real Git repository of the sample service, the
 * built jar on a free port, and beside it a real SkyWalking OAP for the triage test, started at the same
 * time (it takes about 30 s). The tests find them through E2E_PLATFORM_URL, E2E_REPO_* and E2E_OAP_*.
 */
export default async function globalSetup() {
	if (chromiumMissing) {
		if (ci) throw new Error(`${chromiumMissing} - and CI=true, so this is a failure`)
		console.warn(`\n*** ${chromiumMissing} ***\n`)
		return
	}
	if (oapMissing) {
		if (ci) throw new Error(`${oapMissing} - and CI=true, so this is a failure`)
		console.warn(`\n*** ${oapMissing} ***\n`)
	}
	const dir = mkdtempSync(join(tmpdir(), 'platform-e2e-'))
	const logs = resolve('target/e2e')
	mkdirSync(logs, { recursive: true })
	const started = Date.now()
	let repo: SampleRepo
	let platform: RunningPlatform
	let oap: RunningOap | null = null
	try {
		repo = SampleRepo.create(join(dir, 'repo'))
		const since = (at: number) => `${((at - started) / 1000).toFixed(1)} s`
		const [platformStart, oapStart] = await Promise.allSettled([
			startPlatform(join(dir, 'home'), join(logs, 'platform.log'), oapMissing ? [] : [`--platform.skywalking.agent-dir=${agentDirectory}`]).then((p) => {
				console.log(`platform up at ${p.url} in ${since(Date.now())} (log: target/e2e/platform.log)`)
				return p
			}),
			oapMissing
				? Promise.resolve(null)
				: startOap(join(logs, 'oap')).then((o) => {
						console.log(`SkyWalking OAP up at ${o.restUrl} (gRPC ${o.grpcPort}) in ${since(Date.now())} (logs: target/e2e/oap/)`)
						return o
					}),
		])
		if (platformStart.status === 'rejected' || oapStart.status === 'rejected') {
			if (platformStart.status === 'fulfilled') await platformStart.value.stop()
			if (oapStart.status === 'fulfilled') await oapStart.value?.stop()
			throw platformStart.status === 'rejected' ? platformStart.reason : (oapStart as PromiseRejectedResult).reason
		}
		platform = platformStart.value
		oap = oapStart.value
	} catch (e) {
		rmSync(dir, { recursive: true, force: true })
		throw e
	}
	process.env.E2E_PLATFORM_URL = platform.url
	process.env.E2E_REPO_ORIGIN = repo.origin
	process.env.E2E_REPO_WORK = repo.work
	if (oap) {
		process.env.E2E_OAP_REST_PORT = String(oap.restPort)
		process.env.E2E_OAP_GRPC_PORT = String(oap.grpcPort)
	}

	return async () => {
		await Promise.all([platform.stop(), oap?.stop()])
		rmSync(dir, { recursive: true, force: true })
	}
}
