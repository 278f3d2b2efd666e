import type { APIRequestContext, Page } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { oapMissing } from '../support/oap'
import { admin } from '../support/platform'
import { SAMPLE_BUILD_COMMAND } from '../support/sample-repo'
import { signInThroughApi } from '../support/session'
import { expect, sampleRepo, screenshot, skipWithoutChromium, test, type Deployment } from '../support/test'

skipWithoutChromium()

// A tester's triage on the deployment page: the app's log lines, searched and followed live, and the
// traces of a real SkyWalking OAP 10.1.0 beside the lines of the same trace. The service and the
// environment are this file's own, so it does not depend on what the other specs left behind.

const APP = 'triage-sample'
const ENV = 'test'
const SERVICE = `${ENV}::${APP}`
const SKYWALKING_UI = 'http://skywalking.test.example'
const KIBANA = 'http://kibana.test.example'

test('a tester follows a failed request from the app logs to its trace, its spans and its lines', async ({ page, request }) => {
	test.skip(!!oapMissing, oapMissing ?? '')
	test.setTimeout(180_000)
	const rest = `http://127.0.0.1:${required('E2E_OAP_REST_PORT')}`
	const run = randomUUID().replaceAll('-', '').slice(0, 12)
	// SkyWalking's shape of trace id, with a common head so only their ends tell them apart
	const now = Date.now()
	const failed = `${run}a1f0.81.${now}0001`
	const fine = `${run}a1f0.81.${now}0002`
	let deployment: Deployment

	await test.step('the test environment binds the OAP; the service is deployed there with the agent', async () => {
		await registerApp(request)
		await bind(request, 'SW_AGENT_COLLECTOR_BACKEND_SERVICES', `127.0.0.1:${required('E2E_OAP_GRPC_PORT')}`)
		await bind(request, 'SKYWALKING_OAP_URL', rest)
		await bind(request, 'SKYWALKING_UI_URL', SKYWALKING_UI)
		await bind(request, 'KIBANA_URL', KIBANA)
		deployment = await deployAndWait(request, ENV)
		const log = await (await request.get(`/api/deployments/${deployment.id}/log`, { headers: { Accept: 'text/plain' } })).text()
		expect(log).toContain(`SkyWalking agent attached: service ${SERVICE}, instance ${deployment.id}`)
	})

	await test.step('the app serves requests (one traced that fails further on, one fine, a warning); the OAP gets their traces', async () => {
		const started = Date.now()
		await callApp(request, deployment, '/orders', { 'X-Trace-Id': failed })
		await callApp(request, deployment, '/', { 'X-Trace-Id': fine })
		await callApp(request, deployment, '/stock-low', { 'X-Log-Level': 'WARN' })
		// what an agent with the HTTP plugins would report for them (those plugins are not on Maven Central):
		// the failed trace crosses into a stock service that fails; the fine one, newer, stays in the app
		await report(rest, [
			segment(failed, `${failed}-a`, SERVICE, String(deployment.id), [
				entrySpan('GET:/orders', started, 60, false, {
					tags: [tag('http.method', 'GET'), tag('url', appUrl(deployment, '/orders'))],
				}),
				{
					spanId: 1,
					parentSpanId: 0,
					startTime: started + 5,
					endTime: started + 50,
					operationName: '/stock',
					spanType: 'Exit',
					spanLayer: 'Http',
					componentId: 2,
					isError: true,
					peer: 'stock:8080',
					tags: [tag('http.method', 'POST'), tag('http.status_code', '500')],
				},
			]),
			segment(failed, `${failed}-b`, `${ENV}::stock`, 'stock-1', [
				entrySpan('POST:/stock', started + 10, 35, true, {
					tags: [tag('http.method', 'POST'), tag('http.status_code', '500'), tag('db.statement', 'UPDATE stock SET left = left - 1')],
					logs: [{ time: started + 40, data: [tag('event', 'error'), tag('error.kind', 'java.lang.IllegalStateException'), tag('message', 'out of stock')] }],
					refs: [
						{
							refType: 'CrossProcess',
							traceId: failed,
							parentTraceSegmentId: `${failed}-a`,
							parentSpanId: 1,
							parentService: SERVICE,
							parentServiceInstance: String(deployment.id),
							parentEndpoint: 'GET:/orders',
							networkAddressUsedAtPeer: 'stock:8080',
						},
					],
				}),
			]),
			segment(fine, `${fine}-a`, SERVICE, String(deployment.id), [
				entrySpan('GET:/', started + 300, 12, false, { tags: [tag('http.method', 'GET')] }),
			]),
		])
		await poll(request, `/api/deployments/${deployment.id}/traces`, (list: unknown[]) => list.length === 2, 'the two traces listed')
		await poll(request, `/api/deployments/${deployment.id}/logs?q=served`, (lines: unknown[]) => lines.length === 3, 'the three request lines shipped')
	})

	const lines = page.locator('[data-test=app-logs] [data-test=app-log-line]')

	await test.step("the App logs tab shows the app's lines, the traced one with its trace chip", async () => {
		await signInThroughApi(page, admin)
		await page.goto(`/deployments/${deployment.id}`)
		await page.getByRole('tab', { name: 'App logs' }).click()
		await expect(page).toHaveURL(/[?&]tab=logs/)
		await expect(lines.filter({ hasText: 'served /orders' })).toHaveCount(1)
		await expect(lines.filter({ hasText: 'served /stock-low' })).toHaveAttribute('data-level', 'WARN')
		await expect(lines.filter({ hasText: 'served /orders' }).getByTestId('trace-chip')).toHaveAttribute('data-trace', failed)
		const fineLine = lines.filter({ has: page.locator(`[data-test=trace-chip][data-trace="${fine}"]`) })
		await expect(fineLine).toHaveCount(1)
		await expect(fineLine).toContainText('served /')
	})

	await test.step('a query with a syntax error names the position and keeps the lines shown', async () => {
		const before = await lines.count()
		await page.getByTestId('log-query').fill('(unclosed')
		await page.getByTestId('log-query').press('Enter')
		await expect(page.getByTestId('log-query-error')).toContainText('position')
		await expect(lines).toHaveCount(before)
		await expect(lines.filter({ hasText: 'served /orders' })).toHaveCount(1)

		await page.getByTestId('log-query').fill('stock')
		await page.getByTestId('log-query').press('Enter')
		await expect(page.getByTestId('log-query-error')).toHaveCount(0)
		await expect(lines).toHaveCount(1)
		await expect(lines).toContainText('served /stock-low')
		await page.getByTestId('log-query').fill('')
		await page.getByTestId('log-query').press('Enter')
		await expect(lines).toHaveCount(before)
	})

	await test.step('the level filter WARN hides the INFO lines', async () => {
		await chooseLevel(page, 'WARN and above')
		await expect(lines).toHaveCount(1)
		await expect(lines.first()).toHaveAttribute('data-level', 'WARN')
		await expect(lines.filter({ hasText: 'served /orders' })).toHaveCount(0)
		await chooseLevel(page, 'Any level')
		await expect(lines.filter({ hasText: 'served /orders' })).toHaveCount(1)
	})

	await test.step('with Live on, a line the app writes appears at the top within seconds', async () => {
		await page.getByTestId('log-live').click()
		await expect(page.getByTestId('log-live-state')).toHaveText('live')
		const path = `/live-${run}`
		const asked = Date.now()
		await callApp(request, deployment, path)
		await expect(lines.first()).toContainText(`served ${path}`, { timeout: 5_000 })
		console.log(`live tail: a new app line showed on the page ${Date.now() - asked} ms after the request`)
		await page.getByTestId('log-live').click()
		await expect(page.getByTestId('log-live-state')).toHaveCount(0)
	})

	const detail = page.getByTestId('trace-detail')
	const spans = detail.getByTestId('span-row')

	await test.step("the traced line's chip opens its trace: both services' spans, the failed ones marked", async () => {
		await lines.filter({ hasText: 'served /orders' }).getByTestId('trace-chip').click()
		await expect(page).toHaveURL((url) => url.searchParams.get('tab') === 'traces' && url.searchParams.get('trace') === failed)
		await expect(detail).toHaveAttribute('data-trace', failed)
		await expect(spans).toHaveCount(3)
		await expect(spans.filter({ hasText: SERVICE })).toHaveCount(2)
		await expect(spans.filter({ hasText: `${ENV}::stock` })).toHaveCount(1)
		// the stock service's span failed, and the call to it: both marked, the others not
		const stock = spans.filter({ hasText: 'POST:/stock' })
		await expect(stock).toHaveClass(/\berror\b/)
		await expect(stock.getByTestId('span-error')).toBeVisible()
		await expect(spans.filter({ hasText: '/stock' }).getByTestId('span-error')).toHaveCount(2)
		await expect(spans.filter({ hasText: 'GET:/orders' }).getByTestId('span-error')).toHaveCount(0)
		// the stock span is called from the app's exit span: it sits below it
		await expect(stock).toHaveAttribute('data-depth', '2')
		await expect(detail.getByTestId('trace-errors')).toContainText('2 failed spans')
	})

	await test.step('clicking a span shows its tags; the log lines of the trace are shown with its spans', async () => {
		// the failed span nearest the cause is open first
		await expect(detail.getByTestId('span-detail')).toContainText('POST:/stock')
		await expect(detail.getByTestId('span-tags')).toContainText('UPDATE stock SET left = left - 1')
		await expect(detail.getByTestId('span-logs')).toContainText('out of stock')
		await spans.filter({ hasText: 'GET:/orders' }).click()
		await expect(spans.filter({ hasText: 'GET:/orders' })).toHaveClass(/\bselected\b/)
		await expect(detail.getByTestId('span-detail')).toContainText('GET:/orders')
		await expect(detail.getByTestId('span-tags')).toContainText(appUrl(deployment, '/orders'))
		await expect(detail.getByTestId('span-tags')).not.toContainText('http.status_code')

		const traceLines = detail.locator('[data-test=trace-log-lines] [data-test=app-log-line]')
		await expect(traceLines).toHaveCount(1)
		await expect(traceLines).toContainText('served /orders')
		await expect(traceLines).toContainText(APP)
		// (below the spans up to the page's widest layout: the list beside the trace leaves too little room)
		await traceLines.scrollIntoViewIfNeeded()
		await expect(traceLines).toBeInViewport()
	})

	await test.step('the trace list shows the failed trace first, though the fine one is newer', async () => {
		const items = page.getByTestId('trace-item')
		await expect(items).toHaveCount(2)
		await expect(items.nth(0)).toHaveAttribute('data-trace', failed)
		await expect(items.nth(0)).toHaveAttribute('data-error', 'true')
		await expect(items.nth(0).getByTestId('trace-error-badge')).toBeVisible()
		await expect(items.nth(0)).toHaveClass(/\bselected\b/)
		await expect(items.nth(1)).toHaveAttribute('data-trace', fine)
		await expect(items.nth(1)).toHaveAttribute('data-error', 'false')
		await expect(page.getByTestId('traces-service')).toContainText(`${SERVICE}, instance ${deployment.id}`)
		// the agent the platform attached registered that very instance with the OAP (a Java one: the
		// segments reported above name the instance too, but say nothing of its language)
		await expect
			.poll(() => oapInstances(rest, SERVICE), { message: 'instances of the service in OAP', timeout: 30_000 })
			.toContainEqual({ name: String(deployment.id), language: 'JAVA' })
	})

	await test.step('the SkyWalking and Kibana buttons link to the bound tools', async () => {
		const skywalking = page.locator('[data-test=traces] [data-test=link-skywalking]')
		const kibana = page.locator('[data-test=traces] [data-test=link-kibana]')
		// OAP's ids: base64 of the service name, then of the instance name (the deployment id)
		const serviceId = `${Buffer.from(SERVICE).toString('base64')}.1`
		const instanceId = `${serviceId}_${Buffer.from(String(deployment.id)).toString('base64')}`
		await expect(skywalking).toHaveAttribute('href', `${SKYWALKING_UI}/dashboard/GENERAL/ServiceInstance/${serviceId}/${instanceId}/General-Instance`)
		await expect(skywalking).toHaveAttribute('target', '_blank')
		await expect(kibana).toHaveAttribute('href', new RegExp(`^${escape(KIBANA)}/app/discover#`))
		expect(decodeURIComponent((await kibana.getAttribute('href'))!)).toContain(`labels.deployment_id:"${deployment.id}"`)
	})

	await test.step('a reload keeps the trace open: it is in the address', async () => {
		await page.reload()
		await expect(page.getByRole('tab', { name: 'Traces' })).toHaveAttribute('aria-selected', 'true')
		await expect(detail).toHaveAttribute('data-trace', failed)
		await expect(spans).toHaveCount(3)
		await expect(page.getByTestId('trace-item').first()).toHaveClass(/\bselected\b/)
		// opened again on the failed span nearest the cause
		await expect(detail.getByTestId('span-detail')).toContainText('POST:/stock')
		// the picture: the page from its top, the trace as it opens
		await page.evaluate(() => window.scrollTo(0, 0))
		await screenshot(page, 'triage')
	})
})

