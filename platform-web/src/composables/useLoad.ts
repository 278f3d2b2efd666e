import { ref, type Ref } from 'vue'
import { errorDetail } from '@/api/http'

/**
 * A list or record a page reads from the API: the data, whether a read is under way, and the server's
 * detail when the last read failed (the data of an earlier read is kept then).
 */
export function useLoad<T>(read: () => Promise<T>) {
	const data = ref(null) as Ref<T | null>
	const loading = ref(false)
	const error = ref<string | null>(null)

	async function load() {
		loading.value = true
		try {
			data.value = await read()
			error.value = null
		} catch (e) {
			error.value = errorDetail(e)
		} finally {
			loading.value = false
		}
	}

	return { data, loading, error, load }
}
