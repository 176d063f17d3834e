// 规划指标监测 routes (docs/api.md, Planning indicators).
import { API_BASE, buildQuery, fetchFile, http, request } from './http.js';

const path = (id) => '/planning-indicators/' + encodeURIComponent(id);
export const planningApi = {
  // {table?, path?, page?, page_size?} → {items: [PlanningIndicator], total}
  list: (query) => http.get('/planning-indicators', query),
  // → PlanningIndicator with `path` (the straight line year by year)
  get: (id) => http.get(path(id)),
  // {value, note} → PlanningIndicator; 422 with fields year / value / note
  putActual: (id, year, body) => http.put(path(id) + '/actuals/' + encodeURIComponent(year), body),
  removeActual: (id, year) => http.del(path(id) + '/actuals/' + encodeURIComponent(year)),
  // the file as the body; mode all|good_only → {imported, errors}
  importActuals: (file, mode, contentType) =>
    request('POST', '/planning-indicators/import', { query: { mode }, raw: file, contentType: contentType || (file && file.type) || 'application/octet-stream' }),
};

export function planningExportUrl(table) {
  return API_BASE + '/planning-indicators/export.xlsx' + buildQuery(table ? { table } : {});
}
export const planningTemplateUrl = API_BASE + '/planning-indicators/template.xlsx';
export async function fetchPlanningFile(url, fallbackName, options) {
  const r = await fetchFile(url, options);
  return { ...r, filename: r.filename || fallbackName };
}
