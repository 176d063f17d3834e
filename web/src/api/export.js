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

// A campaign's files: the member list, the 附件2 form and its empty template, one table of the
// statistics (`table` is one of regions|industries|batches|months|quotas|targets|phases) and the
// results behind a figure — each with the filters it takes.
export const CAMPAIGN_EXPORTS = {
  members: { path: '/members/export.xlsx', keys: ['q', 'region_code', 'industry_code', 'batch', 'result_status', 'rollup'], filename: 'campaign-members.xlsx' },
  list: { path: '/list/export.xlsx', keys: ['region_code'], filename: 'campaign-list.xlsx' },
  template: { path: '/list/template.xlsx', keys: [], filename: 'campaign-list-template.xlsx' },
  stats: { path: '/stats/export.xlsx', keys: ['table', 'region_code'], filename: 'campaign-stats.xlsx' },
  results: { path: '/results/export.xlsx', keys: ['region_code', 'industry_code', 'batch', 'status', 'rollup', 'month'], filename: 'campaign-results.xlsx' },
};
export function campaignExportUrl(id, kind, filters) {
  const e = CAMPAIGN_EXPORTS[kind];
  if (!e) throw new Error('unknown campaign export: ' + kind);
  return API_BASE + '/campaigns/' + encodeURIComponent(id) + e.path + buildQuery(cleanFilters(filters, e.keys));
}
export async function fetchCampaignExport(id, kind, filters, options) {
  const r = await fetchFile(campaignExportUrl(id, kind, filters), options);
  const base = CAMPAIGN_EXPORTS[kind].filename;
  const fallback = kind === 'stats' && filters && filters.table ? base.replace('.xlsx', `-${filters.table}.xlsx`) : base;
  return { ...r, filename: r.filename || fallback };
}

// 附件3 reports: one report laid out like the form (xlsx or docx) and an office's summary of its
// children's reports for a period (xlsx).
export const REPORT_EXPORT_FORMATS = ['xlsx', 'docx'];
export function reportExportUrl(id, format = 'xlsx') {
  if (!REPORT_EXPORT_FORMATS.includes(format)) throw new Error('unknown report export format: ' + format);
  return API_BASE + '/reports/' + encodeURIComponent(id) + '/export.' + format;
}
export async function fetchReportExport(id, format, options) {
  const r = await fetchFile(reportExportUrl(id, format), options);
  return { ...r, filename: r.filename || `report-${id}.${format}` };
}
export function reportDeskExportUrl(campaignId, period) {
  return API_BASE + '/campaigns/' + encodeURIComponent(campaignId) + '/reports/export.xlsx' + buildQuery(period ? { period } : null);
}
export async function fetchReportDeskExport(campaignId, period, options) {
  const r = await fetchFile(reportDeskExportUrl(campaignId, period), options);
  return { ...r, filename: r.filename || `campaign-${campaignId}-reports${period ? '-' + period : ''}.xlsx` };
}

// Analysis reports: one result's (generated on request) and a finished job's file.
export function resultAnalysisUrl(id) {
  return API_BASE + '/results/' + encodeURIComponent(id) + '/analysis-report.docx';
}
export function reportJobFileUrl(id) {
  return API_BASE + '/report-jobs/' + encodeURIComponent(id) + '/file';
}
export async function fetchResultAnalysis(id, options) {
  const r = await fetchFile(resultAnalysisUrl(id), options);
  return { ...r, filename: r.filename || `analysis-result-${id}.docx` };
}
export async function fetchReportJobFile(id, options) {
  const r = await fetchFile(reportJobFileUrl(id), options);
  return { ...r, filename: r.filename || `analysis-report-${id}.docx` };
}

// Downloads the export → {blob, filename}; throws ApiError.
export async function fetchExport(kind, filters, options) {
  const r = await fetchFile(exportUrl(kind, filters), options);
  return { ...r, filename: r.filename || spec(kind).filename };
}
