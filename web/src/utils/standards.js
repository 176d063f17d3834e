// Pure helpers of the standards catalog (标准目录): kinds, statuses, adoption degrees, the search
// filters ↔ query strings, and the editor's client-side checks and request bodies.
import { cleanFilters } from './filters.js';

export const STANDARD_KINDS = ['international', 'foreign', 'national', 'industry', 'local', 'group', 'enterprise'];
export const STANDARD_STATUSES = ['current', 'upcoming', 'withdrawn'];
export const ADOPTIONS = ['IDT', 'MOD', 'NEQ'];

// Roles that add and edit catalog entries, and those that keep the 先进标准清单.
export const STANDARD_EDITOR_ROLES = ['national_office', 'technical_body', 'admin'];
export const ADVANCED_LIST_ROLES = ['national_office', 'admin'];

export function canEditStandards(role) {
  return STANDARD_EDITOR_ROLES.includes(role);
}
export function canManageAdvancedList(role) {
  return ADVANCED_LIST_ROLES.includes(role);
}

// The server takes product fields of at most this many characters.
export const FIELD_MAX = 50;

// i18n keys (the caller translates, so the labels follow the language switch).
export function kindKey(kind) {
  return STANDARD_KINDS.includes(kind) ? 'standardKind.' + kind : null;
}
export function statusKey(status) {
  return STANDARD_STATUSES.includes(status) ? 'standardStatus.' + status : null;
}
export function adoptionKey(adoption) {
  return ADOPTIONS.includes(adoption) ? 'adoption.' + adoption : null;
}

// el-tag types.
const KIND_TAGS = { international: 'danger', foreign: 'warning', national: 'primary', industry: 'success', local: 'info', group: 'info', enterprise: 'info' };
const STATUS_TAGS = { current: 'success', upcoming: 'warning', withdrawn: 'info' };
export function kindTagType(kind) {
  return KIND_TAGS[kind] || 'info';
}
export function statusTagType(status) {
  return STATUS_TAGS[status] || 'info';
}

// ---- search filters ------------------------------------------------------------------------

export const CATALOG_FILTER_KEYS = ['q', 'kind', 'status', 'field', 'advanced'];
export const emptyCatalogFilters = () => ({ q: '', kind: '', status: '', field: '', advanced: false });

// The catalog's filter form → what GET /standards (and the export) take: trimmed, empty values
// left out, `advanced` as "1" only when ticked, unknown kinds and statuses dropped.
export function catalogParams(filters) {
  const f = filters || {};
  const out = cleanFilters({
    q: typeof f.q === 'string' ? f.q : '',
    kind: STANDARD_KINDS.includes(f.kind) ? f.kind : '',
    status: STANDARD_STATUSES.includes(f.status) ? f.status : '',
    field: typeof f.field === 'string' ? f.field : '',
  });
  if (isTrue(f.advanced)) out.advanced = '1';
  return out;
}

function isTrue(v) {
  return v === true || v === 1 || v === '1' || v === 'true';
}

function first(v) {
  return Array.isArray(v) ? v[0] : v;
}

// A route's query (?q=&kind=&…&page=) → {filters, page, size}; bad values fall back to defaults.
export function catalogStateFromQuery(query, { pageSize = 20, maxPageSize = 200 } = {}) {
  const q = query || {};
  const str = (k) => {
    const v = first(q[k]);
    return typeof v === 'string' ? v : '';
  };
  const filters = emptyCatalogFilters();
  filters.q = str('q');
  filters.kind = STANDARD_KINDS.includes(str('kind')) ? str('kind') : '';
  filters.status = STANDARD_STATUSES.includes(str('status')) ? str('status') : '';
  filters.field = str('field').trim();
  filters.advanced = isTrue(str('advanced'));
  const int = (k, def, max) => {
    const n = Number(str(k));
    return Number.isInteger(n) && n >= 1 && n <= max ? n : def;
  };
  return { filters, page: int('page', 1, 1e9), size: int('page_size', pageSize, maxPageSize) };
}

// {filters, page, size} → a route query; defaults are left out so a plain search stays a short URL.
export function catalogQueryFromState(filters, page = 1, size = 20, { pageSize = 20 } = {}) {
  const out = catalogParams(filters);
  if (page > 1) out.page = String(page);
  if (size !== pageSize) out.page_size = String(size);
  return out;
}

// Same set of query values (order and number/string types ignored).
export function sameQuery(a, b) {
  const norm = (o) =>
    Object.entries(o || {})
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => k + '=' + String(first(v)))
      .sort()
      .join('&');
  return norm(a) === norm(b);
}

// ---- the editor ---------------------------------------------------------------------------

export const emptyStandardForm = () => ({
  number: '',
  title_zh: '',
  title_en: '',
  status: 'current',
  issued_on: '',
  effective_on: '',
  withdrawn_on: '',
  replaced_by: '',
  ics: '',
  ccs: '',
  adoption: '',
  adopted_number: '',
});

// Members PATCH may change (everything but the number).
export const EDITABLE_MEMBERS = Object.keys(emptyStandardForm()).filter((k) => k !== 'number');