test('a deployment in an environment without SkyWalking says why tracing is off', async ({ page, request }) => {
	test.setTimeout(120_000)
	await registerApp(request)
	const started = await startDeployment(request, 'dev')
	await signInThroughApi(page, admin)
	await page.goto(`/deployments/${started.id}`)
	await page.getByRole('tab', { name: 'Traces' }).click()
	const off = page.getByTestId('traces-off')
	await expect(off).toContainText('Environment dev has no SkyWalking')
	await expect(off).toContainText('SW_AGENT_COLLECTOR_BACKEND_SERVICES')
	await expect(page.getByTestId('trace-list')).toHaveCount(0)
	// it has shown what it is for: cancelled, so that nothing is left building when the run ends
	const cancel = await request.post(`/api/deployments/${started.id}/cancel`)
	expect([200, 202, 409], await cancel.text()).toContain(cancel.status())
	await waitForEnd(request, started.id)
})

// --- the API, as a script would use it

function required(name: string) {
	const value = process.env[name]
	if (!value) throw new Error(`${name} is not set: the global setup did not start SkyWalking OAP`)
	return value
}

/** Registers the sample as this file's service, with a heartbeat every 2 s so the agent registers at once. */
async function registerApp(request: APIRequestContext) {
	const answer = await request.post('/api/apps', {
		data: { name: APP, repoUrl: sampleRepo().url, buildCommand: SAMPLE_BUILD_COMMAND, jvmOptions: '-Dskywalking.collector.heartbeat_period=2' },
	})
	// the other test of this file may have registered it already
	expect([201, 409], await answer.text()).toContain(answer.status())
}

