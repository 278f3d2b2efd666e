import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, ref } from 'vue'
import type { Branch } from '@/api/branches'
import { mountWith } from '@/test/mountWith'
import BranchTable from './BranchTable.vue'

const branch = (name: string): Branch => ({
	name,
	commit: `${name.length}abc1234def`,
	message: `work on ${name}`,
	author: 'Li Lei',
	committedAt: '2026-11-22T10:00:00Z',
})

const Host = defineComponent({
	components: { BranchTable },
	setup: () => ({ selected: ref<string[]>([]), branches: ['main', 'feature/a', 'feature/b'].map(branch) }),
	template: '<BranchTable v-model="selected" :branches="branches" />',
})

async function tick(wrapper: Awaited<ReturnType<typeof mountWith>>['wrapper'], name: string) {
	await wrapper.find(`[data-test="branch-checkbox"][data-branch="${name}"] input`).setValue(true)
}

describe('BranchTable', () => {
	afterEach(() => (document.body.innerHTML = ''))

	it('keepsTheOrderOfTickingAsTheMergeOrder', async () => {
		const { wrapper } = await mountWith(Host)
		await flushPromises()
		const host = wrapper.vm as unknown as { selected: string[] }

		await tick(wrapper, 'feature/b')
		await tick(wrapper, 'main')
		await tick(wrapper, 'feature/a')

		expect(host.selected).toEqual(['feature/b', 'main', 'feature/a'])
		const order = (name: string) =>
			wrapper.find(`[data-test="branch-checkbox"][data-branch="${name}"]`).element.parentElement?.querySelector('[data-test="branch-order"]')
				?.textContent
		expect(order('feature/b')).toBe('1')
		expect(order('main')).toBe('2')
		expect(order('feature/a')).toBe('3')
		expect(wrapper.text()).toContain('base')
	})

	it('untickingClosesTheGapAndRetickingGoesLast', async () => {
		const { wrapper } = await mountWith(Host)
		await flushPromises()
		const host = wrapper.vm as unknown as { selected: string[] }

		await tick(wrapper, 'feature/a')
		await tick(wrapper, 'feature/b')
		await tick(wrapper, 'main')
		await wrapper.find('[data-test="branch-checkbox"][data-branch="feature/a"] input').setValue(false)
		expect(host.selected).toEqual(['feature/b', 'main'])

		await tick(wrapper, 'feature/a')
		expect(host.selected).toEqual(['feature/b', 'main', 'feature/a'])
	})
})
