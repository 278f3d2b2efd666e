import { defineConfig } from '@playwright/test'
import { chromiumArgs, chromiumPath } from './support/chromium'

// One worker: the specs share one platform and run in file order (the journey starts from an empty one).
export default defineConfig({
	testDir: './tests',
	outputDir: './target/test-results',
	globalSetup: './global-setup.ts',
	workers: 1,
	fullyParallel: false,
	retries: 0,
	timeout: 120_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	forbidOnly: process.env.CI === 'true',
	use: {
		browserName: 'chromium',
		testIdAttribute: 'data-test',
		viewport: { width: 1280, height: 800 },
		locale: 'en-US',
		launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure',
	},
})
