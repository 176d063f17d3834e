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
  // {requirement, value, method?, interval?} → {pass, decided, reason, compared_value}; 422 with fields
  judge: (query) => http.get('/tools/judge', query),
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
  loadStarter: () => http.post('/standards/starter', {}),
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

const resultPath = (id) => '/results/' + encodeURIComponent(id);
export const resultsApi = {
  // {status?, stage?, q?, plan_number?, region_code?, queue?: '1', overdue?: '1', page?, page_size?} → ResultPage
  list: (query) => http.get('/results', query),
  get: (id) => http.get(resultPath(id)),
  // {product_id, plan_id} or {product_id, plan_number} → 201 Result
  create: (body) => http.post('/results', body),
  // ResultInput with `version` → Result (version + 1); 409 stale / locked; 422 with fields
  update: (id, body) => http.put(resultPath(id), body),
  remove: (id) => http.del(resultPath(id)),
  submit: (id, version) => http.post(resultPath(id) + '/submit', { version }),
  // {version, action: pass|return|publish, comment}
  review: (id, body) => http.post(resultPath(id) + '/review', body),
  // {action: 'pass', comment, items: [{id, version}]} → {items: [{id, ok, status} | {id, ok: false, error}]}
  bulkReview: (body) => http.post('/results/review', body),
  events: (id) => http.get(resultPath(id) + '/events'),
};

export const filesApi = {
  // the raw file as the body → 201 {hash, size, content_type, name}; 413 too large, 415 wrong type
  upload: (file, name) => request('POST', '/files', { query: { name: name || (file && file.name) || 'file' }, raw: file, contentType: (file && file.type) || 'application/octet-stream' }),
};

export const notificationsApi = {
  list: (query) => http.get('/notifications', query),
  // {ids: [...]} or {all: true} → {unread}
  read: (body) => http.post('/notifications/read', body),
};

export const settingsApi = {
  review: () => http.get('/settings/review'),
  saveReview: (body) => http.put('/settings/review', body),
};

export const publicResultsApi = {
  list: (query) => http.get('/public/results', query),
  get: (code) => http.get('/public/results/' + encodeURIComponent(code)),
};

const campaignPath = (id) => '/campaigns/' + encodeURIComponent(id);
export const campaignsApi = {
  // {q?, level?, year?, page?, page_size?} → {items: [Campaign], total}
  list: (query) => http.get('/campaigns', query),
  get: (id) => http.get(campaignPath(id)),
  // CampaignInput → 201 Campaign; 422 with fields such as regions[2].quota
  create: (body) => http.post('/campaigns', body),
  // CampaignInput + version → Campaign; 409 stale version
  update: (id, body) => http.put(campaignPath(id), body),
  // 204; 409 when it has members or child campaigns
  remove: (id) => http.del(campaignPath(id)),
  candidates: (id, query) => http.get(campaignPath(id) + '/candidates', query),
  members: (id, query) => http.get(campaignPath(id) + '/members', query),
  // {enterprise_ids: [...]} → {added, skipped: [{enterprise_id, reason}]}
  addMembers: (id, body) => http.post(campaignPath(id) + '/members', body),
  removeMember: (id, enterpriseId) => http.del(campaignPath(id) + '/members/' + encodeURIComponent(enterpriseId)),
  list2: (id, query) => http.get(campaignPath(id) + '/list', query),
  // the 附件2 file as the body; mode all|good_only → {imported, members_added, support_requests, errors}
  importList: (id, file, mode, contentType) =>
    request('POST', campaignPath(id) + '/list/import', { query: { mode }, raw: file, contentType: contentType || (file && file.type) || 'application/octet-stream' }),
  removeListRow: (id, rowId) => http.del(campaignPath(id) + '/list/' + encodeURIComponent(rowId)),
  stats: (id, query) => http.get(campaignPath(id) + '/stats', query),
  // the rows behind a figure: {region_code?, industry_code?, batch?, status?, rollup?, month?, page?, page_size?}
  results: (id, query) => http.get(campaignPath(id) + '/results', query),
};

// 附件3 half-year progress reports: an office's desk per campaign and period (YYYY-H1 / YYYY-H2).
export const reportsApi = {
  // → {period, periods, narrative_rows, own: Report|null, children: [Report], aggregate, children_submitted, children_total}
  desk: (campaignId, period) => http.get(campaignPath(campaignId) + '/reports', period ? { period } : undefined),
  // {industries_text, scale_enterprises, narratives: {key: text}, version (0 first)} → Report; 409 stale / submitted; 422 with fields
  save: (campaignId, period, body) => http.put(campaignPath(campaignId) + '/reports/' + encodeURIComponent(period), body),
  // → Report (submitted, figures frozen); 422 naming every empty row
  submit: (campaignId, period, version) => http.post(campaignPath(campaignId) + '/reports/' + encodeURIComponent(period) + '/submit', { version }),
  get: (id) => http.get('/reports/' + encodeURIComponent(id)),
  // the receiving upper office; reason required → Report (returned)
  sendBack: (id, version, reason) => http.post('/reports/' + encodeURIComponent(id) + '/return', { version, reason }),
};

// Analysis reports (综合分析报告): generated by a background job per campaign and region.
export const analysisApi = {
  // {page?, page_size?} → {items: [ReportJob], total}
  list: (campaignId, query) => http.get(campaignPath(campaignId) + '/analysis-reports', query),
  // {region_code?} → ReportJob (202 queued; 200 the same job already under way)
  create: (campaignId, body) => http.post(campaignPath(campaignId) + '/analysis-reports', body || {}),
  job: (id) => http.get('/report-jobs/' + encodeURIComponent(id)),
};

export const supportRequestsApi = {
  // {status?, industry_code?, page?, page_size?} → {items: [SupportRequest], total}
  list: (query) => http.get('/support-requests', query),
  // {action: take|done, note} → SupportRequest; 409 when the state does not allow it
  act: (id, body) => http.post('/support-requests/' + encodeURIComponent(id) + '/actions', body),
};

export const workbenchApi = {
  get: (query) => http.get('/workbench', query),
};
