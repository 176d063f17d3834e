// Pure helpers of the benchmarking technical plans (对标技术方案): statuses, verdicts, roll-up
// kinds, who may do what in which status, the list's filters ↔ route query, the editor's rows →
// PlanInput, and the server's field keys (`indicators[2].benchmark_requirement`) → table cells.
import { cleanFilters } from './filters.js';

export const PLAN_STATUSES = ['draft', 'consultation', 'notice', 'published', 'superseded', 'withdrawn'];
// What anonymous visitors may see (the server decides; the filter only offers these).
export const PUBLIC_PLAN_STATUSES = ['notice', 'published', 'superseded'];
export const VERDICTS = ['better', 'equal', 'worse', 'incomparable'];
export const ROLL_UP_KINDS = ['all_better', 'partly_better', 'all_equal', 'not_met', 'undetermined'];
export const STANDARD_ROLES = ['domestic', 'benchmark'];
export const INDICATOR_FLAGS = ['core', 'safety', 'health', 'environment'];
// Text columns of an indicator row, in table order.
export const INDICATOR_TEXT_COLUMNS = [
  'name',
  'unit',
  'domestic_requirement',
  'benchmark_requirement',
  'domestic_method',
  'benchmark_method',
  'notes',
];
export const INDICATOR_COLUMNS = [...INDICATOR_TEXT_COLUMNS, ...INDICATOR_FLAGS];
export const STANDARD_COLUMNS = ['role', 'number', 'title'];
export const PLAN_FORM_PROPS = ['product', 'industry_code', 'author_org', 'summary'];

// Roles that draft plans, and those that publish, send back and withdraw them.
export const PLAN_DRAFTER_ROLES = ['technical_body', 'admin'];
export const PLAN_PUBLISHER_ROLES = ['national_office', 'admin'];
export const canDraftPlans = (role) => PLAN_DRAFTER_ROLES.includes(role);
export const canPublishPlans = (role) => PLAN_PUBLISHER_ROLES.includes(role);

// Limits the server applies.
export const PRODUCT_MAX = 100;
export const ORG_MAX = 100;
export const SUMMARY_MAX = 4000;
export const INDICATOR_NAME_MAX = 100;
export const MAX_STANDARDS = 30;
export const MAX_INDICATORS = 300;
export const TEXT_MAX = 2000;

// ---- labels (i18n keys; the caller translates) and tag colours ------------------------------

export const planStatusKey = (s) => (PLAN_STATUSES.includes(s) ? 'planStatus.' + s : null);
export const verdictKey = (v) => (VERDICTS.includes(v) ? 'verdict.' + v : null);
export const rollUpKey = (k) => (ROLL_UP_KINDS.includes(k) ? 'rollUp.' + k : null);
export const standardRoleKey = (r) => (STANDARD_ROLES.includes(r) ? 'standardRole.' + r : null);
// column headers (indicator and standard tables), form fields, method placeholders
const COL_PREFIX = 'plans.col.';
const FIELD_PREFIX = 'plans.field.';
export const columnKey = (c) => COL_PREFIX + c;
export const fieldKey = (p) => FIELD_PREFIX + p;
export const methodPlaceholderKey = (c) => ['plans', 'methodPlaceholder', c].join('.');

const STATUS_TAGS = { draft: 'info', consultation: 'warning', notice: 'primary', published: 'success', superseded: 'info', withdrawn: 'danger' };
const VERDICT_TAGS = { better: 'success', equal: 'primary', worse: 'danger', incomparable: 'info' };
const ROLL_UP_TAGS = { all_better: 'success', partly_better: 'success', all_equal: 'primary', not_met: 'danger', undetermined: 'warning' };
export const planStatusTagType = (s) => STATUS_TAGS[s] || 'info';
export const verdictTagType = (v) => VERDICT_TAGS[v] || 'info';
export const rollUpTagType = (k) => ROLL_UP_TAGS[k] || 'info';

// A label with a fallback to the server's own text (e.g. `verdict_label`, `roll_up.label`) when
// the code is unknown to this version of the front end.
export function labelOf(t, key, fallback) {
  return key ? t(key) : fallback || '';
}

// ---- plan numbers -------------------------------------------------------------------------

// DBFA-<year>-<region code>-<4-digit sequence>
export const PLAN_NUMBER_RE = /^DBFA-\d{4}-\d{6}-\d{4,}$/i;
export function isPlanNumber(text) {
  return typeof text === 'string' && PLAN_NUMBER_RE.test(text.trim());
}
export function normalizePlanNumber(text) {
  return String(text || '').trim().toUpperCase();
}

// ---- who may do what ---------------------------------------------------------------------

export function isPlanAuthor(user, plan) {
  if (!user || !plan) return false;
  return user.role === 'admin' || (plan.author_id != null && user.id === plan.author_id);
}

