import { afterEach, describe, expect, it } from 'vitest'
import { AnsiParser } from '@/utils/ansi'
import { mountWith } from '@/test/mountWith'
import LogView, { type LogLine } from './LogView.vue'

function lines(raw: string[]): LogLine[] {
	const parser = new AnsiParser()
	return raw.map((r) => {
		const segments = parser.parse(r)
		return { segments, text: segments.map((s) => s.text).join('') }
	})
}

const numbered = (from: number, to: number) => lines(Array.from({ length: to - from }, (_, i) => `line ${from + i}`))

/** happy-dom does no layout: give the log box a size, and let it keep the scroll position it is given. */
function fakeLayout(el: HTMLElement, lineHeight = 20, visible = 200) {
	Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => visible })
	Object.defineProperty(el, 'scrollHeight', { configurable: true, get: () => el.querySelectorAll('.line').length * lineHeight })
	let top = 0
	Object.defineProperty(el, 'scrollTop', {
		configurable: true,
		get: () => top,
		set: (v: number) => (top = Math.max(0, Math.min(v, el.scrollHeight - visible))),
	})
}

describe('LogView', () => {
	afterEach(() => (document.body.innerHTML = ''))

	it('followsNewLinesWhileTheReaderIsAtTheBottom', async () => {
		const { wrapper } = await mountWith(LogView, { props: { lines: numbered(0, 50) } })
		const panel = wrapper.find('[data-test="log-panel"]').element as HTMLElement
		fakeLayout(panel)
		panel.scrollTop = panel.scrollHeight

		await wrapper.setProps({ lines: numbered(0, 80) })
		await wrapper.vm.$nextTick()

		expect(panel.scrollTop).toBe(80 * 20 - 200)
		expect(wrapper.find('[data-test="log-resume"]').exists()).toBe(false)
	})

	it('stopsFollowingWhenScrolledUpAndResumesOnRequest', async () => {
		const { wrapper } = await mountWith(LogView, { props: { lines: numbered(0, 50) } })
		const panel = wrapper.find('[data-test="log-panel"]').element as HTMLElement
		fakeLayout(panel)

		panel.scrollTop = 300
		await wrapper.find('[data-test="log-panel"]').trigger('scroll')
		await wrapper.setProps({ lines: numbered(0, 80) })
		await wrapper.vm.$nextTick()

		expect(panel.scrollTop).toBe(300)
		const resume = wrapper.find('[data-test="log-resume"]')
		expect(resume.exists()).toBe(true)

		await resume.trigger('click')
		expect(panel.scrollTop).toBe(80 * 20 - 200)
		expect(wrapper.find('[data-test="log-resume"]').exists()).toBe(false)
	})

	it('rendersColoursAsSpansAndMarkupAsText', async () => {
		const { wrapper } = await mountWith(LogView, {
			props: { lines: lines(['\x1b[31m<script>alert(1)</script>\x1b[0m <b>x</b>']) },
		})
		const panel = wrapper.find('[data-test="log-panel"]')

		expect(panel.find('script').exists()).toBe(false)
		expect(panel.find('b').exists()).toBe(false)
		expect(panel.find('.ansi-fg-1').text()).toBe('<script>alert(1)</script>')
		expect(panel.text()).toContain('<b>x</b>')
	})

	it('highlightsAndCountsSearchMatchesAcrossColours', async () => {
		const { wrapper } = await mountWith(LogView, {
			props: { lines: lines(['[\x1b[1;31mERROR\x1b[0m] compile', 'BUILD \x1b[31mFAIL\x1b[0mURE error', 'all fine']) },
		})

		await wrapper.find('[data-test="log-search"]').setValue('error')

		expect(wrapper.find('[data-test="log-match-count"]').text()).toBe('2 matches')
		const marked = wrapper.findAll('.match').map((m) => m.text())
		expect(marked).toEqual(['ERROR', 'error'])
		expect(wrapper.find('.match.current').text()).toBe('ERROR')

		await wrapper.find('[data-test="log-search"]').setValue('failure')
		expect(wrapper.find('[data-test="log-match-count"]').text()).toBe('1 match')
		// the match spans two colours: it is cut into two highlighted pieces
		expect(wrapper.findAll('.match').map((m) => m.text())).toEqual(['FAIL', 'URE'])
	})
})
