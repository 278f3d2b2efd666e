import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { useI18n } from 'vue-i18n'
import { initialLocale } from '@/i18n'
import { mountWith } from '@/test/mountWith'
import LocaleSwitch from './LocaleSwitch.vue'

const Page = defineComponent({
	components: { LocaleSwitch },
	setup: () => ({ t: useI18n().t }),
	template: '<div><h1 data-test="heading">{{ t("nav.overview") }}</h1><LocaleSwitch /></div>',
})

describe('language', () => {
	beforeEach(() => localStorage.clear())
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('switchesTheWholePageAndRemembersTheChoice', async () => {
		const { wrapper } = await mountWith(Page, { locale: 'en' })
		expect(wrapper.find('[data-test="heading"]').text()).toBe('Overview')

		wrapper.findComponent({ name: 'ElDropdown' }).vm.$emit('command', 'zh-CN')
		await wrapper.vm.$nextTick()

		expect(wrapper.find('[data-test="heading"]').text()).toBe('总览')
		expect(wrapper.find('[data-test="locale-switch"]').text()).toBe('中文')
		expect(localStorage.getItem('platform.locale')).toBe('zh-CN')
		expect(initialLocale()).toBe('zh-CN')
	})

	it('followsTheBrowserLanguageUntilAChoiceIsMade', () => {
		vi.stubGlobal('navigator', { language: 'zh-TW', languages: ['zh-TW', 'en-US'] })
		expect(initialLocale()).toBe('zh-CN')

		vi.stubGlobal('navigator', { language: 'de-DE', languages: ['de-DE'] })
		expect(initialLocale()).toBe('en')

		localStorage.setItem('platform.locale', 'zh-CN')
		expect(initialLocale()).toBe('zh-CN')
	})
})
