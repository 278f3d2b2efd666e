import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vitest/config'

const backend = process.env.PLATFORM_API ?? 'http://localhost:8080'

export default defineConfig({
	plugins: [
		vue(),
		// Element Plus on demand: only the components a page uses (and their styles) are bundled.
		AutoImport({
			resolvers: [ElementPlusResolver()],
			dts: 'src/auto-imports.d.ts',
		}),
		Components({
			resolvers: [ElementPlusResolver()],
			dts: 'src/components.d.ts',
			// our own components are imported explicitly
			dirs: [],
		}),
	],
	resolve: {
		alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
	},
	define: {
		__VUE_I18N_FULL_INSTALL__: true,
		__VUE_I18N_LEGACY_API__: false,
		__INTLIFY_PROD_DEVTOOLS__: false,
	},
	server: {
		proxy: {
			'/api': { target: backend, changeOrigin: true },
			'/actuator': { target: backend, changeOrigin: true },
			// single sign-on: the provider's button leaves for the server, which comes back through here
			'/oauth2': { target: backend, changeOrigin: true },
			'/login/oauth2': { target: backend, changeOrigin: true },
		},
	},
	build: {
		target: 'es2022',
		chunkSizeWarningLimit: 600,
	},
	test: {
		environment: 'happy-dom',
		include: ['src/**/*.spec.ts'],
		restoreMocks: true,
		css: false,
		server: { deps: { inline: ['element-plus'] } },
	},
})
