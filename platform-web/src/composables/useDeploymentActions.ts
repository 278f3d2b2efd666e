import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { deploymentsApi, type Deployment } from '@/api/deployments'
import { useEnvironmentsStore } from '@/stores/environments'
import { shortCommit } from '@/utils/format'
import { confirmAction, notifyError } from '@/utils/notify'

/** Redeploy, roll back and cancel, with their confirmations; a new deployment opens its page. */
export function useDeploymentActions() {
	const { t } = useI18n()
	const router = useRouter()
	const envs = useEnvironmentsStore()
	const busy = ref<number | null>(null)

	const branchesOf = (d: Deployment) => d.branches.join(' + ')

	async function run(d: Deployment, call: () => Promise<Deployment>) {
		busy.value = d.id
		try {
			const created = await call()
			await router.push(`/deployments/${created.id}`)
			return created
		} catch (e) {
			notifyError(e)
			return null
		} finally {
			busy.value = null
		}
	}

	async function redeploy(d: Deployment) {
		if (envs.byName.get(d.env)?.protected) {
			const ok = await confirmAction(t('history.redeployConfirm', { branches: branchesOf(d), env: d.env }), t('history.redeployTitle'), {
				confirm: t('history.redeploy'),
				cancel: t('common.cancel'),
			})
			if (!ok) return null
		}
		return run(d, () => deploymentsApi.redeploy(d.id))
	}

	/** Names the build it returns to: "Roll back test to build #12 (feature/a @ abc1234)?" */
	function rollbackQuestion(d: Deployment) {
		return t('history.rollbackConfirm', {
			env: d.env,
			build: d.buildNumber ?? '?',
			branches: branchesOf(d),
			commit: shortCommit(d.commit),
		})
	}

	async function rollback(d: Deployment) {
		const ok = await confirmAction(rollbackQuestion(d), t('history.rollbackTitle'), {
			confirm: t('history.rollback'),
			cancel: t('common.cancel'),
			danger: true,
		})
		if (!ok) return null
		return run(d, () => deploymentsApi.rollback(d.id))
	}

	async function cancel(d: Deployment) {
		const ok = await confirmAction(t('deployment.cancelConfirm', { id: d.id, app: d.app, env: d.env }), t('deployment.cancelTitle'), {
			confirm: t('deployment.cancel'),
			cancel: t('common.back'),
			danger: true,
		})
		if (!ok) return null
		busy.value = d.id
		try {
			return await deploymentsApi.cancel(d.id)
		} catch (e) {
			notifyError(e)
			return null
		} finally {
			busy.value = null
		}
	}

	return { busy, redeploy, rollback, rollbackQuestion, cancel }
}
