// A small i18n: two dictionaries with the same keys, a reactive locale kept in localStorage.
import { ref, computed } from 'vue';
import zh from './zh.js';
import en from './en.js';

export const messages = { 'zh-CN': zh, en };
export const LOCALES = ['zh-CN', 'en'];
export const DEFAULT_LOCALE = 'zh-CN';
const STORAGE_KEY = 'duibiao.locale';

function storage() {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null;
  }
}

function initialLocale() {
  const saved = storage()?.getItem(STORAGE_KEY);
  return LOCALES.includes(saved) ? saved : DEFAULT_LOCALE;
}

export const locale = ref(initialLocale());

export function setLocale(l) {
  if (!LOCALES.includes(l)) return;
  locale.value = l;
  storage()?.setItem(STORAGE_KEY, l);
  if (typeof document !== 'undefined') document.documentElement.lang = l;
}

function lookup(dict, key) {
  let cur = dict;
  for (const part of key.split('.')) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return typeof cur === 'string' ? cur : undefined;
}

export function interpolate(text, params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] !== undefined && params[name] !== null ? String(params[name]) : m));
}

// t('login.title'), t('common.total', {n: 3}). Falls back to Chinese, then to the key itself.
export function t(key, params) {
  const text = lookup(messages[locale.value], key) ?? lookup(messages[DEFAULT_LOCALE], key) ?? key;
  return interpolate(text, params);
}

// Whether a key exists (used for optional labels such as action names).
export function te(key) {
  return lookup(messages[locale.value], key) !== undefined;
}

// Every leaf key of a dictionary, dotted.
export function flatKeys(dict, prefix = '') {
  const out = [];
  for (const [k, v] of Object.entries(dict)) {
    const key = prefix ? prefix + '.' + k : k;
    if (v && typeof v === 'object') out.push(...flatKeys(v, key));
    else out.push(key);
  }
  return out;
}

export function useI18n() {
  return { t, te, locale, setLocale, isZh: computed(() => locale.value === 'zh-CN') };
}

export default {
  install(app) {
    app.config.globalProperties.$t = t;
    if (typeof document !== 'undefined') document.documentElement.lang = locale.value;
  },
};