// The lifecycle buttons a user sees on a plan, in display order:
// edit, submit (author, draft); notice (author, consultation); publish (publisher, notice);
// reject (publisher, consultation / notice); withdraw (publisher, published);
// newVersion (technical bodies and admins, published).
export function planActions(plan, user) {
  if (!plan || !user) return [];
  const out = [];
  const author = isPlanAuthor(user, plan);
  const publisher = canPublishPlans(user.role);
  switch (plan.status) {
    case 'draft':
      if (author) out.push('edit', 'submit');
      break;
    case 'consultation':
      if (author) out.push('notice');
      if (publisher) out.push('reject');
      break;
    case 'notice':
      if (publisher) out.push('publish', 'reject');
      break;
    case 'published':
      if (canDraftPlans(user.role)) out.push('newVersion');
      if (publisher) out.push('withdraw');
      break;
    default:
      break;
  }
  return out;
}

// Any signed-in user may file an objection while the plan is in 公示.
export function canObject(plan, user) {
  return !!(plan && user && plan.status === 'notice');
}
// The author answers objections that have no answer yet.
export function canAnswer(plan, user, objection) {
  return !!(isPlanAuthor(user, plan) && objection && (objection.answer === null || objection.answer === undefined || objection.answer === ''));
}

// Actions that need a reason (the server answers 422 without one).
export const REASON_ACTIONS = ['reject', 'withdraw'];

// The body of POST /plans/{id}/actions.
export function actionBody(action, { comment, range } = {}) {
  const body = { action };
  if (REASON_ACTIONS.includes(action)) body.comment = String(comment || '').trim();
  if (action === 'notice') {
    const [start, end] = Array.isArray(range) ? range : [];
    body.notice_start = start || '';
    body.notice_end = end || '';
  }
  return body;
}

