import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith, problem } from '@/test/mountWith'
import GitLabView from './GitLabView.vue'
import ProjectBrowser from './ProjectBrowser.vue'

const calls = (fetch: ReturnType<typeof vi.fn>) => fetch.mock.calls as unknown as [string, RequestInit | undefined][]
const connection = { id: 1, name: 'corp', baseUrl: 'https://gitlab.example.com', username: 'deploy-bot', createdAt: '2026-11-22T10:00:00Z' }
const TOKEN = 'glpat-SuperSecretToken123'

async function fillAndSubmit() {
	const set = (test: string, value: string) => {
		const input = document.querySelector<HTMLInputElement>(`input[data-test="${test}"]`)!
		input.value = value
		input.dispatchEvent(new Event('input'))
	}
	set('gitlab-field-name', 'corp')
	set('gitlab-field-baseUrl', 'https://gitlab.example.com')
	set('gitlab-field-token', TOKEN)
	await flushPromises()
	document.querySelector<HTMLFormElement>('[data-test="gitlab-form"]')!.dispatchEvent(new Event('submit'))
	await flushPromises()
	await flushPromises()
}

describe('GitLabView', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('sendsTheTokenOnceInAPasswordFieldAndNeverShowsItAgain', async () => {
		let saved = false
		const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
			if (init?.method === 'POST') {
				saved = true
				return jsonResponse(connection, 201)
			}
			return jsonResponse(saved ? [connection] : [])
		})
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(GitLabView, { path: '/gitlab' })
		await flushPromises()
		expect(wrapper.find('[data-test="gitlab-empty"]').exists()).toBe(true)

		await wrapper.find('[data-test="gitlab-add"]').trigger('click')
		await flushPromises()
		expect(document.querySelector<HTMLInputElement>('input[data-test="gitlab-field-token"]')!.type).toBe('password')
		await fillAndSubmit()

		const post = calls(fetch).find(([, init]) => init?.method === 'POST')!
		expect(post[0]).toBe('/api/gitlab/connections')
		expect(JSON.parse(post[1]!.body as string)).toEqual({ name: 'corp', baseUrl: 'https://gitlab.example.com', token: TOKEN })
		expect(wrapper.find('[data-test="connection-name"]').text()).toBe('corp')
		expect(document.body.innerHTML).not.toContain(TOKEN)
		const tokenInput = document.querySelector<HTMLInputElement>('input[data-test="gitlab-field-token"]')
		expect(tokenInput?.value ?? '').toBe('')
	})

	it('showsWhyGitLabRefusedTheTokenAndClearsIt', async () => {
		vi.stubGlobal(
			'fetch',
			vi.fn(async (_url: string, init?: RequestInit) =>
				init?.method === 'POST' ? problem(502, 'GitLab at https://gitlab.example.com rejected the token (401)') : jsonResponse([]),
			),
		)
		const { wrapper } = await mountWith(GitLabView, { path: '/gitlab' })
		await flushPromises()
		await wrapper.find('[data-test="gitlab-add"]').trigger('click')
		await flushPromises()
		await fillAndSubmit()

		expect(document.querySelector('[data-test="gitlab-form-error"]')!.textContent).toContain('rejected the token (401)')
		expect(document.querySelector<HTMLInputElement>('input[data-test="gitlab-field-token"]')!.value).toBe('')
		expect(document.body.innerHTML).not.toContain(TOKEN)
	})
})

describe('ProjectBrowser', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('importsTheTickedProjectsAndSaysWhetherEachWebhookWasRegistered', async () => {
		const projects = {
			items: [
				{ id: 11, name: 'orders', pathWithNamespace: 'shop/orders', httpUrlToRepo: 'https://g/shop/orders.git', defaultBranch: 'main', webUrl: 'https://g/shop/orders', service: null },
				{ id: 12, name: 'users', pathWithNamespace: 'shop/users', httpUrlToRepo: 'https://g/shop/users.git', defaultBranch: 'main', webUrl: 'https://g/shop/users', service: null },
				{ id: 13, name: 'audit', pathWithNamespace: 'shop/audit', httpUrlToRepo: 'https://g/shop/audit.git', defaultBranch: 'main', webUrl: 'https://g/shop/audit', service: 'shop-audit' },
			],
			page: 1,
			perPage: 20,
			total: 3,
			totalPages: 1,
		}
		const imported = [
			{ service: 'shop-orders', repoUrl: 'https://g/shop/orders.git', projectId: 11, pathWithNamespace: 'shop/orders', defaultBranch: 'main', hookRegistered: true, hookProblem: null },
			{ service: 'shop-users', repoUrl: 'https://g/shop/users.git', projectId: 12, pathWithNamespace: 'shop/users', defaultBranch: 'main', hookRegistered: false, hookProblem: 'platform.external-url is not set' },
		]
		const fetch = vi.fn(async (_url: string, init?: RequestInit) => (init?.method === 'POST' ? jsonResponse(imported) : jsonResponse(projects)))
		vi.stubGlobal('fetch', fetch)
		const { wrapper } = await mountWith(ProjectBrowser, { props: { connection } })
		await flushPromises()

		expect(calls(fetch)[0]![0]).toBe('/api/gitlab/connections/1/projects?page=1&perPage=20')
		expect(wrapper.find('[data-test="project-imported"]').text()).toBe('imported as shop-audit')
		const boxes = wrapper.findAll('.el-table__body .el-checkbox')
		expect(boxes[2]!.classes()).toContain('is-disabled')
		await boxes[0]!.find('input').setValue(true)
		await boxes[1]!.find('input').setValue(true)
		await flushPromises()
		await wrapper.find('[data-test="import-button"]').trigger('click')
		await flushPromises()

		const post = calls(fetch).find(([, init]) => init?.method === 'POST')!
		expect(post[0]).toBe('/api/gitlab/connections/1/imports')
		expect(JSON.parse(post[1]!.body as string)).toEqual({ projects: ['shop/orders', 'shop/users'] })
		const results = wrapper.findAll('[data-test="import-result"]')
		expect(results.map((r) => r.attributes('data-hook'))).toEqual(['ok', 'failed'])
		expect(results[0]!.text()).toContain('webhook registered')
		expect(results[1]!.find('[data-test="hook-problem"]').text()).toBe('no webhook: platform.external-url is not set')
	})
})
