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
  // {a, b, unit?} → {verdict, label, reason}; 422 with fields.a / fields.b
  compare: (query) => http.get('/tools/compare', query),
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

const planPath = (id) => '/plans/' + encodeURIComponent(id);
export const plansApi = {
  list: (query) => http.get('/plans', query),
  get: (id) => http.get(planPath(id)),
  byNumber: (number) => http.get('/plans/by-number/' + encodeURIComponent(number)),
  create: (body) => http.post('/plans', body),
  update: (id, body) => http.put(planPath(id), body),
  act: (id, body) => http.post(planPath(id) + '/actions', body),
  newVersion: (id) => http.post(planPath(id) + '/versions', {}),
  objections: (id) => http.get(planPath(id) + '/objections'),
  object: (id, text) => http.post(planPath(id) + '/objections', { text }),
  answer: (id, oid, answer) => http.post(planPath(id) + '/objections/' + encodeURIComponent(oid) + '/answer', { answer }),
  events: (id) => http.get(planPath(id) + '/events'),
};

export { request };

const productPath = (id) => '/products/' + encodeURIComponent(id);
export const productsApi = {
  // {q?, enterprise_id?, selected?: '1', page?, page_size?} → ProductPage
  list: (query) => http.get('/products', query),
  get: (id) => http.get(productPath(id)),
  create: (body) => http.post('/products', body),
  update: (id, body) => http.put(productPath(id), body),
  remove: (id) => http.del(productPath(id)),
  select: (id, selected) => http.post(productPath(id) + '/selection', { selected: !!selected }),
};
