import { t } from '../i18n/index.js';

// A sentence for an ApiError that is not tied to a form field.
export function errorText(e) {
  if (!e) return '';
  if (e.status === 0) return t('common.networkError');
  if (e.status === 403 && !e.message) return t('common.forbidden');
  if (e.status >= 500) return e.message || t('common.serverError', { code: e.code || e.status });
  return e.message || t('common.serverError', { code: e.code || e.status });
}

export function showError(e) {
  ElMessage.error(errorText(e));
}
