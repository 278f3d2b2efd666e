import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'
import { freePort } from './platform'

/**
 * A real Apache SkyWalking OAP 10.1.0 for the triage test. Its jars and the SkyWalking agent come from
 * Maven Central through log-query's separate build (log-query/src/test/skywalking-oap), which this module's
 * pom runs into target/ before the tests; its configuration data lives outside the project. Each can be
 * pointed elsewhere with an environment variable.
 */
export const oapDirectory = resolve(process.env.SKYWALKING_OAP_DIR ?? 'target/skywalking-oap')
export const agentDirectory = resolve(process.env.SKYWALKING_AGENT_DIR ?? 'target/skywalking-agent')
export const oapConfig = resolve(process.env.SKYWALKING_OAP_CONFIG ?? '../../shared/skywalking-oap/config')

const prepare = "platform-e2e's pom builds it before the tests, see platform-e2e/README.md"

/** Why no OAP can run here, or null when it can. */
export const oapMissing: string | null = !existsSync(join(oapDirectory, 'skywalking-oap.jar'))
	? `No SkyWalking OAP build at ${oapDirectory} (set SKYWALKING_OAP_DIR; ${prepare}): the triage test is skipped`
	: !existsSync(join(agentDirectory, 'skywalking-agent.jar'))
		? `No SkyWalking agent at ${agentDirectory} (set SKYWALKING_AGENT_DIR; ${prepare}): the triage test is skipped`
		: !existsSync(join(oapConfig, 'application.yml'))
			? `No SkyWalking OAP configuration at ${oapConfig} (set SKYWALKING_OAP_CONFIG): the triage test is skipped`
			: null

export interface RunningOap {
	/** OAP's HTTP address: GraphQL at /graphql, segment reports at /v3/segments. */
	restUrl: string
	restPort: number
	grpcPort: number
	stop(): Promise<void>
}

/** The README's set: receivers and query languages nothing here uses, left out to start faster. */
const ENVIRONMENT: Record<string, string> = {
	SW_CORE_PERSISTENT_PERIOD: '5',
	SW_OTEL_RECEIVER: '-',
	SW_RECEIVER_TELEGRAF: '-',
	SW_RECEIVER_AWS_FIREHOSE: '-',
	SW_PROMQL: '-',
	SW_LOGQL: '-',
	SW_RECEIVER_EBPF: '-',
	SW_ENVOY_METRIC: '-',
	SW_SERVICE_MESH: '-',
	SW_RECEIVER_BROWSER: '-',
}

/**
 * Starts OAP in a child JVM on two free ports, its logs under `work`, and waits until it answers a
 * GraphQL `{ version }` (about 30 s). The launcher stops OAP when its standard input closes, so OAP also
 * goes away when this process dies without its teardown.
 */
export async function startOap(work: string, timeoutMs = 180_000): Promise<RunningOap> {
	mkdirSync(work, { recursive: true })
	const restPort = await freePort()
	const grpcPort = await freePort()
	const restUrl = `http://127.0.0.1:${restPort}`
	const consoleLog = join(work, 'console.log')
	const log = createWriteStream(consoleLog)
	const classpath = [oapConfig, join(oapDirectory, 'skywalking-oap.jar'), join(oapDirectory, 'lib', '*')].join(delimiter)
	const child = spawn(
		'java',
		['-Xms256m', '-Xmx512m', `-Doap.logDir=${join(work, 'logs')}`, '-cp', classpath, 'io.platform.logs.oap.OapMain'],
		{
			cwd: work,
			env: { ...process.env, ...ENVIRONMENT, SW_CORE_REST_PORT: String(restPort), SW_CORE_GRPC_PORT: String(grpcPort) },
			stdio: ['pipe', 'pipe', 'pipe'],
		},
	)
	child.stdout!.pipe(log)
	child.stderr!.pipe(log)
	const killOnExit = () => child.kill('SIGKILL')
	process.once('exit', killOnExit)
	const oap: RunningOap = {
		restUrl,
		restPort,
		grpcPort,
		stop: async () => {
			await stop(child)
			process.removeListener('exit', killOnExit)
		},
	}
	const tail = () => `${lastLines(consoleLog, 10)}\n${lastLines(join(work, 'logs', 'skywalking-oap-server.log'), 20)}`
	try {
		await waitForVersion(restUrl, child, timeoutMs, tail)
	} catch (e) {
		await oap.stop()
		throw e
	}
	return oap
}

async function waitForVersion(url: string, child: ChildProcess, timeoutMs: number, tail: () => string) {
	const deadline = Date.now() + timeoutMs
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			const text = tail()
			const clash = text.includes('Address already in use') ? ' (a port was taken between choosing and binding it; run again)' : ''
			throw new Error(`SkyWalking OAP exited with ${child.exitCode}${clash}:\n${text}`)
		}
		try {
			const res = await fetch(`${url}/graphql`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ query: '{ version }' }),
				signal: AbortSignal.timeout(5_000),
			})
			if (res.ok && (await res.text()).includes('"version"')) return
		} catch {
			// not listening yet
		}
		await sleep(500)
	}
	throw new Error(`SkyWalking OAP did not answer { version } on ${url} within ${timeoutMs / 1000} s:\n${tail()}`)
}

async function stop(child: ChildProcess) {
	if (child.exitCode !== null || child.signalCode !== null) return
	const exited = new Promise<void>((done) => child.once('exit', () => done()))
	// the launcher's way out: end of its standard input
	child.stdin!.end()
	const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
	await exited
	clearTimeout(timer)
}

function lastLines(file: string, count: number) {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-count).join('\n')
	} catch {
		return `(no ${file})`
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
