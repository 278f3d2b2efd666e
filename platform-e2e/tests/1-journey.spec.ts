import type { Page } from '@playwright/test'
import { admin } from '../support/platform'
import { SAMPLE_BUILD_COMMAND } from '../support/sample-repo'
import { signIn } from '../support/session'
import { expect, sampleRepo, screenshot, skipWithoutChromium, test, type Deployment } from '../support/test'

skipWithoutChromium()

// A developer's day, through the UI only (the API only to check what the UI says): sign in, register a
// service (which makes them its owner), branch, deploy two branches into dev, watch it go live, push a fix
// and redeploy, roll back. The platform's admin plays the developer: nobody else exists yet.

const APP = 'hello'

/**
 * Records, in the page, when each kind of log line first shows in the log panel and when the status tag
 * changes: wall-clock milliseconds, to compare with the times the platform gives its steps.
 */
async function watchDeploymentPage(page: Page) {
	await page.addInitScript(() => {
		const seen: Record<string, number> = {}
		const statuses: { status: string; at: number }[] = []
		;(window as unknown as { __e2e: unknown }).__e2e = { seen, statuses }
		const kinds = ['platform', 'checkout', 'merge', 'build', 'image', 'start', 'health', 'switch']
		new MutationObserver(() => {
			const now = Date.now()
			const panel = document.querySelector('[data-test=log-panel]')
			if (panel) {
				const text = panel.textContent ?? ''
				for (const k of kinds) if (!(k in seen) && text.includes(`[${k}]`)) seen[k] = now
			}
			const status = document.querySelector('.page-head [data-test=status-tag]')?.getAttribute('data-status')
			if (status && statuses[statuses.length - 1]?.status !== status) statuses.push({ status, at: now })
		}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true })
	})
}

async function pageRecord(page: Page) {
	return page.evaluate(() => (window as unknown as { __e2e: { seen: Record<string, number>; statuses: { status: string; at: number }[] } }).__e2e)
}

const headStatus = (page: Page) => page.locator('.page-head [data-test=status-tag]')

/** Waits for the deployment to end; a failure says why at once instead of timing out. */
async function waitRunning(page: Page) {
	await expect(headStatus(page)).toHaveAttribute('data-status', /^(RUNNING|FAILED|CANCELLED)$/, { timeout: 90_000 })
	const status = await headStatus(page).getAttribute('data-status')
	if (status !== 'RUNNING') {
		const why = await page.getByTestId('deployment-error').textContent().catch(() => null)
		expect(status, `the deployment ended ${status}: ${why ?? '(no error shown)'}`).toBe('RUNNING')
	}
}

function deploymentId(page: Page) {
	const id = Number(new URL(page.url()).pathname.split('/').pop())
	expect(id).toBeGreaterThan(0)
	return id
}

const historyRow = (page: Page, id: number) =>
	page.locator('[data-test=history] .el-table__body tr').filter({ has: page.locator('[data-test=history-link]', { hasText: new RegExp(`^#${id}$`) }) })

