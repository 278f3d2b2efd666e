import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'
import { installSessionGuard } from './router/guard'
import './styles.css'

const i18n = createAppI18n()
document.documentElement.lang = i18n.global.locale.value

const pinia = createPinia()
const router = createAppRouter()
installSessionGuard(router, pinia)

createApp(App).use(pinia).use(router).use(i18n).mount('#app')