async function bind(request: APIRequestContext, key: string, value: string) {
	const answer = await request.put(`/api/environments/${ENV}/bindings/${key}`, { data: { value, secret: false } })
	expect(answer.status(), await answer.text()).toBe(200)
}

async function startDeployment(request: APIRequestContext, env: string): Promise<Deployment> {
	const answer = await request.post(`/api/apps/${APP}/deployments`, { data: { env, branches: ['main'] } })
	expect(answer.status(), await answer.text()).toBe(202)
	return (await answer.json()) as Deployment
}

async function waitForEnd(request: APIRequestContext, id: number): Promise<Deployment> {
	let current: Deployment | undefined
	await expect
		.poll(
			async () => {
				current = (await (await request.get(`/api/deployments/${id}`)).json()) as Deployment
				return current.status
			},
			{ timeout: 90_000, intervals: [300] },
		)
		.toMatch(/^(RUNNING|FAILED|CANCELLED)$/)
	return current!
}

async function deployAndWait(request: APIRequestContext, env: string): Promise<Deployment> {
	const done = await waitForEnd(request, (await startDeployment(request, env)).id)
	if (done.status !== 'RUNNING') {
		const log = await (await request.get(`/api/deployments/${done.id}/log`, { headers: { Accept: 'text/plain' } })).text()
		expect(done.status, `deployment ${done.id} ended ${done.status}:\n${log}`).toBe('RUNNING')
	}
	return done
}