test('a developer registers a service, deploys two branches, redeploys a fix and rolls back', async ({ page, request }) => {
	// three deployments, two of them builds, on a machine that may be busy
	test.setTimeout(420_000)
	await watchDeploymentPage(page)
	let first: Deployment

	await test.step('signed in, the overview of a new platform says there is no service yet', async () => {
		await signIn(page, admin)
		await expect(page).toHaveURL(/\/$/)
		await expect(page.getByTestId('overview-empty')).toContainText('No service yet')
		await page.getByTestId('register-service').click()
		await expect(page).toHaveURL(/\/apps\/new$/)
	})

	await test.step('the form shows the server refusing an invalid name beside the field', async () => {
		await page.getByTestId('field-name').fill('Hello World')
		await page.getByTestId('field-repoUrl').fill(sampleRepo().url)
		await page.getByTestId('field-buildCommand').fill(SAMPLE_BUILD_COMMAND)
		await page.getByTestId('submit-app').click()
		const nameError = page.locator('[data-test=item-name] .el-form-item__error')
		await expect(nameError).toContainText('must be lowercase letters')
		await expect(page.locator('[data-test=item-repoUrl] .el-form-item__error')).toHaveCount(0)
		await expect(page).toHaveURL(/\/apps\/new$/)
		await screenshot(page, 'register-form-error')

		await page.getByTestId('field-name').fill(APP)
		await expect(nameError).toHaveCount(0)
		await page.getByTestId('submit-app').click()
		await expect(page).toHaveURL(new RegExp(`/apps/${APP}(\\?.*)?$`))
		await expect(page.getByTestId('app-name')).toHaveText(APP)
	})

	await test.step('a new branch made with the dialog is listed', async () => {
		await expect(page.locator('[data-test=branch-checkbox][data-branch=feature-b]')).toBeVisible()
		await page.getByTestId('new-branch').click()
		const dialog = page.getByTestId('new-branch-dialog')
		await dialog.getByTestId('new-branch-name').fill('feature-c')
		// nothing ticked: the dialog offers main as where to branch from
		await expect(dialog.getByTestId('new-branch-from')).toHaveValue('main')
		await dialog.getByTestId('new-branch-create').click()
		await expect(dialog).toBeHidden()
		await expect(page.locator('[data-test=branch-checkbox][data-branch=feature-c]')).toBeVisible()

		const branches = (await (await request.get(`/api/apps/${APP}/branches`)).json()) as { name: string; commit: string }[]
		const commitOf = (name: string) => branches.find((b) => b.name === name)?.commit
		expect(commitOf('feature-c')).toBeTruthy()
		expect(commitOf('feature-c')).toBe(commitOf('main'))
	})

	await test.step('ticking feature-a then feature-b shows the merge order; deploy to dev', async () => {
		// nothing ticked: nothing to deploy
		await expect(page.getByTestId('deploy-button')).toBeDisabled()
		await page.locator('[data-test=branch-checkbox][data-branch=feature-a]').click()
		await page.locator('[data-test=branch-checkbox][data-branch=feature-b]').click()
		await expect(page.getByTestId('selected-branch')).toHaveText([/1\. feature-a.*base/, /2\. feature-b/])
		const orderOf = (branch: string) =>
			page.locator('[data-test=branches-table] .el-table__body tr').filter({ has: page.locator(`[data-branch=${branch}]`) }).getByTestId('branch-order')
		await expect(orderOf('feature-a')).toHaveText('1')
		await expect(orderOf('feature-b')).toHaveText('2')
		await page.getByTestId('env-dev').click()
		await expect(page.getByTestId('deploy-button')).toHaveText('Deploy to dev')
		await expect(page.getByTestId('deploy-button')).toBeEnabled()
		await screenshot(page, 'service-ticked-branches')
		await page.getByTestId('deploy-button').click()
		await expect(page).toHaveURL(/\/deployments\/\d+$/)
	})

	await test.step('the deployment page streams the log live until the status says RUNNING', async () => {
		const id = deploymentId(page)
		await expect(page.getByTestId('log-state')).toHaveText('live')
		await expect(page.getByTestId('log-panel')).toContainText('[build]', { timeout: 60_000 })
		await waitRunning(page)
		await expect(page.getByTestId('log-panel')).toContainText('[health]')
		await expect(page.getByTestId('log-panel')).toContainText('[platform] RUNNING at')

		const record = await pageRecord(page)
		const runningAt = record.statuses.find((s) => s.status === 'RUNNING')!.at
		// the lines came while it ran, not all at once at the end
		expect(record.seen.build).toBeLessThan(runningAt)
		expect(record.seen.health).toBeLessThan(runningAt)
		expect(record.statuses.map((s) => s.status)).toContain('BUILDING')

		first = (await (await request.get(`/api/deployments/${id}`)).json()) as Deployment
		expect(first.status).toBe('RUNNING')
		expect(first.branches).toEqual(['feature-a', 'feature-b'])
		// how long a line takes from the platform writing it to the page showing it: build and health
		// write their first line as they begin (the other steps after some work), so their startedAt is
		// when it was written; only steps that began after the page showed the stream's first line count
		const streamOpen = record.seen.platform!
		const latencies = first.steps
			.filter((s) => ['build', 'health'].includes(s.name) && s.startedAt && Date.parse(s.startedAt) > streamOpen && record.seen[s.name])
			.map((s) => ({ step: s.name, ms: record.seen[s.name]! - Date.parse(s.startedAt!) }))
		console.log(`log line latency (first line of each step, platform -> browser): ${latencies.map((l) => `${l.step} ${l.ms} ms`).join(', ')}`)
		const health = latencies.find((l) => l.step === 'health')
		expect(health, 'the health step started after the page opened the stream').toBeTruthy()
		expect(health!.ms).toBeLessThan(1000)
		await screenshot(page, 'deployment-log')
	})

	await test.step('the app link opens the app, built for dev', async () => {
		const banner = page.getByTestId('deployment-url')
		const [app] = await Promise.all([page.waitForEvent('popup'), banner.locator('a').first().click()])
		await expect(app.locator('body')).toContainText('hello from feature-a; built for dev; running in dev; feature-b')
		await app.close()
		// The same app through the environment ingress: {app}.dev.localhost, which the browser resolves to this machine.
		const [viaIngress] = await Promise.all([page.waitForEvent('popup'), banner.getByTestId('ingress-url').click()])
		await expect(viaIngress.locator('body')).toContainText('hello from feature-a; built for dev; running in dev; feature-b')
		await viaIngress.close()
	})

	await test.step('a pushed fix is redeployed from the service page', async () => {
		sampleRepo().pushGreeting('feature-a', 'hello from feature-a v2')
		await page.getByTestId('deployment-app').click()
		await expect(page).toHaveURL(new RegExp(`/apps/${APP}`))
		await historyRow(page, first.id).getByTestId('redeploy-button').click()
		await expect(page).toHaveURL(/\/deployments\/\d+$/)
		const id = deploymentId(page)
		expect(id).not.toBe(first.id)
		await waitRunning(page)
		const second = (await (await request.get(`/api/deployments/${id}`)).json()) as Deployment
		expect(second.kind).toBe('REDEPLOY')
		expect(second.buildNumber).not.toBe(first.buildNumber)
		expect(await (await request.get(second.url!)).text()).toContain('hello from feature-a v2; built for dev')
	})

	await test.step('rolling back to the first build asks, naming the build, and serves it again', async () => {
		await page.getByTestId('deployment-app').click()
		const row = historyRow(page, first.id)
		await expect(row.getByTestId('status-tag')).toHaveAttribute('data-status', 'SUPERSEDED')
		await row.getByTestId('rollback-button').click()
		const box = page.locator('.el-message-box')
		await expect(box).toContainText(`Roll back dev to build #${first.buildNumber} (feature-a + feature-b @ ${first.commit!.slice(0, 7)})?`)
		await box.getByRole('button', { name: 'Roll back' }).click()
		await expect(page).toHaveURL(/\/deployments\/\d+$/)
		const id = deploymentId(page)
		await waitRunning(page)
		const rollback = (await (await request.get(`/api/deployments/${id}`)).json()) as Deployment
		expect(rollback.kind).toBe('ROLLBACK')
		expect(rollback.buildNumber).toBe(first.buildNumber)
		const answer = await (await request.get(rollback.url!)).text()
		expect(answer).toContain('hello from feature-a; built for dev')
		expect(answer).not.toContain('v2')
	})

	await test.step('the overview shows the service running in dev with its build number', async () => {
		await page.getByRole('link', { name: 'Overview' }).click()
		const dev = page.getByTestId(`overview-row-${APP}`).locator('td[data-env=dev]')
		await expect(dev.getByTestId('status-tag')).toHaveAttribute('data-status', 'RUNNING')
		await expect(dev.getByTestId('build')).toHaveText(`#${first.buildNumber}`)
		await expect(page.getByTestId(`overview-row-${APP}`).locator('td[data-env=test]')).toContainText('not deployed')
		await screenshot(page, 'overview')
	})
})
