import { http, request } from './http.js';

export const authApi = {
  me: () => http.get('/auth/me'),
  csrf: () => http.get('/auth/csrf'),
  login: (username, password) => http.post('/auth/login', { username, password }),
  logout: () => http.post('/auth/logout'),
  changePassword: (old_password, new_password) => http.post('/auth/password', { old_password, new_password }),
};

export const toolsApi = {
  checkCreditCode: (code) => http.get('/tools/credit-code', { code }),
  parseStandardNumber: (text) => http.get('/tools/standard-number', { text }),
};

export const regionsApi = {
  children: (parent) => http.get('/regions', parent ? { parent } : undefined),
  get: (code) => http.get('/regions/' + encodeURIComponent(code)),
};

export const industriesApi = {
  list: () => http.get('/industries'),
};

export const enterprisesApi = {
  register: (enterprise, user) => http.post('/enterprises/register', { enterprise, user }),
  mine: () => http.get('/enterprises/mine'),
  list: (query) => http.get('/enterprises', query),
  get: (id) => http.get('/enterprises/' + id),
  confirmCode: (id) => http.post('/enterprises/' + id + '/confirm-code'),
};

export const usersApi = {
  list: (query) => http.get('/users', query),
  get: (id) => http.get('/users/' + id),
  create: (body) => http.post('/users', body),
  update: (id, body) => http.patch('/users/' + id, body),
  resetPassword: (id) => http.post('/users/' + id + '/reset-password'),
};

export const auditApi = {
  list: (query) => http.get('/audit', query),
  get: (id) => http.get('/audit/' + id),
};

export const standardsApi = {
  list: (query) => http.get('/standards', query),
  get: (id) => http.get('/standards/' + encodeURIComponent(id)),
  create: (body) => http.post('/standards', body),
  update: (id, body) => http.patch('/standards/' + encodeURIComponent(id), body),
  addAdvanced: (id, field) => http.post('/standards/' + encodeURIComponent(id) + '/advanced', { field }),
  removeAdvanced: (id, field) => request('DELETE', '/standards/' + encodeURIComponent(id) + '/advanced', { query: { field } }),
  advancedFields: () => http.get('/advanced-fields'),
};

export { request };
