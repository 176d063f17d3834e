// Pure helpers of the 附件3 half-year progress reports (对标达标提升专项行动进展情况报表): who sees
// the tab, periods, status and due-date tags, the form's computed rows, the editor's state ↔ the
// PUT body (with the server's field errors such as `narratives.policies` put beside their field),
// the children's table with the aggregate row and the narratives side by side.

// ---- roles --------------------------------------------------------------------------------------

// Regulators file a report for their own region (when it lies inside the campaign's) and read
// their children's; the national office reads the provinces' reports and returns them.
export const REPORT_ROLES = ['county_regulator', 'city_regulator', 'province_regulator', 'national_office'];
export const canSeeReports = (role) => REPORT_ROLES.includes(role);

// ---- the form -----------------------------------------------------------------------------------

// The ten typed rows of 附件3, in the form's order (the server sends them as `narrative_rows`
// with the Chinese labels and hints; these keys give the English labels).
export const NARRATIVE_KEYS = ['party_government', 'policies', 'organisation', 'endorsement', 'finance', 'departments', 'voice', 'growth', 'reports', 'leaders'];
export const NARRATIVE_MAX = 5000;
export const INDUSTRIES_TEXT_MAX = 500;
export const SCALE_MAX = 100000000;
export const RETURN_REASON_MAX = 1000;

export const REPORT_STATUSES = ['missing', 'draft', 'submitted', 'returned'];
const STATUS_TAGS = { missing: 'info', draft: 'warning', submitted: 'success', returned: 'danger' };
export const reportStatusKey = (s) => (REPORT_STATUSES.includes(s) ? 'reportStatus.' + s : null);
export const reportStatusTagType = (s) => STATUS_TAGS[s] || 'info';

// The rows the server sends, or the keys alone when it sends none.
export function narrativeRows(desk) {
  const rows = desk && Array.isArray(desk.narrative_rows) ? desk.narrative_rows : [];
  if (rows.length) return rows.map((r) => ({ key: String(r.key), label: r.label || '', hint: r.hint || '' }));
  return NARRATIVE_KEYS.map((key) => ({ key, label: '', hint: '' }));
}

// The form's three computed rows with their shares ({key, countKey, shareKey, value, share}), in
// the order of the paper form; value/share null when there are no figures (a child's draft).
export const FIGURE_ROWS = [
  { key: 'enterprises', share: 'enterprise_share' },
  { key: 'plans', share: 'plan_share' },
  { key: 'results', share: 'result_share' },
];
export function figureRows(figures) {
  return FIGURE_ROWS.map((r) => ({
    key: r.key,
    shareKey: r.share,
    value: figures ? num(figures[r.key]) : null,
    share: figures ? num(figures[r.share]) : null,
  }));
}
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : Number.isFinite(Number(v)) && v !== null && v !== '' ? Number(v) : 0);

// 12.5 → "12.5"; null → "—". The shares come with one decimal from the server.
export function formatShare(v) {
  if (v === null || v === undefined || v === '' || !Number.isFinite(Number(v))) return '—';
  const n = Number(v);
  return Number.isInteger(n) ? n.toFixed(1) : String(Math.round(n * 10) / 10);
}
export const formatCount = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

// The editor's state from a report: every narrative row present (empty when not written yet).
export function formFromReport(report, rows = narrativeRows(null)) {
  const r = report || {};
  const narratives = {};
  const given = r.narratives && typeof r.narratives === 'object' ? r.narratives : {};
  for (const row of rows) narratives[row.key] = typeof given[row.key] === 'string' ? given[row.key] : '';
  const scale = Number(r.scale_enterprises);
  return {
    industries_text: typeof r.industries_text === 'string' ? r.industries_text : '',
    // 0 means "not typed yet": the input starts empty rather than at 0
    scale_enterprises: Number.isInteger(scale) && scale > 0 ? scale : null,
    narratives,
  };
}

// The PUT body: the texts as typed (the server trims), the count as an integer (0 when empty),
// `version` 0 for a report that was never saved.
export function reportInput(form, report) {
  const f = form || {};
  const scale = f.scale_enterprises === null || f.scale_enterprises === undefined || f.scale_enterprises === '' ? 0 : Number(f.scale_enterprises);
  const narratives = {};
  for (const [k, v] of Object.entries(f.narratives || {})) narratives[k] = v == null ? '' : String(v);
  return {
    industries_text: f.industries_text == null ? '' : String(f.industries_text),
    scale_enterprises: Number.isFinite(scale) ? Math.trunc(scale) : 0,
    narratives,
    version: savedVersion(report),
  };
}
export const savedVersion = (report) => (report && Number(report.id) > 0 ? Number(report.version) || 0 : 0);
export const isSaved = (report) => !!(report && Number(report.id) > 0);

// A string that changes when the form does (unsaved changes).
export function reportSnapshot(form) {
  const b = reportInput(form, null);
  const keys = Object.keys(b.narratives).sort();
  return JSON.stringify([b.industries_text.trim(), b.scale_enterprises, keys.map((k) => [k, b.narratives[k].trim()])]);
}

