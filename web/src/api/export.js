// xlsx exports of the lists: the same filters as the table (only those the export takes).
import { API_BASE, buildQuery, fetchFile } from './http.js';
import { cleanFilters } from '../utils/filters.js';

export const EXPORTS = {
  enterprises: { path: '/enterprises/export.xlsx', keys: ['q', 'region_code'], filename: 'enterprises.xlsx' },
  users: { path: '/users/export.xlsx', keys: ['q', 'role'], filename: 'users.xlsx' },
  audit: { path: '/audit/export.xlsx', keys: ['entity'], filename: 'audit.xlsx' },
  standards: { path: '/standards/export.xlsx', keys: ['q', 'kind', 'status', 'field', 'advanced'], filename: 'standards.xlsx' },
  results: {
    path: '/results/export.xlsx',
    keys: ['status', 'stage', 'q', 'plan_number', 'region_code', 'queue', 'overdue'],
    filename: 'results.xlsx',
  },
};

// The server writes at most this many rows into one file.
export const EXPORT_MAX_ROWS = 50000;

function spec(kind) {
  const e = EXPORTS[kind];
  if (!e) throw new Error('unknown export: ' + kind);
  return e;
}

// exportUrl('users', {q: '王', role: '', page: 2}) → '/api/v1/users/export.xlsx?q=%E7%8E%8B'
export function exportUrl(kind, filters) {
  const e = spec(kind);
  return API_BASE + e.path + buildQuery(cleanFilters(filters, e.keys));
}

// Filters in use on the table that the export does not take (the file would hold more rows).
export function ignoredFilters(kind, filters) {
  const e = spec(kind);
  return Object.keys(cleanFilters(filters)).filter((k) => !e.keys.includes(k) && k !== 'page' && k !== 'page_size');
}

// One plan's indicator table (xlsx) or the whole plan laid out like the paper one (docx).
export const PLAN_EXPORT_FORMATS = ['xlsx', 'docx'];
export function planExportUrl(id, format = 'xlsx') {
  if (!PLAN_EXPORT_FORMATS.includes(format)) throw new Error('unknown plan export format: ' + format);
  return API_BASE + '/plans/' + encodeURIComponent(id) + '/export.' + format;
}
export async function fetchPlanExport(id, format, options) {
  const r = await fetchFile(planExportUrl(id, format), options);
  return { ...r, filename: r.filename || `plan-${id}.${format}` };
}

// Downloads the export → {blob, filename}; throws ApiError.
export async function fetchExport(kind, filters, options) {
  const r = await fetchFile(exportUrl(kind, filters), options);
  return { ...r, filename: r.filename || spec(kind).filename };
}
