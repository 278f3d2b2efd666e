// Measures what a browser downloads to show a page of the built UI: the entry chunk, the page's
// chunk and every chunk and stylesheet they import statically, gzipped (level 9, like most servers).
// Usage: node scripts/initial-size.mjs [route-component ...]   (default: the overview page)
// It builds into a temporary directory with a manifest, so dist/ is left as it is.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const pages = process.argv.slice(2)
if (pages.length === 0) pages.push('src/views/overview/OverviewView.vue')

const out = mkdtempSync(join(tmpdir(), 'platform-web-size-'))
try {
	execFileSync('npx', ['vite', 'build', '--manifest', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' })
	const manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8'))
	const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)

	const files = new Set(['index.html'])
	const visit = (key) => {
		const chunk = manifest[key]
		if (!chunk || files.has(chunk.file)) return
		files.add(chunk.file)
		for (const css of chunk.css ?? []) files.add(css)
		for (const dep of chunk.imports ?? []) visit(dep)
	}
	visit(entry)
	for (const page of pages) {
		if (!manifest[page]) throw new Error(`no chunk for ${page}`)
		visit(page)
	}

	let js = 0
	let css = 0
	let other = 0
	for (const file of files) {
		const size = gzipSync(readFileSync(join(out, file)), { level: 9 }).length
		if (file.endsWith('.js')) js += size
		else if (file.endsWith('.css')) css += size
		else other += size
	}
	const kb = (n) => `${(n / 1024).toFixed(1)} KB`
	console.log(`initial load of ${pages.join(', ')}: ${files.size} files`)
	console.log(`  JavaScript ${kb(js)} gzipped, CSS ${kb(css)} gzipped, HTML ${kb(other)} gzipped, total ${kb(js + css + other)}`)
} finally {
	rmSync(out, { recursive: true, force: true })
}
