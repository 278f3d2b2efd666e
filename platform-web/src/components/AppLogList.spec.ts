import { afterEach, describe, expect, it } from 'vitest'
import { newestFirst } from '@/test/appLogLines'
import { mountWith } from '@/test/mountWith'
import AppLogList from './AppLogList.vue'

/** happy-dom does no layout: each row is 20 px high, the box shows 200 px and keeps the scroll position it is given. */
function fakeLayout(el: HTMLElement, rowHeight = 20, visible = 200) {
	Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => visible })
	Object.defineProperty(el, 'scrollHeight', { configurable: true, get: () => el.querySelectorAll('.row').length * rowHeight })
	let top = 0
	Object.defineProperty(el, 'scrollTop', {
		configurable: true,
		get: () => top,
		set: (v: number) => (top = Math.max(0, Math.min(v, el.scrollHeight - visible))),
	})
}

async function mounted() {
	const first = newestFirst(1, 50)
	const { wrapper } = await mountWith(AppLogList, { props: { lines: first, emptyText: 'none' } })
	const box = wrapper.find('[data-test="app-log-list"]')
	fakeLayout(box.element as HTMLElement)
	return { wrapper, box, el: box.element as HTMLElement, first }
}

describe('AppLogList', () => {
	afterEach(() => (document.body.innerHTML = ''))

	it('showsNewLinesOnTopWhileTheReaderIsAtTheTop', async () => {
		const { wrapper, el, first } = await mounted()

		await wrapper.setProps({ lines: [...newestFirst(51, 55), ...first] })

		expect(el.scrollTop).toBe(0)
		expect(wrapper.find('[data-test="app-log-new-above"]').exists()).toBe(false)
		expect(wrapper.find('[data-test="app-log-line"] .text').text()).toBe('line 55')
	})

	it('keepsTheReadersPlaceWhenLinesArriveAboveAndCountsThem', async () => {
		const { wrapper, box, el, first } = await mounted()
		el.scrollTop = 300
		await box.trigger('scroll')

		const three = [...newestFirst(51, 53), ...first]
		await wrapper.setProps({ lines: three })
		await wrapper.vm.$nextTick()

		// three rows of 20 px came in above: the same line stays in view
		expect(el.scrollTop).toBe(360)
		expect(wrapper.find('[data-test="app-log-new-above"]').text()).toBe('3 new lines')

		await wrapper.setProps({ lines: [...newestFirst(54, 54), ...three] })
		await wrapper.vm.$nextTick()
		expect(el.scrollTop).toBe(380)
		expect(wrapper.find('[data-test="app-log-new-above"]').text()).toBe('4 new lines')

		await wrapper.find('[data-test="app-log-new-above"]').trigger('click')
		expect(el.scrollTop).toBe(0)
		expect(wrapper.find('[data-test="app-log-new-above"]').exists()).toBe(false)
	})

	it('leavesTheReaderWhereTheyAreWhenOlderLinesAreAddedBelow', async () => {
		const { wrapper, box, el, first } = await mounted()
		el.scrollTop = 300
		await box.trigger('scroll')

		await wrapper.setProps({ lines: [...first, ...newestFirst(-20, 0)] })
		await wrapper.vm.$nextTick()

		expect(el.scrollTop).toBe(300)
		expect(wrapper.find('[data-test="app-log-new-above"]').exists()).toBe(false)
	})
})
