import { afterEach, describe, expect, it } from 'vitest'
import { mountWith } from '@/test/mountWith'
import TriageLinks from './TriageLinks.vue'

describe('triage links', () => {
	afterEach(() => {
		document.body.innerHTML = ''
	})

	it('linksToHttpObservabilityToolsInANewTab', async () => {
		const links = { skywalking: 'http://skywalking.test:8080/general', kibana: 'https://kibana.test/app/discover#/' }
		const { wrapper } = await mountWith(TriageLinks, { props: { links } })
		expect(wrapper.find('[data-test="link-skywalking"]').attributes('href')).toBe(links.skywalking)
		expect(wrapper.find('[data-test="link-kibana"]').attributes('href')).toBe(links.kibana)
		expect(wrapper.find('[data-test="link-kibana"]').attributes('target')).toBe('_blank')
	})

	it('showsAnyOtherAddressAsTextNeverAsALink', async () => {
		const links = { skywalking: 'javascript:alert(document.cookie)', kibana: 'data:text/html,<script>alert(1)</script>' }
		const { wrapper } = await mountWith(TriageLinks, { props: { links } })
		expect(wrapper.find('a').exists()).toBe(false)
		expect(wrapper.html()).not.toContain('href')
		expect(wrapper.find('[data-test="link-skywalking"]').text()).toBe(links.skywalking)
		expect(wrapper.find('[data-test="link-kibana"]').text()).toBe(links.kibana)
	})
})
