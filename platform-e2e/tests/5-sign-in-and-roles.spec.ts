import type { Page } from '@playwright/test'
import { cjkFontMissing } from '../support/chromium'
import { admin } from '../support/platform'
import { SAMPLE_BUILD_COMMAND } from '../support/sample-repo'
import { signIn, submitSignIn, XSRF_COOKIE, XSRF_HEADER } from '../support/session'
import { expect, sampleRepo, screenshot, skipWithoutChromium, test } from '../support/test'

skipWithoutChromium()

// Signing in and what a role allows: a visitor is sent to the sign-in page and back, in both languages;
// a viewer of a service sees the deploy controls disabled with the reason, the server refuses the same
// calls made by hand, and the admin reads both in the audit log.

const WRONG = { username: admin.username, password: 'not-the-password' }
const APP = 'roles-sample'
const VIEWER = { username: 'viewer-e2e', password: 'viewer-e2e-password', displayName: 'Vera Viewer' }

const onSignInPage = (page: Page, redirect: string | null) =>
	expect(page).toHaveURL((url) => url.pathname === '/signin' && url.searchParams.get('redirect') === redirect)

async function signOut(page: Page) {
	await page.getByTestId('user-menu').click()
	await page.getByTestId('menu-signout').click()
	await onSignInPage(page, null)
	await expect(page.getByTestId('user-menu')).toHaveCount(0)
	expect((await page.request.get('/api/session')).status(), 'the session has ended on the server too').toBe(401)
}

test('a visitor following a link signs in, is taken there, sees who is signed in, and signs out', async ({ page }) => {
	await test.step('a deep link sends a visitor to the sign-in page, which shows neither menu nor user', async () => {
		await page.goto('/apps')
		await onSignInPage(page, '/apps')
		await expect(page.locator('h1')).toHaveText('Sign in')
		await expect(page.getByTestId('nav')).toHaveCount(0)
		await expect(page.getByTestId('user-menu')).toHaveCount(0)
	})

	await test.step("a wrong password shows the server's message and stays there", async () => {
		const answer = await submitSignIn(page, WRONG)
		expect(answer.status()).toBe(401)
		const detail = ((await answer.json()) as { detail: string }).detail
		expect(detail).toContain('Wrong username or password')
		await expect(page.getByTestId('signin-error')).toContainText(detail)
		await expect(page.getByTestId('signin-password')).toHaveValue('')
		await onSignInPage(page, '/apps')
		await screenshot(page, 'signin')
	})

	await test.step('the right password leads to the page the link asked for; the header names the user', async () => {
		const answer = await submitSignIn(page, admin)
		expect(answer.status()).toBe(200)
		await expect(page).toHaveURL((url) => url.pathname === '/apps' && url.search === '')
		await expect(page.locator('h1')).toHaveText('Services')
		await expect(page.getByTestId('user-name')).toHaveText('Platform admin')
		await expect(page.getByTestId('user-menu')).toHaveAttribute('title', admin.username)
		// an admin's menu: the users and the audit log
		await expect(page.getByTestId('nav-users')).toBeVisible()
		await expect(page.getByTestId('nav-audit')).toBeVisible()
		await page.reload()
		await expect(page.getByTestId('user-name')).toHaveText('Platform admin')
	})

	await test.step('signing out returns to the sign-in page, and the link asks for a sign-in again', async () => {
		await signOut(page)
		await page.goto('/apps')
		await onSignInPage(page, '/apps')
	})
})

test('the same in 中文: the sign-in page, the server’s message, the header and signing out', async ({ page }) => {
	if (cjkFontMissing) console.warn(`\n*** ${cjkFontMissing} ***\n`)
	await page.goto('/environments')
	await onSignInPage(page, '/environments')
	await page.getByTestId('locale-switch').click()
	await page.getByTestId('locale-zh-CN').click()
	await expect(page.locator('h1')).toHaveText('登录')
	await expect(page.getByTestId('signin-form')).toContainText('用户名')
	await expect(page.getByTestId('signin-form')).toContainText('密码')
	await expect(page.getByTestId('signin-submit')).toHaveText('登录')
	await screenshot(page, 'signin-zh-CN')

	// the server's words as it sent them (it answers in English)
	const wrong = await submitSignIn(page, WRONG)
	expect(wrong.status()).toBe(401)
	await expect(page.getByTestId('signin-error')).toContainText(((await wrong.json()) as { detail: string }).detail)

	expect((await submitSignIn(page, admin)).status()).toBe(200)
	await expect(page).toHaveURL((url) => url.pathname === '/environments')
	await expect(page.locator('h1')).toHaveText('环境')
	await expect(page.getByTestId('nav')).toContainText('总览')
	await expect(page.getByTestId('user-name')).toHaveText('Platform admin')

	await page.getByTestId('user-menu').click()
	await expect(page.getByTestId('menu-signout')).toHaveText('退出登录')
	await page.getByTestId('menu-signout').click()
	await onSignInPage(page, null)
	await expect(page.locator('h1')).toHaveText('登录')
})

