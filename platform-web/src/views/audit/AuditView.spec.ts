import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith } from '@/test/mountWith'
import { member } from '@/test/session'
import AuditView from './AuditView.vue'

const event = (id: number, outcome: 'SUCCESS' | 'DENIED' | 'FAILED', action = 'deployment.start') => ({
	id,
	at: `2026-12-02T10:0${id}:00Z`,
	actor: 'dev',
	action,
	target: 'orders/test',
	app: 'orders',
	env: 'test',
	outcome,
	detail: outcome === 'DENIED' ? 'Needs the DEVELOPER role on orders' : null,
	remoteAddress: '10.0.0.7',
})
const auditCalls = (fetch: ReturnType<typeof vi.fn>) =>
	(fetch.mock.calls as unknown as [string][]).map(([u]) => u).filter((u) => u.startsWith('/api/audit'))

// the filter bar (a date range picker, selects) takes a few seconds to render in happy-dom on a busy machine
const SLOW = { timeout: 20000 }

describe('AuditView', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('listsTheEventsNewestFirstWithTheirOutcomeAsAColouredTag', SLOW, async () => {
		const fetch = vi.fn(async (url: string) => (url.startsWith('/api/audit') ? jsonResponse([event(3, 'DENIED'), event(2, 'FAILED'), event(1, 'SUCCESS')]) : jsonResponse([])))
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(AuditView, { path: '/audit?actor=dev&action=deployment.start' })
		await flushPromises()
		await flushPromises()

		expect(auditCalls(fetch)).toEqual(['/api/audit?actor=dev&action=deployment.start&limit=100'])
		const tags = wrapper.findAll('[data-test="audit-outcome-tag"]')
		expect(tags.map((t) => t.attributes('data-outcome'))).toEqual(['DENIED', 'FAILED', 'SUCCESS'])
		expect(tags.map((t) => t.classes().find((c) => /^el-tag--(success|warning|danger)$/.test(c)))).toEqual([
			'el-tag--warning',
			'el-tag--danger',
			'el-tag--success',
		])
		expect(wrapper.text()).toContain('Needs the DEVELOPER role on orders')
	})

	it('anOwnerReadsTheAuditOfTheirOwnServiceOnly', SLOW, async () => {
		const fetch = vi.fn(async (url: string) => (url.startsWith('/api/audit') ? jsonResponse([event(1, 'SUCCESS')]) : jsonResponse([])))
		vi.stubGlobal('fetch', fetch)
		await mountWith(AuditView, { path: '/audit', user: member({ orders: 'OWNER', payments: 'VIEWER' }) })
		await flushPromises()

		expect(auditCalls(fetch)).toEqual(['/api/audit?app=orders&limit=100'])
	})

	it('tellsAUserWhoOwnsNothingWhyThereIsNothingToSee', async () => {
		const fetch = vi.fn(async () => jsonResponse([]))
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(AuditView, { path: '/audit', user: member({ orders: 'DEVELOPER' }) })
		await flushPromises()

		expect(wrapper.find('[data-test="audit-denied"]').text()).toContain('read the audit log')
		expect(auditCalls(fetch)).toEqual([])
	})
})
