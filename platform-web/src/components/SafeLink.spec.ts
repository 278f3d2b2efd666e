import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { httpUrl } from '@/utils/links'
import SafeLink from './SafeLink.vue'

const REFUSED = [
	'javascript:alert(document.cookie)',
	'JavaScript:alert(1)',
	' javascript:alert(1)',
	'java\tscript:alert(1)',
	'\u0001javascript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'vbscript:msgbox(1)',
	'file:///etc/passwd',
	'//evil.example/path',
	'/api/apps',
	'not a url',
]

describe('links', () => {
	it('keepsOnlyAbsoluteHttpAndHttpsUrls', () => {
		expect(httpUrl('https://kibana.example.com/app/discover#/?q=1')).toBe('https://kibana.example.com/app/discover#/?q=1')
		expect(httpUrl('HTTP://orders.dev.localhost:8080/')).toBe('http://orders.dev.localhost:8080/')
		for (const value of REFUSED) expect(httpUrl(value), value).toBeNull()
		expect(httpUrl(null)).toBeNull()
		expect(httpUrl('')).toBeNull()
	})

	it('rendersAnHttpUrlAsALinkInANewTab', () => {
		const wrapper = mount(SafeLink, { props: { href: 'https://gitlab.example.com/team/orders' }, attrs: { 'data-test': 'l' } })
		const a = wrapper.find('a')
		expect(a.attributes('href')).toBe('https://gitlab.example.com/team/orders')
		expect(a.attributes('target')).toBe('_blank')
		expect(a.attributes('rel')).toContain('noopener')
		expect(a.attributes('data-test')).toBe('l')
		expect(a.text()).toBe('https://gitlab.example.com/team/orders')
	})

	it('rendersAnyOtherUrlAsTextNotALink', () => {
		for (const value of REFUSED) {
			const wrapper = mount(SafeLink, { props: { href: value }, slots: { default: 'open' }, attrs: { 'data-test': 'l' } })
			expect(wrapper.find('a').exists(), value).toBe(false)
			expect(wrapper.html()).not.toContain('href')
			expect(wrapper.find('[data-test="l"]').text()).toBe(value.trim())
		}
	})
})