test('a viewer sees why they may not deploy, the server refuses it too, and the admin reads it in the audit log', async ({ page, request }) => {
	await test.step('as the admin (API): a user, a service, and the user its VIEWER', async () => {
		const user = await request.post('/api/users', {
			data: { username: VIEWER.username, displayName: VIEWER.displayName, email: `${VIEWER.username}@example.test`, password: VIEWER.password },
		})
		expect(user.status(), await user.text()).toBe(201)
		const app = await request.post('/api/apps', { data: { name: APP, repoUrl: sampleRepo().url, buildCommand: SAMPLE_BUILD_COMMAND } })
		expect(app.status(), await app.text()).toBe(201)
		const member = await request.put(`/api/apps/${APP}/members/${VIEWER.username}`, { data: { role: 'VIEWER' } })
		expect(member.status(), await member.text()).toBe(200)
		// prod takes releases only, from everybody: the admin too
		const direct = await request.post(`/api/apps/${APP}/deployments`, { data: { env: 'prod', branches: ['main'] } })
		expect(direct.status()).toBe(403)
		expect(((await direct.json()) as { detail: string }).detail).toContain('protected: deploy it through a release')
	})

	await test.step('signed in, the viewer has no admin menu', async () => {
		await signIn(page, VIEWER)
		await expect(page.getByTestId('user-name')).toHaveText(VIEWER.displayName)
		await expect(page.getByTestId('nav-users')).toHaveCount(0)
		await expect(page.getByTestId('nav-audit')).toHaveCount(0)
	})

	const guard = (testId: string) => page.locator('[data-reason]').filter({ has: page.getByTestId(testId) })
	const tooltip = (text: string) => page.getByRole('tooltip').filter({ hasText: text })
	const needsDeveloper = `Needs the DEVELOPER role on ${APP}`

	await test.step('on the service page prod is disabled as protected, the others as needing a role', async () => {
		await page.goto(`/apps/${APP}`)
		await expect(page.getByTestId('app-name')).toHaveText(APP)
		const prod = page.getByTestId('env-prod')
		await expect(prod).toHaveClass(/\bis-disabled\b/)
		await expect(prod.locator('[data-reason]')).toHaveAttribute('data-reason', 'prod is protected: deploy it through a release')
		await prod.locator('[data-reason]').hover()
		await expect(tooltip('prod is protected: deploy it through a release')).toBeVisible()
		// a viewer may not branch nor edit either, and is told which role that takes
		await expect(guard('new-branch')).toHaveAttribute('data-reason', needsDeveloper)
		await expect(page.getByTestId('new-branch')).toBeDisabled()
		await expect(guard('edit-app')).toHaveAttribute('data-reason', `Needs the OWNER role on ${APP}`)
	})

	await test.step('with a branch ticked and dev picked, the deploy button stays disabled; its tooltip names the role', async () => {
		await page.locator('[data-test=branch-checkbox][data-branch=main]').click()
		await expect(page.getByTestId('selected-branch')).toHaveText([/1\. main/])
		await expect(page.getByTestId('env-dev')).toHaveClass(/\bis-active\b/)
		const deploy = page.getByTestId('deploy-button')
		await expect(deploy).toHaveText('Deploy to dev')
		await expect(deploy).toBeDisabled()
		await expect(guard('deploy-button')).toHaveAttribute('data-reason', needsDeveloper)
		await guard('deploy-button').hover()
		await expect(tooltip(needsDeveloper)).toBeVisible()
		await expect(tooltip('protected')).toBeHidden()
		await screenshot(page, 'deploy-forbidden')
	})

	await test.step('the same deployments asked for from the page by hand are refused with the reason', async () => {
		const deployFromPage = (env: string) =>
			page.evaluate(
				async ({ app, env, cookie, header }) => {
					const xsrf = document.cookie
						.split('; ')
						.find((c) => c.startsWith(`${cookie}=`))
						?.slice(cookie.length + 1)
					const res = await fetch(`/api/apps/${app}/deployments`, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json', [header]: decodeURIComponent(xsrf ?? '') },
						body: JSON.stringify({ env, branches: ['main'] }),
					})
					return { status: res.status, detail: ((await res.json()) as { detail?: string }).detail ?? '' }
				},
				{ app: APP, env, cookie: XSRF_COOKIE, header: XSRF_HEADER },
			)
		const prod = await deployFromPage('prod')
		expect(prod.status).toBe(403)
		expect(prod.detail).toContain('protected: deploy it through a release')
		const dev = await deployFromPage('dev')
		expect(dev.status).toBe(403)
		expect(dev.detail).toContain(`Needs the DEVELOPER role on ${APP}`)
		expect(dev.detail).toContain('you have the VIEWER role')
	})

	await test.step("the admin's audit log lists the viewer's sign-in and the refused deployments", async () => {
		await signOut(page)
		await signIn(page, admin)
		await page.getByTestId('nav-audit').click()
		await expect(page).toHaveURL(/\/audit/)
		await page.getByTestId('audit-actor').fill(VIEWER.username)
		await page.getByTestId('audit-search').click()
		await expect(page).toHaveURL((url) => url.searchParams.get('actor') === VIEWER.username)
		const rows = page.locator('[data-test=audit] .el-table__body tr')
		const signInRow = rows.filter({ hasText: 'session.signIn' }).first()
		await expect(signInRow).toBeVisible()
		await expect(signInRow.getByTestId('audit-outcome-tag')).toHaveAttribute('data-outcome', 'SUCCESS')
		const refused = rows.filter({ hasText: 'deployment.start' })
		await expect(refused).toHaveCount(2)
		for (const env of ['prod', 'dev']) {
			const row = refused.filter({ has: page.locator('td', { hasText: new RegExp(`^${env}$`) }) })
			await expect(row.getByTestId('audit-outcome-tag')).toHaveAttribute('data-outcome', 'DENIED')
			await expect(row).toContainText(APP)
		}
		await expect(refused.filter({ hasText: 'protected: deploy it through a release' })).toHaveCount(1)
		// the actor column: nobody but the viewer
		expect(new Set(await rows.locator('td:nth-child(2)').allTextContents())).toEqual(new Set([VIEWER.username]))
	})
})