// Checks made before sending (the server repeats them): lengths and the count's range. Returns
// {field: message key} with the keys of the server (`narratives.policies`).
export function reportFormProblems(form) {
  const out = {};
  const f = form || {};
  if (String(f.industries_text || '').length > INDUSTRIES_TEXT_MAX) out.industries_text = 'tooLong';
  const s = f.scale_enterprises;
  if (s !== null && s !== undefined && s !== '' && (!Number.isInteger(Number(s)) || Number(s) < 0 || Number(s) > SCALE_MAX)) out.scale_enterprises = 'scale';
  for (const [k, v] of Object.entries(f.narratives || {})) if (String(v || '').length > NARRATIVE_MAX) out['narratives.' + k] = 'tooLong';
  return out;
}

// The server's field errors spread onto the form: {industries_text, scale_enterprises,
// narratives: {key: message}, other: {field: message}} (other: keys no field of the form shows).
export function reportFieldErrors(fields, rows = narrativeRows(null)) {
  const out = { industries_text: '', scale_enterprises: '', narratives: {}, other: {} };
  const known = new Set(rows.map((r) => r.key));
  for (const [key, raw] of Object.entries(fields || {})) {
    const message = Array.isArray(raw) ? raw.join('；') : String(raw);
    if (key === 'industries_text' || key === 'scale_enterprises') out[key] = message;
    else if (key.startsWith('narratives.') && known.has(key.slice('narratives.'.length))) out.narratives[key.slice('narratives.'.length)] = message;
    else out.other[key] = message;
  }
  return out;
}
export const hasReportErrors = (e) => !!(e && (e.industries_text || e.scale_enterprises || Object.keys(e.narratives || {}).length || Object.keys(e.other || {}).length));

// ---- periods and due dates ----------------------------------------------------------------------

// The period picker's options: the desk's periods, with the desk's own period added when the
// campaign's dates do not span it (the period due next may lie past the end of a campaign).
export function periodOptions(desk) {
  const list = desk && Array.isArray(desk.periods) ? desk.periods.map((p) => ({ key: p.key, label: p.label || p.key })) : [];
  if (desk && desk.period && !list.some((p) => p.key === desk.period)) {
    list.push({ key: desk.period, label: desk.period_label || desk.period });
    list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return list;
}
export const isPeriodKey = (s) => /^\d{4}-H[12]$/.test(String(s || ''));

// 'overdue' | 'due_soon' | null — a submitted report is neither.
export function dueState(report) {
  if (!report || report.status === 'submitted') return null;
  if (report.overdue) return 'overdue';
  if (report.due_soon) return 'due_soon';
  return null;
}

// Whole days from `today` to `due` (both YYYY-MM-DD; negative when past); null when either is not a date.
export function daysUntil(due, today) {
  const d = Date.parse(String(due || '') + 'T00:00:00Z');
  const t = Date.parse(String(today || '') + 'T00:00:00Z');
  if (Number.isNaN(d) || Number.isNaN(t)) return null;
  return Math.round((d - t) / 86400000);
}
// Today's date in China (the server's due dates are China dates).
export function todayInChina(now = Date.now()) {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

// ---- the upper office's view --------------------------------------------------------------------

// Figures of a child are shown only when it submitted (drafts have none, a returned report's are
// being reworked).
export const childFiguresShown = (child) => !!(child && child.status === 'submitted' && child.figures);

// One row of the children's table: the report with its figures (null when not shown).
export function childRows(children) {
  return (Array.isArray(children) ? children : []).map((c) => ({ ...c, shown: childFiguresShown(c) ? c.figures : null }));
}
// A child's report can be opened once it has been submitted at least once (drafts are the
// office's own; "missing" ones do not exist).
export const canOpenChild = (child) => !!(child && Number(child.id) > 0 && (child.status === 'submitted' || child.status === 'returned'));

export const FIGURE_COLUMNS = ['enterprises', 'scale_enterprises', 'enterprise_share', 'plans', 'plan_share', 'results', 'result_share'];
const SHARE_COLUMNS = new Set(['enterprise_share', 'plan_share', 'result_share']);
export const isShareColumn = (k) => SHARE_COLUMNS.has(k);

// The summary row of the children's table (el-table's summary-method), from the server's
// aggregate: [label, '', …, the figures in FIGURE_COLUMNS order, ''] over `columns` columns, where
// `firstFigure` is the index of the first figure column.
export function aggregateCells(aggregate, { columns, firstFigure, label }) {
  const cells = new Array(columns).fill('');
  cells[0] = label;
  FIGURE_COLUMNS.forEach((k, i) => {
    const at = firstFigure + i;
    if (at < columns) cells[at] = aggregate ? (isShareColumn(k) ? formatShare(aggregate[k]) : formatCount(aggregate[k])) : '—';
  });
  return cells;
}

// The narratives side by side: one row per narrative row of the form, one column per child that
// has narratives to show (submitted or returned) → {columns: [{code, name, status}], rows:
// [{key, label, hint, texts: {code: text}}]}.
export function narrativeMatrix(children, rows) {
  const shown = (Array.isArray(children) ? children : []).filter((c) => (c.status === 'submitted' || c.status === 'returned') && c.narratives && Object.keys(c.narratives).length);
  return {
    columns: shown.map((c) => ({ code: c.region_code, name: c.region_name || c.region_code, status: c.status })),
    rows: (rows || []).map((r) => ({ ...r, texts: Object.fromEntries(shown.map((c) => [c.region_code, (c.narratives && c.narratives[r.key]) || ''])) })),
  };
}

// How many children are late: not submitted and past their due date.
export const overdueChildren = (children) => (Array.isArray(children) ? children.filter((c) => c.status !== 'submitted' && c.overdue).length : 0);
