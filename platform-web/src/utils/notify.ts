import { errorDetail } from '@/api/http'

/** Shows the problem's detail of a failed call. */
export function notifyError(e: unknown) {
	ElMessage({ type: 'error', message: errorDetail(e), showClose: true, duration: 6000 })
}

export function notifySuccess(message: string) {
	ElMessage({ type: 'success', message })
}

/** Resolves true when confirmed, false when dismissed. */
export async function confirmAction(message: string, title: string, options: { confirm: string; cancel: string; danger?: boolean }) {
	try {
		await ElMessageBox.confirm(message, title, {
			confirmButtonText: options.confirm,
			cancelButtonText: options.cancel,
			type: options.danger ? 'warning' : 'info',
			confirmButtonClass: options.danger ? 'el-button--danger' : undefined,
			autofocus: false,
		})
		return true
	} catch {
		return false
	}
}