async function callApp(request: APIRequestContext, deployment: Deployment, path: string, headers: Record<string, string> = {}) {
	const answer = await request.get(appUrl(deployment, path), { headers })
	expect(answer.status()).toBe(200)
}

const appUrl = (deployment: Deployment, path: string) => new URL(path, deployment.url!).href

async function poll<T>(request: APIRequestContext, path: string, done: (body: T) => boolean, what: string) {
	await expect
		.poll(async () => done((await (await request.get(path)).json()) as T), { message: `waiting for ${what} (${path})`, timeout: 60_000, intervals: [300] })
		.toBe(true)
}

// --- SkyWalking's HTTP reporting format (POST /v3/segments)

interface KeyValue {
	key: string
	value: string
}

const tag = (key: string, value: string): KeyValue => ({ key, value })

function segment(traceId: string, segmentId: string, service: string, instance: string, spans: object[]) {
	return { traceId, traceSegmentId: segmentId, service, serviceInstance: instance, spans }
}

function entrySpan(endpoint: string, start: number, ms: number, isError: boolean, more: { tags?: KeyValue[]; logs?: object[]; refs?: object[] } = {}) {
	return {
		spanId: 0,
		parentSpanId: -1,
		startTime: start,
		endTime: start + ms,
		operationName: endpoint,
		spanType: 'Entry',
		spanLayer: 'Http',
		componentId: 14,
		isError,
		...more,
	}
}

async function report(oap: string, segments: object[]) {
	const answer = await fetch(`${oap}/v3/segments`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(segments),
	})
	expect(answer.status, `OAP refused the segments: ${await answer.text()}`).toBe(200)
}

/** The instances of a service the OAP saw in the last ten minutes (its GraphQL API, times in its zone: this machine's). */
async function oapInstances(oap: string, service: string): Promise<{ name: string; language: string }[]> {
	const minute = (at: Date) => {
		const two = (n: number) => String(n).padStart(2, '0')
		return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}${two(at.getMinutes())}`
	}
	const start = minute(new Date(Date.now() - 10 * 60_000))
	const end = minute(new Date(Date.now() + 60_000))
	const serviceId = `${Buffer.from(service).toString('base64')}.1`
	const query = `{ listInstances(duration: {start: "${start}", end: "${end}", step: MINUTE}, serviceId: "${serviceId}") { name language } }`
	const answer = await fetch(`${oap}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) })
	const body = (await answer.json()) as { data?: { listInstances?: { name: string; language: string }[] } }
	return body.data?.listInstances ?? []
}

// --- the page

async function chooseLevel(page: Page, label: string) {
	await page.getByTestId('log-level').click()
	await page.locator('.el-select-dropdown__item:visible', { hasText: label }).click()
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
