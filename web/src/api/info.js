// Information services (docs/api.md, 信息服务): notices, circulars, questions and the FAQ, the
// directory, the search box.
import { API_BASE, buildQuery, http, request } from './http.js';

const enc = encodeURIComponent;
export const noticesApi = {
  // {q?, status?, mine?, page?, page_size?} → {items, total, unread}
  list: (query) => http.get('/notices', query),
  unread: () => http.get('/notices/unread'),
  get: (id) => http.get('/notices/' + enc(id)),
  create: (body) => http.post('/notices', body),
  update: (id, body) => http.put('/notices/' + enc(id), body),
  remove: (id, version) => request('DELETE', '/notices/' + enc(id), { query: { version } }),
  act: (id, action, version) => http.post('/notices/' + enc(id) + '/actions', { action, version }),
  attach: (id, file) =>
    request('POST', '/notices/' + enc(id) + '/attachments', { query: { name: file.name }, raw: file, contentType: file.type || 'application/octet-stream' }),
  detach: (id, aid) => request('DELETE', '/notices/' + enc(id) + '/attachments/' + enc(aid)),
  read: (id) => http.post('/notices/' + enc(id) + '/read', {}),
  readers: (id) => http.get('/notices/' + enc(id) + '/readers'),
};

export const circularsApi = {
  list: (query) => http.get('/circulars', query),
  get: (id) => http.get('/circulars/' + enc(id)),
  create: (body) => http.post('/circulars', body),
  update: (id, body) => http.put('/circulars/' + enc(id), body),
  remove: (id, version) => request('DELETE', '/circulars/' + enc(id), { query: { version } }),
  send: (id, version) => http.post('/circulars/' + enc(id) + '/send', { version }),
  confirm: (id) => http.post('/circulars/' + enc(id) + '/confirm', {}),
  // {campaign_id, kind: overdue|ranking, phase_key?} → {title, body, recipients, campaign_id, source}
  generate: (body) => http.post('/circulars/generate', body),
};

export const questionsApi = {
  list: (query) => http.get('/questions', query),
  get: (id) => http.get('/questions/' + enc(id)),
  ask: (body) => http.post('/questions', body),
  assignees: () => http.get('/questions/assignees'),
  assign: (id, assignee_id, version) => http.post('/questions/' + enc(id) + '/assign', { assignee_id, version }),
  answer: (id, answer, version) => http.post('/questions/' + enc(id) + '/answer', { answer, version }),
  faq: (id, body) => http.post('/questions/' + enc(id) + '/faq', body),
};

export const directoryApi = {
  list: (query) => http.get('/directory', query),
  get: (id) => http.get('/directory/' + enc(id)),
  create: (body) => http.post('/directory', body),
  update: (id, body) => http.put('/directory/' + enc(id), body),
  remove: (id, version) => request('DELETE', '/directory/' + enc(id), { query: { version } }),
  importFile: (file, mode) =>
    request('POST', '/directory/import', { query: { mode }, raw: file, contentType: file.type || 'application/octet-stream' }),
};
export const directoryTemplateUrl = API_BASE + '/directory/template.xlsx';

export const publicInfoApi = {
  notices: (query) => http.get('/public/notices', query),
  notice: (id) => http.get('/public/notices/' + enc(id)),
  faq: (query) => http.get('/public/faq', query),
  faqEntry: (id) => http.get('/public/faq/' + enc(id)),
};

export const searchApi = {
  // {q, kinds?, per_group?} → {q, groups: [{kind, label, total, items: [{kind, id, key, title, subtitle}]}]}
  search: (query) => http.get('/search', query),
};

export function searchUrl(q) {
  return API_BASE + '/search' + buildQuery({ q });
}
