/**
 * Where the platform's ingress serves a service's RUNNING deployment in an environment:
 * `http://{app}.{env}.{domain}:{port}/`, on the port this page came from (the platform's own).
 */
export function ingressUrl(app: string, env: string, domain: string | null | undefined, port = currentPort()): string | null {
	if (!domain) return null
	return `http://${app}.${env}.${domain}${port ? `:${port}` : ''}/`
}

function currentPort(): string {
	return typeof window === 'undefined' ? '' : window.location.port
}
