import { afterEach, describe, expect, it } from 'vitest'
import type { Cell } from '@/api/overview'
import { mountWith } from '@/test/mountWith'
import OverviewCell from './OverviewCell.vue'

const running = {
	id: 41,
	branches: ['feature/a', 'feature/b'],
	commit: 'abc1234def5678',
	buildNumber: 12,
	status: 'RUNNING' as const,
	step: null,
	url: 'http://hello.test.localhost:8081/',
	since: new Date(Date.now() - 3 * 60_000).toISOString(),
}

describe('OverviewCell', () => {
	afterEach(() => (document.body.innerHTML = ''))

	it('rendersStatusBranchesCommitBuildAgeAndLink', async () => {
		const cell: Cell = { running, active: null }
		const { wrapper } = await mountWith(OverviewCell, { props: { cell } })

		const tag = wrapper.find('[data-test="status-tag"]')
		expect(tag.attributes('data-status')).toBe('RUNNING')
		expect(tag.text()).toContain('Running')
		expect(wrapper.find('[data-test="branches"]').text()).toContain('feature/a')
		expect(wrapper.find('[data-test="branches"]').text()).toContain('feature/b')
		expect(wrapper.find('[data-test="commit"]').text()).toBe('abc1234')
		expect(wrapper.find('[data-test="build"]').text()).toBe('#12')
		expect(wrapper.find('[data-test="app-url"]').attributes('href')).toBe('http://hello.test.localhost:8081/')
		expect(wrapper.find('time').text()).toMatch(/3 min/)
	})

	it('showsADeploymentInProgressWithItsStep', async () => {
		const cell: Cell = {
			running,
			active: { ...running, id: 42, status: 'BUILDING', step: 'build', buildNumber: 13, url: null },
		}
		const { wrapper } = await mountWith(OverviewCell, { props: { cell } })

		const active = wrapper.find('[data-test="active-deployment"]')
		expect(active.attributes('href')).toBe('/deployments/42')
		expect(active.find('[data-test="status-tag"]').attributes('data-status')).toBe('BUILDING')
		expect(active.find('[data-test="status-step"]').text()).toContain('Build')
	})

	it('saysNotDeployedForAnEmptyCell', async () => {
		const { wrapper } = await mountWith(OverviewCell, { props: { cell: { running: null, active: null } } })

		expect(wrapper.text()).toContain('not deployed')
		expect(wrapper.find('[data-test="status-tag"]').exists()).toBe(false)
	})
})
