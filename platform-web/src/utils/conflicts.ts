/**
 * The files named in a merge-conflict error, e.g. "Merging feature/b into feature/a conflicts in:
 * src/A.java, pom.xml" or one file per line. Branch names are not files, even when they hold slashes.
 */
export function conflictFiles(error: string | null | undefined, branches: string[] = []): string[] {
	if (!error) return []
	const lines = error.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
	let candidates: string[]
	if (lines.length > 1) {
		// a headline, then the files one per line (maybe as a list)
		candidates = lines.slice(1).map((l) => l.replace(/^[-*•]\s*/, ''))
	} else {
		const colon = error.lastIndexOf(':')
		candidates = (colon >= 0 ? error.slice(colon + 1) : error).split(/[\s,;]+/)
	}
	const skip = new Set(branches)
	const files = candidates
		.map((c) => c.replace(/^["'`(]+|["'`).,;]+$/g, ''))
		.filter((c) => c && !skip.has(c) && /^[\w.@+\-/\\]+$/.test(c) && /[./]/.test(c) && !/^\d+(\.\d+)*$/.test(c))
	return [...new Set(files)]
}
