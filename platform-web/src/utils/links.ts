/**
 * The URL to put in an href when `value` is an absolute http(s) URL, else null. Anything else
 * (`javascript:`, `data:`, `vbscript:`, relative or malformed) must never become a link: links come from
 * bindings, GitLab and deployments, which people and other systems write. Parsed as the browser would
 * (case, whitespace and tabs inside the scheme do not hide it), and the parsed form is what is used.
 */
export function httpUrl(value: string | null | undefined): string | null {
	if (!value) return null
	let url: URL
	try {
		url = new URL(value.trim())
	} catch {
		return null
	}
	return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
}