// Today in China (UTC+8), YYYY-MM-DD: notice periods are set in local dates.
export function todayChina(now = Date.now()) {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
export function addDays(date, n) {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// ---- list filters ↔ route query -----------------------------------------------------------

export const PLAN_FILTER_KEYS = ['q', 'status'];
export const emptyPlanFilters = () => ({ q: '', status: '' });

export function planListParams(filters) {
  const f = filters || {};
  return cleanFilters({
    q: typeof f.q === 'string' ? f.q : '',
    status: PLAN_STATUSES.includes(f.status) ? f.status : '',
  });
}

const first = (v) => (Array.isArray(v) ? v[0] : v);

export function planStateFromQuery(query, { pageSize = 20, maxPageSize = 200 } = {}) {
  const q = query || {};
  const str = (k) => {
    const v = first(q[k]);
    return typeof v === 'string' ? v : '';
  };
  const filters = emptyPlanFilters();
  filters.q = str('q');
  filters.status = PLAN_STATUSES.includes(str('status')) ? str('status') : '';
  const int = (k, def, max) => {
    const n = Number(str(k));
    return Number.isInteger(n) && n >= 1 && n <= max ? n : def;
  };
  return { filters, page: int('page', 1, 1e9), size: int('page_size', pageSize, maxPageSize) };
}

export function planQueryFromState(filters, page = 1, size = 20, { pageSize = 20 } = {}) {
  const out = planListParams(filters);
  if (page > 1) out.page = String(page);
  if (size !== pageSize) out.page_size = String(size);
  return out;
}

// "GB 4706.24-2008 → IEC 60335-2-7:2008+A1:2011" for the list's standards column.
export function standardsSummary(standards) {
  const list = Array.isArray(standards) ? standards : [];
  const of = (role) => list.filter((s) => s && s.role === role).map((s) => s.number);
  return { domestic: of('domestic'), benchmark: of('benchmark') };
}

// ---- the editor's rows ----------------------------------------------------------------------

let uidSeq = 0;
export const newUid = () => 'r' + ++uidSeq;

export const emptyStandardRow = (role = 'domestic') => ({ uid: newUid(), role, number: '', title: '' });
export const emptyIndicatorRow = () => ({
  uid: newUid(),
  name: '',
  unit: '',
  domestic_requirement: '',
  benchmark_requirement: '',
  domestic_method: '',
  benchmark_method: '',
  core: false,
  safety: false,
  health: false,
  environment: false,
  notes: '',
});

export const emptyPlanForm = (authorOrg = '') => ({
  product: '',
  industry_code: '',
  author_org: authorOrg,
  summary: '',
  standards: [emptyStandardRow('domestic'), emptyStandardRow('benchmark')],
  indicators: [emptyIndicatorRow()],
});

const str = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

// A stored Plan → the editor's form (rows get fresh uids; verdicts are not part of the form).
export function formFromPlan(plan) {
  const p = plan || {};
  const form = emptyPlanForm();
  for (const k of PLAN_FORM_PROPS) form[k] = str(p[k]);
  form.standards = (Array.isArray(p.standards) ? p.standards : []).map((s) => ({
    uid: newUid(),
    role: STANDARD_ROLES.includes(s.role) ? s.role : 'domestic',
    number: str(s.number),
    title: str(s.title),
  }));
  form.indicators = (Array.isArray(p.indicators) ? p.indicators : []).map((i) => {
    const row = emptyIndicatorRow();
    for (const k of INDICATOR_TEXT_COLUMNS) row[k] = str(i[k]);
    for (const k of INDICATOR_FLAGS) row[k] = !!i[k];
    return row;
  });
  return form;
}

export function isBlankStandardRow(row) {
  return !row || (!str(row.number).trim() && !str(row.title).trim());
}
export function isBlankIndicatorRow(row) {
  if (!row) return true;
  return INDICATOR_TEXT_COLUMNS.every((k) => !str(row[k]).trim()) && INDICATOR_FLAGS.every((k) => !row[k]);
}

// The editor's form → {body: PlanInput, uids: {standards: [uid], indicators: [uid]}}. Strings are
// trimmed, rows left completely blank are not sent; `uids[i]` is the row behind `indicators[i]`
// so the server's field errors (by index) land on the right row even after reordering.
export function planInput(form) {
  const f = form || {};
  const t = (v) => str(v).trim();
  const body = {
    product: t(f.product),
    industry_code: t(f.industry_code),
    author_org: t(f.author_org),
    summary: t(f.summary),
    standards: [],
    indicators: [],
  };
  const uids = { standards: [], indicators: [] };
  for (const s of Array.isArray(f.standards) ? f.standards : []) {
    if (isBlankStandardRow(s)) continue;
    const row = { role: STANDARD_ROLES.includes(s.role) ? s.role : 'domestic', number: t(s.number) };
    if (t(s.title)) row.title = t(s.title);
    body.standards.push(row);
    uids.standards.push(s.uid);
  }
  for (const i of Array.isArray(f.indicators) ? f.indicators : []) {
    if (isBlankIndicatorRow(i)) continue;
    const row = {};
    for (const k of INDICATOR_TEXT_COLUMNS) row[k] = t(i[k]);
    for (const k of INDICATOR_FLAGS) row[k] = !!i[k];
    body.indicators.push(row);
    uids.indicators.push(i.uid);
  }
  return { body, uids };
}

// What the unsaved-changes guard compares.
export function planSnapshot(form) {
  return JSON.stringify(planInput(form).body);
}

// Client-side checks before saving → same shape as planFieldErrors (i18n [key, params] values).
export function planFormProblems(form) {
  const f = form || {};
  const out = { form: {}, standards: {}, indicators: {} };
  const chars = (s) => [...str(s).trim()].length;
  if (!chars(f.product)) out.form.product = ['plans.productRequired'];
  else if (chars(f.product) > PRODUCT_MAX) out.form.product = ['plans.tooLong', { max: PRODUCT_MAX }];
  if (!chars(f.author_org)) out.form.author_org = ['plans.orgRequired'];
  else if (chars(f.author_org) > ORG_MAX) out.form.author_org = ['plans.tooLong', { max: ORG_MAX }];
  if (chars(f.summary) > SUMMARY_MAX) out.form.summary = ['plans.tooLong', { max: SUMMARY_MAX }];
  for (const s of f.standards || []) {
    if (isBlankStandardRow(s)) continue;
    if (!str(s.number).trim()) out.standards[s.uid] = { number: ['plans.numberRequired'] };
  }
  for (const i of f.indicators || []) {
    if (isBlankIndicatorRow(i)) continue;
    if (!chars(i.name)) out.indicators[i.uid] = { name: ['plans.indicatorNameRequired'] };
    else if (chars(i.name) > INDICATOR_NAME_MAX) out.indicators[i.uid] = { name: ['plans.tooLong', { max: INDICATOR_NAME_MAX }] };
  }
  const body = planInput(f).body;
  if (body.standards.length > MAX_STANDARDS) out.form.standards = ['plans.tooManyStandards', { max: MAX_STANDARDS }];
  if (body.indicators.length > MAX_INDICATORS) out.form.indicators = ['plans.tooManyIndicators', { max: MAX_INDICATORS }];
  return out;
}
export function hasProblems(p) {
  return !!p && (Object.keys(p.form || {}).length > 0 || Object.keys(p.standards || {}).length > 0 || Object.keys(p.indicators || {}).length > 0);
}

// `indicators[2].benchmark_requirement` → {table: 'indicators', index: 2, column: 'benchmark_requirement'};
// `standards[1]` → {table: 'standards', index: 1, column: null}; `product` → {table: null, prop: 'product'}.
export function parseFieldKey(key) {
  const m = /^(standards|indicators)\[(\d+)\](?:\.([a-z_]+))?$/.exec(String(key || ''));
  if (m) return { table: m[1], index: Number(m[2]), column: m[3] || null };
  return { table: null, prop: String(key || '') };
}

// The server's `error.fields` → {form: {prop: msg}, standards: {uid: {column: msg}},
// indicators: {uid: {column: msg}}, other: {key: msg}}. `uids` comes from planInput (which row
// was sent at which index); a key naming a row but no known column lands on the row's first
// column (`name`, `number`); keys that match nothing are kept in `other`.
export function planFieldErrors(fields, uids = { standards: [], indicators: [] }) {
  const out = { form: {}, standards: {}, indicators: {}, other: {} };
  if (!fields || typeof fields !== 'object') return out;
  const add = (obj, k, msg) => {
    obj[k] = obj[k] ? obj[k] + '；' + msg : msg;
  };
  for (const [key, raw] of Object.entries(fields)) {
    const msg = Array.isArray(raw) ? raw.join('；') : String(raw);
    const p = parseFieldKey(key);
    if (p.table) {
      const uid = uids && uids[p.table] ? uids[p.table][p.index] : undefined;
      const columns = p.table === 'standards' ? STANDARD_COLUMNS : INDICATOR_COLUMNS;
      if (uid === undefined) {
        add(out.other, key, msg);
        continue;
      }
      const column = p.column && columns.includes(p.column) ? p.column : p.table === 'standards' ? 'number' : 'name';
      if (!out[p.table][uid]) out[p.table][uid] = {};
      add(out[p.table][uid], column, msg);
    } else if (PLAN_FORM_PROPS.includes(p.prop) || p.prop === 'standards' || p.prop === 'indicators') {
      add(out.form, p.prop, msg);
    } else {
      add(out.other, key, msg);
    }
  }
  return out;
}

// A field key → words for a message outside the editor (e.g. the detail page after a refused
// submit): [i18nKey, params]. `indicators[2].name` → ['plans.fieldIndicatorCell', {row: 3, column}].
export function fieldKeyLabel(key, t) {
  const p = parseFieldKey(key);
  if (p.table === 'indicators') {
    const column = p.column && INDICATOR_COLUMNS.includes(p.column) ? t(columnKey(p.column)) : '';
    return column ? t('plans.fieldIndicatorCell', { row: p.index + 1, column }) : t('plans.fieldIndicatorRow', { row: p.index + 1 });
  }
  if (p.table === 'standards') {
    const column = p.column && STANDARD_COLUMNS.includes(p.column) ? t(columnKey(p.column)) : '';
    return column ? t('plans.fieldStandardCell', { row: p.index + 1, column }) : t('plans.fieldStandardRow', { row: p.index + 1 });
  }
  if (PLAN_FORM_PROPS.includes(p.prop) || p.prop === 'standards' || p.prop === 'indicators') return t(fieldKey(p.prop));
  return p.prop;
}

// Moves an item of an array (in place) by `delta` places; returns whether it moved.
export function moveItem(list, index, delta) {
  const to = index + delta;
  if (!Array.isArray(list) || index < 0 || index >= list.length || to < 0 || to >= list.length) return false;
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item);
  return true;
}

// ---- the live verdict -------------------------------------------------------------------------

// The query of GET /tools/compare for a row, or null while a side is empty.
export function compareQuery(row) {
  if (!row) return null;
  const a = str(row.domestic_requirement).trim();
  const b = str(row.benchmark_requirement).trim();
  if (!a || !b) return null;
  const q = { a, b };
  const unit = str(row.unit).trim();
  if (unit) q.unit = unit;
  return q;
}
export function compareKey(q) {
  return q ? [q.a, q.b, q.unit || ''].join('\u0000') : '';
}

// The answer of /tools/compare (or its 422) → what the verdict cell shows:
// {state: 'done', verdict, label, reason} or {state: 'error', errors: {a?, b?}, message}.
export function verdictFromCompare(result, error) {
  if (result && !error) {
    return { state: 'done', verdict: result.verdict || null, label: result.label || '', reason: result.reason || '' };
  }
  const fields = (error && error.fields) || {};
  const errors = {};
  // the server names the side itself ("无法解析要求 a：…"); the editor says which column it is
  const bare = (m) => String(m).replace(/^无法解析要求\s*[ab]\s*[：:]\s*/, '');
  if (fields.a) errors.a = bare(fields.a);
  if (fields.b) errors.b = bare(fields.b);
  return { state: 'error', errors, message: (error && error.message) || '' };
}

// A saved row's verdict (from the server) in the same shape, to seed the live column.
export function verdictFromSaved(indicator) {
  if (!indicator || !indicator.verdict) return null;
  return { state: 'done', verdict: indicator.verdict, label: indicator.verdict_label || '', reason: indicator.verdict_reason || '' };
}
