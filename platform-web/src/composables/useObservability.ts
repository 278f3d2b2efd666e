import { ref, shallowRef } from 'vue'
import { errorDetail } from '@/api/http'
import { observabilityApi, type Observability } from '@/api/observability'

/** Whether a deployment is traced and where its logs and traces are in the environment's own tools; read once, when first needed. */
export function useObservability(id: number | string) {
	const data = shallowRef<Observability | null>(null)
	const error = ref<string | null>(null)
	let started = false

	async function load() {
		started = true
		try {
			data.value = await observabilityApi.get(id)
			error.value = null
		} catch (e) {
			error.value = errorDetail(e)
		}
	}

	function ensure() {
		if (!started) void load()
	}

	return { data, error, load, ensure }
}
