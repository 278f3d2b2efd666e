import { admin } from '../support/platform'
import { SAMPLE_BUILD_COMMAND } from '../support/sample-repo'
import { signIn, signInThroughApi } from '../support/session'
import { expect, sampleRepo, skipWithoutChromium, test } from '../support/test'

skipWithoutChromium()

test('switching the language to 中文 changes the UI text and is remembered', async ({ page }) => {
	await signIn(page, admin)
	const nav = page.locator('header nav')
	await expect(nav).toContainText('Overview')
	await expect(page.locator('h1')).toHaveText('Overview')

	await page.getByTestId('locale-switch').click()
	await page.getByTestId('locale-zh-CN').click()
	await expect(nav).toContainText('总览')
	await expect(nav).toContainText('服务')
	await expect(page.locator('h1')).toHaveText('总览')
	await expect(page.getByTestId('locale-switch')).toContainText('中文')
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')

	await page.reload()
	await expect(page.locator('h1')).toHaveText('总览')

	await page.getByTestId('locale-switch').click()
	await page.getByTestId('locale-en').click()
	await expect(page.locator('h1')).toHaveText('Overview')
})

test('a refused request shows the problem detail the server sent', async ({ page, request }) => {
	const name = 'taken'
	const created = await request.post('/api/apps', { data: { name, repoUrl: sampleRepo().url, buildCommand: SAMPLE_BUILD_COMMAND } })
	expect(created.status()).toBe(201)
	const again = await request.post('/api/apps', { data: { name, repoUrl: sampleRepo().url } })
	expect(again.status()).toBe(409)
	const detail = ((await again.json()) as { detail: string }).detail
	expect(detail).toContain(name)

	await test.step('registering a name that is taken shows the 409 detail on the form', async () => {
		await signInThroughApi(page, admin)
		await page.goto('/apps/new')
		await page.getByTestId('field-name').fill(name)
		await page.getByTestId('field-repoUrl').fill(sampleRepo().url)
		await page.getByTestId('submit-app').click()
		await expect(page.getByTestId('form-error')).toContainText(detail)
		await expect(page).toHaveURL(/\/apps\/new$/)
	})

	await test.step('creating a branch that exists shows the 409 detail in the dialog', async () => {
		await page.goto(`/apps/${name}`)
		await expect(page.locator('[data-test=branch-checkbox][data-branch=main]')).toBeVisible()
		await page.getByTestId('new-branch').click()
		const dialog = page.getByTestId('new-branch-dialog')
		await dialog.getByTestId('new-branch-name').fill('feature-a')
		await dialog.getByTestId('new-branch-create').click()
		const answer = await request.post(`/api/apps/${name}/branches`, { data: { name: 'feature-a', from: 'main' } })
		expect(answer.status()).toBe(409)
		await expect(dialog.getByTestId('new-branch-error')).toContainText(((await answer.json()) as { detail: string }).detail)
		await expect(dialog).toBeVisible()
	})
})