// A catalog entry → the editor's form.
export function formFromStandard(s) {
  const form = emptyStandardForm();
  if (!s) return form;
  for (const k of Object.keys(form)) {
    if (typeof s[k] === 'string') form[k] = s[k];
  }
  if (!STANDARD_STATUSES.includes(form.status)) form.status = 'current';
  return form;
}

export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A real calendar date written YYYY-MM-DD.
export function isIsoDate(s) {
  const m = DATE_RE.exec(s || '');
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// Limits the server applies (characters for titles, bytes for the classification codes).
export const TITLE_ZH_MAX = 200;
export const TITLE_EN_MAX = 300;
export const ICS_MAX = 40;
export const CCS_MAX = 20;

const bytes = (s) => new TextEncoder().encode((s || '').trim()).length;
const chars = (s) => [...(s || '').trim()].length;

// Client-side checks before sending → {prop: [i18nKey, params?]} (empty when the form is fine).
// The live check of the number is the server's; here only "is there one".
export function standardFormProblems(form, { creating = true } = {}) {
  const p = {};
  const f = form || {};
  const v = (k) => (typeof f[k] === 'string' ? f[k].trim() : '');
  if (creating && !v('number')) p.number = ['validate.standardNumberRequired'];
  if (!v('title_zh')) p.title_zh = ['validate.titleZhRequired'];
  else if (chars(f.title_zh) > TITLE_ZH_MAX) p.title_zh = ['validate.titleLength', { max: TITLE_ZH_MAX }];
  if (chars(f.title_en) > TITLE_EN_MAX) p.title_en = ['validate.titleLength', { max: TITLE_EN_MAX }];
  if (!STANDARD_STATUSES.includes(f.status)) p.status = ['validate.statusRequired'];
  for (const k of ['issued_on', 'effective_on', 'withdrawn_on']) {
    if (v(k) && !isIsoDate(v(k))) p[k] = ['validate.date'];
  }
  if (!p.issued_on && !p.effective_on && v('issued_on') && v('effective_on') && v('effective_on') < v('issued_on')) {
    p.effective_on = ['validate.effectiveBeforeIssued'];
  }
  if (f.status === 'withdrawn' && !p.withdrawn_on && !p.issued_on && v('withdrawn_on') && v('issued_on') && v('withdrawn_on') < v('issued_on')) {
    p.withdrawn_on = ['validate.withdrawnBeforeIssued'];
  }
  if (bytes(f.ics) > ICS_MAX) p.ics = ['validate.codeLength', { max: ICS_MAX }];
  if (bytes(f.ccs) > CCS_MAX) p.ccs = ['validate.codeLength', { max: CCS_MAX }];
  if (v('adoption') && !ADOPTIONS.includes(v('adoption'))) p.adoption = ['validate.adoption'];
  else if (v('adoption') && !v('adopted_number')) p.adopted_number = ['validate.adoptedNumberRequired'];
  else if (!v('adoption') && v('adopted_number')) p.adoption = ['validate.adoptionRequired'];
  return p;
}

// The body of POST /standards (creating) or PATCH /standards/{id}. Strings are trimmed; the
// replacement and the withdrawal date only go with status withdrawn (sent empty otherwise so an
// earlier value is cleared); the adopted number only with an adoption degree.
export function standardBody(form, { creating = true } = {}) {
  const f = { ...emptyStandardForm(), ...(form || {}) };
  const s = (k) => (typeof f[k] === 'string' ? f[k].trim() : '');
  const body = {};
  if (creating) body.number = s('number');
  body.title_zh = s('title_zh');
  body.title_en = s('title_en');
  body.status = f.status;
  body.issued_on = s('issued_on');
  body.effective_on = s('effective_on');
  const withdrawn = f.status === 'withdrawn';
  body.withdrawn_on = withdrawn ? s('withdrawn_on') : '';
  body.replaced_by = withdrawn ? s('replaced_by') : '';
  body.ics = s('ics');
  body.ccs = s('ccs');
  body.adoption = s('adoption');
  body.adopted_number = body.adoption ? s('adopted_number') : '';
  if (creating) {
    // a new entry: leave out what is empty (the server's defaults apply)
    for (const k of Object.keys(body)) if (body[k] === '' && k !== 'number' && k !== 'title_zh') delete body[k];
  }
  return body;
}

// Only the members that differ from the stored entry (PATCH keeps absent members).
export function changedMembers(body, original) {
  const out = {};
  for (const [k, v] of Object.entries(body || {})) {
    const before = original && typeof original[k] === 'string' ? original[k] : '';
    if (v !== before) out[k] = v;
  }
  return out;
}

// The server's 409 for a number already in the catalog, when it names no field.
export const NUMBER_CONFLICT_WORDS = ['已在目录', '编号', 'number', 'already'];

// A product field of the 先进标准清单 (as the server takes it: 1–50 characters).
export function advancedFieldProblem(field) {
  const n = chars(field);
  if (!n) return ['validate.fieldRequired'];
  if (n > FIELD_MAX) return ['validate.fieldLength', { max: FIELD_MAX }];
  return null;
}
