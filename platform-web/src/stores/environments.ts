import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { environmentsApi, type Environment } from '@/api/environments'
import { errorDetail } from '@/api/http'

/** The environments in their order; they rarely change, so they are read once per page load. */
export const useEnvironmentsStore = defineStore('environments', () => {
	const list = ref<Environment[]>([])
	const loaded = ref(false)
	const loading = ref(false)
	const error = ref<string | null>(null)
	let pending: Promise<void> | null = null

	function load(force = false): Promise<void> {
		if (pending) return pending
		if (loaded.value && !force) return Promise.resolve()
		loading.value = true
		pending = environmentsApi
			.list()
			.then((envs) => {
				list.value = [...envs].sort((a, b) => a.order - b.order)
				loaded.value = true
				error.value = null
			})
			.catch((e) => {
				error.value = errorDetail(e)
			})
			.finally(() => {
				loading.value = false
				pending = null
			})
		return pending
	}

	const byName = computed(() => new Map(list.value.map((e) => [e.name, e])))
	const names = computed(() => list.value.map((e) => e.name))

	return { list, loaded, loading, error, load, byName, names }
})
