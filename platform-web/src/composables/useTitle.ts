import { watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'

/** Keeps the document title on what the page shows, in the current language. */
export function useTitle(title: () => string | undefined) {
	const { t } = useI18n()
	watchEffect(() => {
		const page = title()
		document.title = page ? `${page} · ${t('app.title')}` : t('app.title')
	})
}
