import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith } from '@/test/mountWith'
import EnvironmentDiffView from './EnvironmentDiffView.vue'

const env = (name: string, order: number) => ({ name, order, domain: 'localhost', protected: false })
const diff = {
	from: 'test',
	to: 'prod',
	apps: [
		{
			app: 'orders',
			from: { deploymentId: 12, branches: ['main', 'feature/pay'], commit: 'aaaaaaa1111', buildNumber: 7 },
			to: { deploymentId: 9, branches: ['main'], commit: 'bbbbbbb2222', buildNumber: 5 },
			onlyInFrom: [{ branch: 'feature/pay', commit: 'ccccccc3333' }],
			onlyInTo: [],
			same: false,
		},
		{
			app: 'users',
			from: { deploymentId: 3, branches: ['main'], commit: 'ddddddd4444', buildNumber: 2 },
			to: { deploymentId: 4, branches: ['main'], commit: 'ddddddd4444', buildNumber: 3 },
			onlyInFrom: [],
			onlyInTo: [],
			same: true,
		},
		{ app: 'audit', from: null, to: { deploymentId: 5, branches: ['main'], commit: 'eeeeeee5555', buildNumber: 1 }, onlyInFrom: [], onlyInTo: [{ branch: 'main', commit: 'eeeeeee5555' }], same: false },
	],
	bindings: { onlyInFrom: ['FEATURE_FLAGS'], onlyInTo: [] },
}

describe('EnvironmentDiffView', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('highlightsTheBranchHeadsOnlyOneSideRunsAndShowsSameAsInSync', async () => {
		const fetch = vi.fn(async (url: string) =>
			url.startsWith('/api/environments/diff') ? jsonResponse(diff) : jsonResponse([env('dev', 1), env('test', 2), env('pre', 3), env('prod', 4)]),
		)
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(EnvironmentDiffView, { path: '/environments/diff?from=test&to=prod' })
		await flushPromises()

		expect((fetch.mock.calls as unknown as [string][]).map(([u]) => u)).toContain('/api/environments/diff?from=test&to=prod')
		const rows = wrapper.findAll('.el-table__body tr')
		const orders = rows[0]!
		const highlighted = orders.findAll('[data-test="diff-branch"][data-only="true"]')
		expect(highlighted).toHaveLength(1)
		expect(highlighted[0]!.text()).toContain('feature/pay')
		expect(highlighted[0]!.text()).toContain('ccccccc')
		expect(orders.find('[data-test="diff-differs"]').exists()).toBe(true)

		const users = rows[1]!
		expect(users.find('[data-test="diff-same"]').text()).toBe('in sync')
		expect(users.findAll('[data-only="true"]')).toHaveLength(0)

		const audit = rows[2]!
		expect(audit.find('[data-test="diff-from-none"]').text()).toBe('not deployed')
		expect(audit.find('[data-test="diff-to"] [data-only="true"]').text()).toContain('main')

		expect(wrapper.findAll('[data-test="diff-key-from"]').map((k) => k.text())).toEqual(['FEATURE_FLAGS'])
		expect(wrapper.findAll('[data-test="diff-key-to"]')).toHaveLength(0)
	})
})
