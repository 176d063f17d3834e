// Pure helpers of 我的产品 (enterprise products): the editor form ↔ ProductInput, client-side
// checks, the server's field errors mapped onto the standard rows, the 1–3 selection hint.

// The campaign takes one to three products per enterprise (the server answers 409 beyond three).
export const MAX_SELECTED = 3;

// Roles that read other enterprises' products (read-only; the server scopes them to the region).
export const PRODUCT_READER_ROLES = ['county_regulator', 'city_regulator', 'province_regulator', 'national_office', 'admin'];
export function canReadEnterpriseProducts(role) {
  return PRODUCT_READER_ROLES.includes(role);
}

// Limits of the form (characters).
export const NAME_MAX = 100;
export const MODEL_MAX = 100;
export const CATEGORY_MAX = 50;
export const NUMBER_MAX = 120;
export const STANDARDS_MAX = 10;

let uidSeq = 0;
const newUid = () => 'p' + ++uidSeq;
export const emptyStandardRow = (number = '') => ({ uid: newUid(), number });

export const emptyProductForm = () => ({
  name: '',
  model: '',
  category: '',
  industry_code: '',
  standards: [emptyStandardRow()],
  enterprise_standard: '',
});

const str = (v) => (typeof v === 'string' ? v : '');
const chars = (s) => [...str(s).trim()].length;

// A stored Product → the editor's form (at least one standard row).
export function formFromProduct(p) {
  const form = emptyProductForm();
  if (!p) return form;
  for (const k of ['name', 'model', 'category', 'industry_code', 'enterprise_standard']) form[k] = str(p[k]);
  const numbers = Array.isArray(p.standards) ? p.standards.filter((n) => typeof n === 'string') : [];
  form.standards = numbers.length ? numbers.map((n) => emptyStandardRow(n)) : [emptyStandardRow()];
  return form;
}

// The form → {body: ProductInput, uids}: strings trimmed, blank standard rows left out; `uids[i]`
// is the row behind `standards[i]` (so a server error on standards[1] lands on the right row).
export function productInput(form) {
  const f = form || {};
  const body = {
    name: str(f.name).trim(),
    model: str(f.model).trim(),
    category: str(f.category).trim(),
    industry_code: str(f.industry_code).trim(),
    standards: [],
    enterprise_standard: str(f.enterprise_standard).trim(),
  };
  const uids = [];
  for (const row of Array.isArray(f.standards) ? f.standards : []) {
    const n = str(row && row.number).trim();
    if (!n) continue;
    body.standards.push(n);
    uids.push(row.uid);
  }
  return { body, uids };
}

// Looks like an enterprise standard number (Q/ + the enterprise code); the server parses it for real.
export function looksLikeEnterpriseStandard(text) {
  return /^Q\s*\//i.test(str(text).trim());
}

// Client-side checks → {form: {prop: [i18nKey, params?]}, standards: {uid: [i18nKey]}}.
export function productFormProblems(form) {
  const f = form || {};
  const out = { form: {}, standards: {} };
  if (!chars(f.name)) out.form.name = ['products.nameRequired'];
  else if (chars(f.name) > NAME_MAX) out.form.name = ['products.tooLong', { max: NAME_MAX }];
  if (chars(f.model) > MODEL_MAX) out.form.model = ['products.tooLong', { max: MODEL_MAX }];
  if (chars(f.category) > CATEGORY_MAX) out.form.category = ['products.tooLong', { max: CATEGORY_MAX }];
  const rows = Array.isArray(f.standards) ? f.standards : [];
  const filled = rows.filter((r) => chars(r && r.number));
  const es = str(f.enterprise_standard).trim();
  // the server takes a product with its own Q/ standard only, too
  if (!filled.length && !es) out.form.standards = ['products.standardsRequired'];
  else if (filled.length > STANDARDS_MAX) out.form.standards = ['products.standardsMax', { max: STANDARDS_MAX }];
  const seen = new Set();
  for (const r of filled) {
    const n = str(r.number).trim().toUpperCase().replace(/\s+/g, ' ');
    if (seen.has(n)) out.standards[r.uid] = ['products.standardDuplicate'];
    seen.add(n);
  }
  if (es && !looksLikeEnterpriseStandard(es)) out.form.enterprise_standard = ['products.enterpriseStandardQ'];
  return out;
}

export function hasProductProblems(p) {
  return !!p && (Object.keys(p.form || {}).length > 0 || Object.keys(p.standards || {}).length > 0);
}

const FORM_PROPS = ['name', 'model', 'category', 'industry_code', 'standards', 'enterprise_standard'];

// The server's `error.fields` → {form: {prop: msg}, standards: {uid: msg}, other: {key: msg}}.
export function productFieldErrors(fields, uids = []) {
  const out = { form: {}, standards: {}, other: {} };
  if (!fields || typeof fields !== 'object') return out;
  const add = (obj, k, msg) => (obj[k] = obj[k] ? obj[k] + '；' + msg : msg);
  for (const [key, raw] of Object.entries(fields)) {
    const msg = Array.isArray(raw) ? raw.join('；') : String(raw);
    const m = /^standards\[(\d+)\]$/.exec(key);
    if (m) {
      const uid = uids[Number(m[1])];
      if (uid !== undefined) add(out.standards, uid, msg);
      else add(out.form, 'standards', msg);
    } else if (FORM_PROPS.includes(key)) add(out.form, key, msg);
    else add(out.other, key, msg);
  }
  return out;
}

// The hint above the table: how many of the 1–3 products are selected → [i18nKey, params, type].
export function selectionHint(selected) {
  const n = Number(selected) || 0;
  if (n <= 0) return ['products.hintNone', { max: MAX_SELECTED }, 'warning'];
  if (n >= MAX_SELECTED) return ['products.hintFull', { n, max: MAX_SELECTED }, 'success'];
  return ['products.hintSome', { n, left: MAX_SELECTED - n, max: MAX_SELECTED }, 'success'];
}

// Whether the switch of a product that is not selected can still be turned on (the server
// decides; this only greys the switch out with a tooltip).
export function canSelectMore(selected) {
  return (Number(selected) || 0) < MAX_SELECTED;
}

// The server's 409 for a fourth product carries "最多选择 3 个产品"; it is shown as it is.
export function isSelectionLimit(e) {
  return !!e && e.status === 409;
}
