import { enableAutoUnmount, flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Deployment } from '@/api/deployments'
import { jsonResponse, mountWith } from '@/test/mountWith'
import { member } from '@/test/session'
import DeploymentHistory from './DeploymentHistory.vue'

const base: Deployment = {
	id: 12,
	app: 'hello',
	env: 'test',
	kind: 'DEPLOY',
	sourceId: null,
	branches: ['feature/a'],
	heads: [{ branch: 'feature/a', commit: 'abc1234ffff0000' }],
	commit: 'abc1234ffff0000',
	buildNumber: 12,
	image: 'hello:test-12',
	status: 'SUPERSEDED',
	step: null,
	url: null,
	error: null,
	createdAt: '2026-11-22T10:00:00Z',
	startedAt: '2026-11-22T10:00:01Z',
	finishedAt: '2026-11-22T10:01:30Z',
	steps: [],
}
const envs = [
	{ name: 'dev', order: 1, domain: 'dev.local', protected: false },
	{ name: 'test', order: 2, domain: 'test.local', protected: false },
]

// the history polls: a table left mounted would keep calling after its test
enableAutoUnmount(afterEach)

describe('DeploymentHistory', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('asksWhichBuildARollbackReturnsToThenOpensTheNewDeployment', async () => {
		const running = { ...base, id: 13, buildNumber: 13, status: 'RUNNING' as const, commit: 'def5678' }
		const fetch = vi.fn(async (url: string, init?: RequestInit) => {
			if (url === '/api/deployments/12/rollback' && init?.method === 'POST') return jsonResponse({ ...base, id: 14, kind: 'ROLLBACK' }, 202)
			return jsonResponse([running, base])
		})
		vi.stubGlobal('fetch', fetch)
		const { wrapper, router } = await mountWith(DeploymentHistory, { props: { app: 'hello', env: 'test', environments: envs } })
		await flushPromises()
		await flushPromises()

		expect(fetch).toHaveBeenCalledWith('/api/apps/hello/deployments?env=test', expect.anything())
		// only the superseded one can be returned to
		const buttons = wrapper.findAll('[data-test="rollback-button"]')
		expect(buttons).toHaveLength(1)
		await buttons[0]!.trigger('click')

		await vi.waitFor(() => expect(document.body.querySelector('.el-message-box')).not.toBeNull())
		expect(document.body.querySelector('.el-message-box')!.textContent).toContain('Roll back test to build #12 (feature/a @ abc1234)?')
		;(document.body.querySelector('.el-message-box__btns .el-button--primary') as HTMLElement).click()

		// the box resolves once its closing transition is over
		await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/deployments/14'), { timeout: 4000 })
		expect(fetch).toHaveBeenCalledWith('/api/deployments/12/rollback', expect.objectContaining({ method: 'POST' }))
	})
})

describe('DeploymentHistory permissions', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	const withProd = [...envs, { name: 'prod', order: 3, domain: 'prod.local', protected: true }]
	const reasonOf = (el: { element: Element }) => el.element.closest('[data-reason]')?.getAttribute('data-reason')

	it('aDeveloperMayNeitherRedeployNorRollBackAProtectedEnvironment', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => jsonResponse([{ ...base, env: 'prod' }])))
		const { wrapper } = await mountWith(DeploymentHistory, {
			props: { app: 'hello', env: 'prod', environments: withProd },
			user: member({ hello: 'DEVELOPER' }),
		})
		await flushPromises()
		await flushPromises()

		const redeploy = wrapper.find('[data-test="redeploy-button"]')
		const rollback = wrapper.find('[data-test="rollback-button"]')
		expect(redeploy.attributes('disabled')).toBeDefined()
		expect(reasonOf(redeploy)).toBe('prod is protected: deploy it through a release')
		expect(rollback.attributes('disabled')).toBeDefined()
		expect(reasonOf(rollback)).toBe('prod is protected: needs the OWNER role on hello')
	})

	it('anOwnerRollsBackAProtectedEnvironment', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => jsonResponse([{ ...base, env: 'prod' }])))
		const { wrapper } = await mountWith(DeploymentHistory, {
			props: { app: 'hello', env: 'prod', environments: withProd },
			user: member({ hello: 'OWNER' }),
		})
		await flushPromises()
		await flushPromises()

		expect(wrapper.find('[data-test="rollback-button"]').attributes('disabled')).toBeUndefined()
		expect(wrapper.find('[data-test="redeploy-button"]').attributes('disabled')).toBeDefined()
	})
})
