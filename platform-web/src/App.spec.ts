import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { jsonResponse, mountWith } from '@/test/mountWith'
import { adminUser, member } from '@/test/session'
import App from './App.vue'

// the page under the header is not what these tests look at
const global = { stubs: { RouterView: true } }

describe('App header', () => {
	afterEach(() => {
		vi.unstubAllGlobals()
		document.body.innerHTML = ''
	})

	it('showsAnAdminTheUsersAndAuditPages', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => jsonResponse([])))
		const { wrapper } = await mountWith(App, { path: '/apps', global })

		expect(wrapper.find('[data-test="user-name"]').text()).toBe('Platform Admin')
		expect(wrapper.find('[data-test="nav-users"]').exists()).toBe(true)
		expect(wrapper.find('[data-test="nav-audit"]').exists()).toBe(true)
	})

	it('showsAServiceOwnerTheAuditButNotTheUsers', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => jsonResponse([])))
		const { wrapper } = await mountWith(App, { path: '/apps', global, user: member({ orders: 'OWNER' }) })

		expect(wrapper.find('[data-test="nav-users"]').exists()).toBe(false)
		expect(wrapper.find('[data-test="nav-audit"]').exists()).toBe(true)
	})

	it('offersToChangeThePasswordToLocalUsersOnly', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => jsonResponse([])))
		const local = await mountWith(App, { path: '/apps', global, user: member({ orders: 'DEVELOPER' }) })
		await local.wrapper.find('[data-test="user-menu"]').trigger('click')
		await flushPromises()
		await vi.waitFor(() => expect(document.body.querySelector('[data-test="menu-signout"]')).not.toBeNull())
		expect(document.body.querySelector('[data-test="menu-password"]')).not.toBeNull()
		expect(local.wrapper.find('[data-test="nav-audit"]').exists()).toBe(false)
		local.wrapper.unmount()
		document.body.innerHTML = ''

		const sso = await mountWith(App, { path: '/apps', global, user: { ...adminUser, source: 'OIDC' } })
		await sso.wrapper.find('[data-test="user-menu"]').trigger('click')
		await flushPromises()
		await vi.waitFor(() => expect(document.body.querySelector('[data-test="menu-signout"]')).not.toBeNull())
		expect(document.body.querySelector('[data-test="menu-password"]')).toBeNull()
	})

	it('signingOutEndsTheSessionAndOpensTheSignInPage', async () => {
		const fetch = vi.fn(async () => new Response(null, { status: 204 }))
		vi.stubGlobal('fetch', fetch)
		const { wrapper, router } = await mountWith(App, { path: '/apps', global })
		await wrapper.find('[data-test="user-menu"]').trigger('click')
		await vi.waitFor(() => expect(document.body.querySelector('[data-test="menu-signout"]')).not.toBeNull())

		;(document.body.querySelector('[data-test="menu-signout"]') as HTMLElement).click()
		await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('signin'), { timeout: 4000 })

		expect(fetch).toHaveBeenCalledWith('/api/session', expect.objectContaining({ method: 'DELETE' }))
		// the sign-in page has no navigation nor user menu
		expect(wrapper.find('[data-test="nav"]').exists()).toBe(false)
		expect(wrapper.find('[data-test="user-menu"]').exists()).toBe(false)
	})
})
