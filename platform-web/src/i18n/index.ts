import { createI18n } from 'vue-i18n'
import en from './en'
import zhCN from './zh-CN'

export type Locale = 'zh-CN' | 'en'

export const LOCALES: { value: Locale; label: string }[] = [
	{ value: 'zh-CN', label: '中文' },
	{ value: 'en', label: 'English' },
]

const STORAGE_KEY = 'platform.locale'

/** The remembered choice, else the browser's language (any Chinese -> zh-CN), else English. */
export function initialLocale(): Locale {
	const saved = safeStorage()?.getItem(STORAGE_KEY)
	if (saved === 'zh-CN' || saved === 'en') return saved
	const languages = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language]
	for (const lang of languages) {
		if (!lang) continue
		const l = lang.toLowerCase()
		if (l.startsWith('zh')) return 'zh-CN'
		if (l.startsWith('en')) return 'en'
	}
	return 'en'
}

export function createAppI18n(locale: Locale = initialLocale()) {
	return createI18n({
		legacy: false,
		locale,
		fallbackLocale: 'en',
		messages: { en, 'zh-CN': zhCN },
		missingWarn: false,
		fallbackWarn: false,
	})
}

/** Switches the language everywhere (pass the `locale` of `useI18n()`) and remembers it. */
export function setLocale(current: { value: string }, locale: Locale) {
	current.value = locale
	safeStorage()?.setItem(STORAGE_KEY, locale)
	if (typeof document !== 'undefined') document.documentElement.lang = locale
}

function safeStorage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage
	} catch {
		return null
	}
}
