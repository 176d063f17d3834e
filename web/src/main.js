import { createApp } from 'vue';
import { createPinia } from 'pinia';
import 'element-plus/theme-chalk/base.css';
import './styles.css';
import App from './App.vue';
import i18n, { t } from './i18n/index.js';
import { createAppRouter } from './router/index.js';
import { setUnauthorizedHandler } from './api/http.js';
import { useAuthStore } from './stores/auth.js';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
const router = createAppRouter();
app.use(router);

// A request answered 401 while signed in: the session ended on the server.
setUnauthorizedHandler(async () => {
  const auth = useAuthStore();
  if (!auth.loggedIn) return;
  auth.clear();
  await auth.fetchCsrf();
  ElMessage.warning(t('common.sessionExpired'));
  router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } });
});

app.mount('#app');
