import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs'
import { createServer } from 'node:net'
import { resolve } from 'node:path'

/** The platform jar that `mvn package` builds; PLATFORM_JAR overrides. */
export const platformJar = resolve(process.env.PLATFORM_JAR ?? '../platform-api/target/platform-api.jar')

/**
 * The first platform admin the platform creates on its first start, with a password the tests know
 * (E2E_ADMIN_PASSWORD overrides; the platform wants at least 12 characters).
 */
export const admin = { username: 'admin', password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password' }

export interface RunningPlatform {
	url: string
	stop(): Promise<void>
}

/**
 * Starts the platform jar on a free port with its own home, the local-process runtime and the admin's
 * password in PLATFORM_ADMIN_PASSWORD (as an operator sets it), and waits for its health to say UP. It runs in a process group of its own, so stopping it also ends the builds and
 * the service processes it started (they outlive the platform by design). `args` are more of its options.
 */
export async function startPlatform(home: string, logFile: string, args: string[] = []): Promise<RunningPlatform> {
	if (!existsSync(platformJar)) {
		throw new Error(`${platformJar} is missing: build it first (mvn -B -DskipTests package from the project root)`)
	}
	const port = await freePort()
	const url = `http://127.0.0.1:${port}`
	const log = createWriteStream(logFile)
	const child = spawn(
		'java',
		['-Xmx512m', '-jar', platformJar, `--server.port=${port}`, `--platform.home=${home}`, '--platform.runtime=process',
			// the journeys' services live in bare repositories on disk
			'--platform.git.allow-file-urls=true', ...args],
		{ detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PLATFORM_ADMIN_PASSWORD: admin.password } },
	)
	child.stdout!.pipe(log)
	child.stderr!.pipe(log)
	// should the runner die without its teardown, the platform and its children go with it
	const killOnExit = () => signalGroup(child.pid!, 'SIGKILL')
	process.once('exit', killOnExit)
	const platform = {
		url,
		stop: async () => {
			await stop(child, home)
			process.removeListener('exit', killOnExit)
		},
	}
	try {
		await waitForHealth(url, child, logFile, 120_000)
	} catch (e) {
		await platform.stop()
		throw e
	}
	return platform
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the platform exited with ${child.exitCode} before it was ready:\n${tail(logFile)}`)
		try {
			const res = await fetch(`${url}/actuator/health`)
			if (res.ok && ((await res.json()) as { status?: string }).status === 'UP') return
		} catch {
			// not listening yet
		}
		await sleep(300)
	}
	throw new Error(`the platform did not answer UP on ${url}/actuator/health within ${timeoutMs / 1000} s:\n${tail(logFile)}`)
}

async function stop(child: ChildProcess, home: string) {
	const group = child.pid!
	signalGroup(group, 'SIGTERM')
	const deadline = Date.now() + 15_000
	while (Date.now() < deadline && groupAlive(group)) await sleep(200)
	signalGroup(group, 'SIGKILL')
	// a process that left the group but still works under this home was started by this platform too
	for (const pid of processesUnder(home)) {
		try {
			process.kill(pid, 'SIGKILL')
		} catch {
			// already gone
		}
	}
}

function signalGroup(group: number, signal: NodeJS.Signals) {
	try {
		process.kill(-group, signal)
	} catch {
		// the group is gone
	}
}

function groupAlive(group: number) {
	try {
		process.kill(-group, 0)
		return true
	} catch {
		return false
	}
}

/** Processes whose working directory or command line lies under `dir` (Linux /proc). */
function processesUnder(dir: string): number[] {
	if (!existsSync('/proc')) return []
	const found: number[] = []
	for (const entry of readdirSync('/proc')) {
		const pid = Number(entry)
		if (!Number.isInteger(pid) || pid === process.pid) continue
		try {
			const cwd = readlinkSync(`/proc/${pid}/cwd`)
			const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
			if (cwd.startsWith(dir) || cmdline.includes(dir)) found.push(pid)
		} catch {
			// gone, or not ours to read
		}
	}
	return found
}

export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer()
		server.unref()
		server.on('error', reject)
		server.listen(0, '127.0.0.1', () => {
			const address = server.address()
			const port = typeof address === 'object' && address ? address.port : 0
			server.close(() => resolvePort(port))
		})
	})
}

function tail(file: string, lines = 40) {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
	} catch {
		return '(no log)'
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
