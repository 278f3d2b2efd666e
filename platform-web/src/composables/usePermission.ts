import { useI18n } from 'vue-i18n'
import { useSessionStore } from '@/stores/session'
import type { Action, Target } from '@/utils/permissions'

/** `why(action, target)`: null when the signed-in user may do it, else the reason to show on the disabled control. */
export function usePermission() {
	const session = useSessionStore()
	const { t } = useI18n()
	function why(action: Action, target?: Target): string | null {
		const d = session.can(action, target)
		return d.allowed ? null : t(d.reason.key, d.reason.params ?? {})
	}
	return { why, session }
}
