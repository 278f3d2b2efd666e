import { describe, expect, it } from 'vitest'
import { ingressUrl } from './ingress'

describe('ingressUrl', () => {
	it('namesTheServiceTheEnvironmentAndItsDomainOnThePlatformsPort', () => {
		expect(ingressUrl('orders', 'dev', 'localhost', '8080')).toBe('http://orders.dev.localhost:8080/')
	})

	it('leavesThePortOutOnTheDefaultPortAndGivesNothingWithoutADomain', () => {
		expect(ingressUrl('orders', 'prod', 'apps.example.com', '')).toBe('http://orders.prod.apps.example.com/')
		expect(ingressUrl('orders', 'prod', null, '8080')).toBeNull()
	})
})
