// Pure helpers of the benchmarking results (对标结果) and their review chain: statuses and their
// labels / colours, who may act on a result, the editor's state ↔ ResultInput, the server's field
// keys (`indicators[2].report_date`, `improvements[0].action`) → table cells, the live verdict
// cells next to the saved ones, the draft autosave state machine, the chain as a steps bar, list
// filters, bulk review, notifications, uploads and verification codes.
import { reactive } from 'vue';
import { cleanFilters } from './filters.js';
import { verdictFromCompare } from './plans.js';

// ---- statuses, levels, labels ---------------------------------------------------------------

export const RESULT_STATUSES = [
  'draft',
  'returned',
  'submitted',
  'county_reviewed',
  'city_recommended',
  'province_recommended',
  'accepted',
  'published',
];
// The enterprise edits and submits a result in these statuses.
export const EDITABLE_STATUSES = ['draft', 'returned'];
// Statuses in which a level still has to pass or return it.
export const UNDER_REVIEW_STATUSES = ['submitted', 'county_reviewed', 'city_recommended', 'province_recommended'];
export const REVIEW_LEVELS = ['county', 'city', 'province', 'national'];
export const ROLLUPS = ['all_better', 'partly_better', 'all_equal', 'not_met', 'undetermined'];
export const MEASURED_VERDICTS = ['pass', 'fail', 'undecided'];
export const RESULT_EVENTS = ['create', 'submit', 'pass', 'return', 'publish'];
export const REVIEW_ACTIONS = ['pass', 'return', 'publish'];
export const REVIEW_TOPS = ['national', 'province'];

// The level each reviewing role acts at.
export const ROLE_LEVELS = {
  county_regulator: 'county',
  city_regulator: 'city',
  province_regulator: 'province',
  national_office: 'national',
};
export const REVIEWER_ROLES = Object.keys(ROLE_LEVELS);
export const SETTINGS_ROLES = ['admin', 'national_office'];
export const levelOfRole = (role) => ROLE_LEVELS[role] || null;
export const isReviewer = (role) => REVIEWER_ROLES.includes(role);
export const canEditSettings = (role) => SETTINGS_ROLES.includes(role);

export const resultStatusKey = (s) => (RESULT_STATUSES.includes(s) ? 'resultStatus.' + s : null);
export const reviewLevelKey = (l) => (REVIEW_LEVELS.includes(l) ? 'reviewLevel.' + l : null);
export const rollupKey = (r) => (ROLLUPS.includes(r) ? 'rollUp.' + r : null);
export const measuredKey = (v) => (MEASURED_VERDICTS.includes(v) ? 'measured.' + v : null);
// keys of the editor's column headers and fields (built, so the i18n test's literal scan skips them)
const RESULTS_NS = 'results';
export const resultColumnKey = (c) => [RESULTS_NS, 'col', c].join('.');
export const improvementColumnKey = (c) => [RESULTS_NS, 'imp', c].join('.');
export const resultFieldKey = (p) => [RESULTS_NS, 'field', p].join('.');
export const reviewTopKey = (top) => (REVIEW_TOPS.includes(top) ? ['reviewSettings', 'topOption', top].join('.') : null);
export const resultEventKey = (a) => (RESULT_EVENTS.includes(a) ? 'resultEvent.' + a : null);

const STATUS_TAGS = {
  draft: 'info',
  returned: 'danger',
  submitted: 'warning',
  county_reviewed: 'warning',
  city_recommended: 'warning',
  province_recommended: 'warning',
  accepted: 'primary',
  published: 'success',
};
const ROLLUP_TAGS = { all_better: 'success', partly_better: 'success', all_equal: 'primary', not_met: 'danger', below: 'danger', undetermined: 'warning' };
const MEASURED_TAGS = { pass: 'success', fail: 'danger', undecided: 'warning' };
const EVENT_TYPES = { create: 'info', submit: 'primary', pass: 'success', return: 'danger', publish: 'success' };
export const resultStatusTagType = (s) => STATUS_TAGS[s] || 'info';
export const rollupTagType = (r) => ROLLUP_TAGS[r] || 'info';
export const measuredTagType = (v) => MEASURED_TAGS[v] || 'info';
export const resultEventType = (a) => EVENT_TYPES[a] || 'info';

// A label from our dictionary, else the server's own text (e.g. `status_label`), else the code.
export function labelFor(t, key, fallback, code = '') {
  if (key) return t(key);
  return fallback || code || '';
}

export const isEditableStatus = (s) => EDITABLE_STATUSES.includes(s);

// ---- who may act -----------------------------------------------------------------------------

// The level that accepts and publishes: the last step of the chain (the setting `review_top`).
export function topLevel(result) {
  const chain = result && Array.isArray(result.chain) ? result.chain : [];
  return chain.length ? chain[chain.length - 1] : null;
}

// The review buttons a user gets on a result, in display order: pass and return for the level and
// region the result waits for; publish for the top level once it is accepted. The server decides
// again (403 / 409); this only avoids offering buttons that cannot work.
export function reviewActions(result, user) {
  if (!result || !user) return [];
  const level = levelOfRole(user.role);
  if (!level) return [];
  const sameRegion = (code) => level === 'national' || (!!code && code === user.region_code);
  if (result.status === 'accepted') {
    const top = topLevel(result);
    const topOk = top ? top.level === level && sameRegion(top.region_code) : level === 'national';
    return topOk ? ['publish'] : [];
  }
  if (!UNDER_REVIEW_STATUSES.includes(result.status)) return [];
  if (result.stage !== level || !sameRegion(result.stage_region_code)) return [];
  return ['pass', 'return'];
}

// Whether passing at the result's current stage accepts it (the top level) rather than sending it up.
export function passAccepts(result) {
  const top = topLevel(result);
  return !!(result && top && result.stage && top.level === result.stage);
}

export function reviewBody(action, version, comment = '') {
  return { version, action, comment: String(comment || '').trim() };
}

// ---- the chain as a steps bar --------------------------------------------------------------

// Result → {active, steps: [{key, titleKey, title?, description, status}]}: the enterprise's own
// step, one per chain level (region names from the server), and publication. Element Plus step
// statuses: wait | process | finish | error.
export function chainSteps(result) {
  const r = result || {};
  const status = r.status || 'draft';
  const steps = [];
  const editing = isEditableStatus(status);
  steps.push({
    key: 'enterprise',
    titleKey: 'results.stepEnterprise',
    description: r.enterprise_name || '',
    status: status === 'returned' ? 'error' : editing ? 'process' : 'finish',
  });
  const chain = Array.isArray(r.chain) ? r.chain : [];
  for (const c of chain) {
    let st = c.state === 'done' ? 'finish' : c.state === 'current' ? 'process' : 'wait';
    if (editing) st = c.state === 'done' && status !== 'returned' ? 'finish' : 'wait';
    if (status === 'accepted' || status === 'published') st = 'finish';
    steps.push({ key: 'level-' + c.level + '-' + (c.region_code || ''), level: c.level, titleKey: reviewLevelKey(c.level), title: c.level, description: c.region_name || c.region_code || '', status: st });
  }
  steps.push({
    key: 'publish',
    titleKey: 'results.stepPublish',
    description: r.published_at ? String(r.published_at).slice(0, 10) : '',
    status: status === 'published' ? 'finish' : status === 'accepted' ? 'process' : 'wait',
  });
  let active = steps.findIndex((s) => s.status !== 'finish');
  if (active < 0) active = steps.length;
  return { active, steps };
}

// ---- return reason, history ------------------------------------------------------------------

// The reason of the last return (the result's own field when the server sends one, else the last
// `return` event) → {comment, at, actor} or null. Only while the result is back with the enterprise.
export function lastReturn(result, events) {
  if (!result || result.status !== 'returned') return null;
  const list = Array.isArray(events) ? events : [];
  let ev = null;
  for (const e of list) if (e && e.action === 'return') ev = e;
  const comment = result.return_reason || result.last_reason || (ev && ev.comment) || '';
  if (!comment) return null;
  return {
    comment,
    at: ev ? ev.at : '',
    actor: ev ? [ev.actor_region_name, ev.actor_name].filter(Boolean).join(' ') : '',
  };
}

// ---- the editor ------------------------------------------------------------------------------

export const INDICATOR_INPUTS = ['enterprise_requirement', 'measured_value', 'report_number', 'lab', 'report_date', 'file_hash', 'file_name', 'revised_requirement'];
// Inputs the enterprise types (the file's hash and name come from the upload).
export const INDICATOR_TEXT_INPUTS = ['enterprise_requirement', 'measured_value', 'report_number', 'lab', 'report_date', 'revised_requirement'];
export const IMPROVEMENT_COLUMNS = ['indicator', 'action', 'responsible', 'target_date'];
export const RESULT_FORM_PROPS = ['enterprise_standard', 'conclusion', 'revised_standard', 'indicators', 'improvements'];
export const TEXT_MAX = 200;
export const CONCLUSION_MAX = 2000;

const str = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

let uidSeq = 0;
const newUid = () => 'm' + ++uidSeq;
export const emptyImprovement = (indicator = '') => ({ uid: newUid(), indicator, action: '', responsible: '', target_date: '' });

// A stored Result → the editor's state: one input row per plan row, improvements with uids.
export function formFromResult(result) {
  const r = result || {};
  const indicators = (Array.isArray(r.indicators) ? r.indicators : []).map((row, i) => {
    const out = { uid: 'i' + i, index: i };
    for (const k of INDICATOR_INPUTS) out[k] = str(row[k]);
    return out;
  });
  const improvements = (Array.isArray(r.improvements) ? r.improvements : []).map((m) => {
    const row = emptyImprovement();
    for (const k of IMPROVEMENT_COLUMNS) row[k] = str(m && m[k]);
    return row;
  });
  return {
    enterprise_standard: str(r.enterprise_standard),
    conclusion: str(r.conclusion),
    revised_standard: str(r.revised_standard),
    indicators,
    improvements,
  };
}

export const isBlankImprovement = (m) => !m || IMPROVEMENT_COLUMNS.every((k) => !str(m[k]).trim());

// The editor's state → {body: ResultInput, uids: {improvements: [uid]}}: strings trimmed, every
// plan row sent in order, blank improvement rows left out (uids[i] is the row behind
// improvements[i], so errors land on the right row). `version` is left out when not given.
export function resultInput(form, version) {
  const f = form || {};
  const tr = (v) => str(v).trim();
  const body = {};
  if (version !== undefined && version !== null) body.version = version;
  body.enterprise_standard = tr(f.enterprise_standard);
  body.indicators = (Array.isArray(f.indicators) ? f.indicators : []).map((row) => {
    const out = {};
    for (const k of INDICATOR_INPUTS) out[k] = tr(row && row[k]);
    return out;
  });
  body.conclusion = tr(f.conclusion);
  body.improvements = [];
  const uids = { improvements: [] };
  for (const m of Array.isArray(f.improvements) ? f.improvements : []) {
    if (isBlankImprovement(m)) continue;
    const row = {};
    for (const k of IMPROVEMENT_COLUMNS) row[k] = tr(m[k]);
    body.improvements.push(row);
    uids.improvements.push(m.uid);
  }
  body.revised_standard = tr(f.revised_standard);
  return { body, uids };
}

// What autosave compares (the body without the version).
export function resultSnapshot(form) {
  return JSON.stringify(resultInput(form).body);
}

// `indicators[2].report_date` → {table: 'indicators', index: 2, column: 'report_date'};
// `improvements[0]` → {table: 'improvements', index: 0, column: null}; `conclusion` → {prop}.
export function parseResultFieldKey(key) {
  const m = /^(indicators|improvements)\[(\d+)\](?:\.([a-z_]+))?$/.exec(String(key || ''));
  if (m) return { table: m[1], index: Number(m[2]), column: m[3] || null };
  return { table: null, prop: String(key || '') };
}

// The server's `error.fields` → {form: {prop: msg}, indicators: {index: {column: msg}},
// improvements: {uid: {column: msg}}, other: {key: msg}}. Indicator rows are addressed by their
// position (the plan's rows never move); a row key without a known column lands on the row's
// first input; improvement rows by uid through `uids` from resultInput.
export function resultFieldErrors(fields, uids = { improvements: [] }, rowCount = Infinity) {
  const out = { form: {}, indicators: {}, improvements: {}, other: {} };
  if (!fields || typeof fields !== 'object') return out;
  const add = (obj, k, msg) => (obj[k] = obj[k] ? obj[k] + '；' + msg : msg);
  for (const [key, raw] of Object.entries(fields)) {
    const msg = Array.isArray(raw) ? raw.join('；') : String(raw);
    const p = parseResultFieldKey(key);
    if (p.table === 'indicators') {
      if (p.index >= rowCount) {
        add(out.other, key, msg);
        continue;
      }
      const column = p.column && INDICATOR_INPUTS.includes(p.column) ? (p.column === 'file_name' ? 'file_hash' : p.column) : 'enterprise_requirement';
      if (!out.indicators[p.index]) out.indicators[p.index] = {};
      add(out.indicators[p.index], column, msg);
    } else if (p.table === 'improvements') {
      const uid = uids && uids.improvements ? uids.improvements[p.index] : undefined;
      if (uid === undefined) {
        add(out.form, 'improvements', msg);
        continue;
      }
      const column = p.column && IMPROVEMENT_COLUMNS.includes(p.column) ? p.column : 'action';
      if (!out.improvements[uid]) out.improvements[uid] = {};
      add(out.improvements[uid], column, msg);
    } else if (RESULT_FORM_PROPS.includes(p.prop)) {
      add(out.form, p.prop, msg);
    } else {
      add(out.other, key, msg);
    }
  }
  return out;
}

export function errorCount(mapped) {
  if (!mapped) return 0;
  let n = Object.keys(mapped.form || {}).length + Object.keys(mapped.other || {}).length;
  for (const cols of Object.values(mapped.indicators || {})) n += Object.keys(cols).length;
  for (const cols of Object.values(mapped.improvements || {})) n += Object.keys(cols).length;
  return n;
}

// A field key → words for a list of problems: `indicators[2].report_date` → 第 3 行（名称）“报告日期”.
// `names[i]` are the plan's indicator names.
export function resultFieldLabel(key, t, names = []) {
  const p = parseResultFieldKey(key);
  if (p.table === 'indicators') {
    const name = names[p.index] ? names[p.index] : '';
    const column = p.column && INDICATOR_INPUTS.includes(p.column) ? t(resultColumnKey(p.column)) : '';
    const key = 'results.fieldIndicator' + (name ? 'Named' : '') + (column ? 'Cell' : 'Row');
    return t(key, { row: p.index + 1, name, column });
  }
  if (p.table === 'improvements') {
    const column = p.column && IMPROVEMENT_COLUMNS.includes(p.column) ? t(improvementColumnKey(p.column)) : '';
    return t(column ? 'results.fieldImprovementCell' : 'results.fieldImprovementRow', { row: p.index + 1, column });
  }
  if (RESULT_FORM_PROPS.includes(p.prop)) return t(resultFieldKey(p.prop));
  return p.prop;
}

// Names of the gap indicators (for the improvement rows' indicator picker).
export function gapNames(result) {
  const gaps = result && Array.isArray(result.gaps) ? result.gaps : [];
  return [...new Set(gaps.map((g) => (g && g.name) || '').filter(Boolean))];
}

// Gap indicators that no improvement row names yet.
export function gapsWithoutAction(result, form) {
  const covered = new Set(((form && form.improvements) || []).filter((m) => str(m.action).trim()).map((m) => str(m.indicator).trim()));
  return gapNames(result).filter((n) => !covered.has(n));
}

// ---- live verdicts next to the saved ones ----------------------------------------------------

// The requirement the enterprise's standard sets for a row: the revised one once there is one.
export function effectiveRequirement(row) {
  const revised = str(row && row.revised_requirement).trim();
  return revised || str(row && row.enterprise_requirement).trim();
}

// GET /tools/compare for a row: a = the enterprise's requirement, b = the benchmark (plan) one.
// `plan` is the saved row with the plan's fields (benchmark_requirement, unit).
export function resultCompareQuery(row, plan) {
  const a = effectiveRequirement(row);
  const b = str(plan && plan.benchmark_requirement).trim();
  if (!a || !b) return null;
  const q = { a, b };
  const unit = str(plan && plan.unit).trim();
  if (unit) q.unit = unit;
  return q;
}
// GET /tools/judge for a row: the measured value against the benchmark requirement.
export function judgeQuery(row, plan) {
  const value = str(row && row.measured_value).trim();
  const requirement = str(plan && plan.benchmark_requirement).trim();
  if (!value || !requirement) return null;
  return { requirement, value };
}
export const judgeKey = (q) => (q ? q.requirement + '\u0000' + q.value : '');

// The answer of /tools/judge (or its 422) → {state: 'done', verdict: pass|fail|undecided, reason}
// or {state: 'error', message}.
export function judgeFromAnswer(answer, error) {
  if (answer && !error) {
    const verdict = answer.decided === false ? 'undecided' : answer.pass ? 'pass' : 'fail';
    return { state: 'done', verdict, reason: str(answer.reason), compared: str(answer.compared_value) };
  }
  const fields = (error && error.fields) || {};
  return { state: 'error', message: str(fields.value || fields.requirement || (error && error.message)) };
}

// The saved (server) verdicts of a row in the same shapes as the live ones; null when none.
export function savedCompare(saved) {
  if (!saved || !saved.verdict) return null;
  return { state: 'done', verdict: saved.verdict, label: str(saved.verdict_label), reason: str(saved.verdict_reason) };
}
export function savedJudge(saved) {
  if (!saved || !saved.measured_verdict) return null;
  return { state: 'done', verdict: saved.measured_verdict, reason: str(saved.measured_reason) };
}

// What a verdict cell shows: the server's verdict while the row holds the text that was saved
// (the server is authoritative), else the live check's state. kind: 'compare' | 'judge'.
// → {source: 'server'|'live', state, verdict?, label?, reason?, …}
export function verdictCell(kind, saved, row, live) {
  const cols = kind === 'judge' ? ['measured_value'] : ['enterprise_requirement', 'revised_requirement'];
  const same = !!saved && cols.every((c) => str(saved[c]).trim() === str(row && row[c]).trim());
  if (same) {
    const v = kind === 'judge' ? savedJudge(saved) : savedCompare(saved);
    if (v) return { source: 'server', ...v };
    const q = kind === 'judge' ? judgeQuery(row, saved) : resultCompareQuery(row, saved);
    if (!q) return { source: 'server', state: 'idle' };
  }
  return { source: 'live', ...(live || { state: 'idle' }) };
}

// The compare answer → the live cell (the plan editor's shape).
export { verdictFromCompare };

// ---- the autosave state machine -------------------------------------------------------------

const DEFAULT_TIMERS = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h) };

// Saves a draft a moment after the user stops typing. `snapshot()` → the current content as a
// string; `save(version)` → Promise of the saved Result (it builds the body itself); one save at a
// time, changes made meanwhile are saved right after.
//
// state.status: idle (nothing changed since load) | pending (waiting for the pause) | saving |
// saved | invalid (422: state.error has the fields; saved again on the next change) | error (network or
// server trouble; retried on the next change or flush) | conflict (409: stale version or locked;
// nothing is saved any more until start() is called after a reload).
export function createAutosave({ snapshot, save, delay = 1200, timers = DEFAULT_TIMERS, onSaved = () => {}, onFailed = () => {} }) {
  const state = reactive({ status: 'idle', version: null, error: null, savedAt: null });
  let lastSaved = null;
  let timer = null;
  let inflight = null;
  let stopped = false;

  function cancel() {
    if (timer !== null) {
      timers.clear(timer);
      timer = null;
    }
  }

  // After a load (or reload): the content and version the server holds.
  function start(version, snap = snapshot()) {
    cancel();
    stopped = false;
    state.version = version;
    state.error = null;
    state.status = 'idle';
    lastSaved = snap;
  }

  const dirty = () => snapshot() !== lastSaved;
  const blocked = () => stopped || state.status === 'conflict';

  function changed() {
    if (blocked()) return;
    if (inflight) return; // saved again when the running save ends
    cancel();
    if (!dirty()) {
      if (state.status === 'pending') state.status = state.savedAt ? 'saved' : 'idle';
      return;
    }
    state.status = 'pending';
    timer = timers.set(() => {
      timer = null;
      run();
    }, delay);
  }

  function run() {
    if (inflight) return inflight;
    if (blocked()) return Promise.resolve(false);
    cancel();
    const sent = snapshot();
    state.status = 'saving';
    inflight = (async () => {
      let ok = false;
      try {
        const result = await save(state.version);
        if (result && result.version !== undefined) state.version = result.version;
        lastSaved = sent;
        state.error = null;
        state.savedAt = new Date();
        state.status = 'saved';
        ok = true;
        onSaved(result);
      } catch (e) {
        state.error = e;
        state.status = e && e.status === 409 ? 'conflict' : e && e.status === 422 ? 'invalid' : 'error';
        onFailed(e);
      } finally {
        inflight = null;
      }
      if (ok && dirty()) changed();
      return ok;
    })();
    return inflight;
  }

  // Saves now whatever is unsaved (before submitting, before leaving) → whether all is saved.
  async function flush() {
    cancel();
    for (let i = 0; i < 5; i++) {
      if (inflight) {
        await inflight;
        cancel();
        continue;
      }
      if (blocked()) return false;
      if (!dirty()) return true;
      const ok = await run();
      cancel();
      if (!ok) return false;
    }
    return !dirty();
  }

  // Stops saving (the result was submitted or the page is left).
  function stop() {
    cancel();
    stopped = true;
  }

  return { state, start, changed, flush, stop, dirty, busy: () => !!inflight || timer !== null };
}

// ---- lists -------------------------------------------------------------------------------------

export const RESULT_FILTER_KEYS = ['status', 'stage', 'q', 'plan_number', 'region_code', 'overdue'];
export const emptyResultFilters = () => ({ status: '', stage: '', q: '', plan_number: '', region_code: '', overdue: false });

// The list's filters → the query of GET /results (and its export): unknown values dropped,
// `overdue` as 1, `queue=1` for the work queue.
export function resultListParams(filters, { queue = false } = {}) {
  const f = filters || {};
  return cleanFilters({
    status: RESULT_STATUSES.includes(f.status) ? f.status : '',
    stage: REVIEW_LEVELS.includes(f.stage) ? f.stage : '',
    q: typeof f.q === 'string' ? f.q : '',
    plan_number: typeof f.plan_number === 'string' ? f.plan_number.toUpperCase() : '',
    region_code: typeof f.region_code === 'string' ? f.region_code : '',
    overdue: f.overdue === true || f.overdue === '1' || f.overdue === 1 ? '1' : '',
    queue: queue ? '1' : '',
  });
}

// Statuses worth offering in a list's status filter.
export function statusOptions(mode) {
  if (mode === 'queue') return UNDER_REVIEW_STATUSES.concat(['accepted']);
  if (mode === 'public') return ['published'];
  if (mode === 'regulator') return RESULT_STATUSES.filter((s) => s !== 'draft');
  return RESULT_STATUSES.slice();
}

// Whole days a result has waited at its stage (0 when unknown).
export function waitingDays(since, now = Date.now()) {
  if (!since) return 0;
  const t0 = new Date(since).getTime();
  if (Number.isNaN(t0)) return 0;
  return Math.max(0, Math.floor((now - t0) / 86400000));
}

// ---- bulk review -----------------------------------------------------------------------------

export const BULK_MAX = 200;

export function bulkPassBody(rows, comment = '') {
  return {
    action: 'pass',
    comment: String(comment || '').trim(),
    items: (rows || []).slice(0, BULK_MAX).map((r) => ({ id: r.id, version: r.version })),
  };
}

// The answer of POST /results/review → {ok: n, failed: [{id, row, message}]}.
export function bulkOutcome(answer, rows = []) {
  const items = answer && Array.isArray(answer.items) ? answer.items : [];
  const byId = new Map((rows || []).map((r) => [r.id, r]));
  const failed = [];
  let ok = 0;
  for (const it of items) {
    if (it && it.ok) ok++;
    else if (it) failed.push({ id: it.id, row: byId.get(it.id) || null, message: str(it.error && (it.error.message || it.error.code)) });
  }
  return { ok, failed };
}

// ---- creating a result -------------------------------------------------------------------------

// The body of POST /results: a plan picked from the list (id) or typed as a number.
export function newResultBody({ productId, planId, planNumber } = {}) {
  const body = { product_id: productId };
  if (planId) body.plan_id = planId;
  else body.plan_number = String(planNumber || '').trim().toUpperCase();
  return body;
}

// ---- notifications -----------------------------------------------------------------------------

export const NOTIFY_POLL_MS = 60000;

// Where a notification leads: the enterprise's editor or the review page.
export function notificationRoute(n, role) {
  // questions of 互动交流: asked (to the office), assigned (to the assignee), answered (to the asker)
  if (n && typeof n.kind === 'string' && n.kind.startsWith('question_')) return { name: 'questions' };
  if (!n || !n.result_id) return null;
  return { name: role === 'enterprise' ? 'my-result' : 'result', params: { id: String(n.result_id) } };
}
export function badgeText(n) {
  const k = Number(n) || 0;
  if (k <= 0) return '';
  return k > 99 ? '99+' : String(k);
}

// ---- uploads -----------------------------------------------------------------------------------

export const FILE_MAX_BYTES = 10 * 1024 * 1024;
export const FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'];
export const FILE_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'webp'];
export const FILE_ACCEPT = FILE_EXTENSIONS.map((e) => '.' + e).concat(FILE_TYPES).join(',');

// A file the user picked → null when it may be sent, else [i18nKey, params]. The server decides
// the type from the content; this only spares a useless upload.
export function uploadProblem(file) {
  if (!file) return ['results.fileMissing'];
  if (typeof file.size === 'number' && file.size > FILE_MAX_BYTES) return ['results.fileTooLarge', { size: formatBytes(file.size), max: formatBytes(FILE_MAX_BYTES) }];
  if (typeof file.size === 'number' && file.size === 0) return ['results.fileEmpty'];
  const ext = str(file.name).split('.').pop().toLowerCase();
  const typeOk = file.type ? FILE_TYPES.includes(file.type) : false;
  if (!typeOk && !FILE_EXTENSIONS.includes(ext)) return ['results.fileType'];
  return null;
}

export function formatBytes(n) {
  const b = Number(n) || 0;
  if (b < 1024) return b + ' B';
  if (b < 1024 * 1024) return (b / 1024).toFixed(b < 10 * 1024 ? 1 : 0).replace(/\.0$/, '') + ' KB';
  return (b / 1024 / 1024).toFixed(1).replace(/\.0$/, '') + ' MB';
}

export const fileUrl = (hash) => '/api/v1/files/' + encodeURIComponent(hash);

// ---- verification codes ------------------------------------------------------------------------

// What someone typed or pasted (a code, or the whole /verify/… address) → the code.
export function normalizeVerifyCode(text) {
  let s = str(text).trim();
  const m = /\/verify\/([^/?#\s]+)/.exec(s);
  if (m) {
    try {
      s = decodeURIComponent(m[1]);
    } catch {
      s = m[1];
    }
  }
  return s.replace(/\s+/g, '');
}
export const verifyPath = (code) => '/verify/' + encodeURIComponent(code);
export function verifyUrl(origin, code) {
  return String(origin || '').replace(/\/+$/, '') + verifyPath(code);
}

// ---- review settings ---------------------------------------------------------------------------

export const REVIEW_DAYS_MIN = 1;
export const REVIEW_DAYS_MAX = 365;
// → null or [i18nKey, params]
export function reviewSettingsProblems(s) {
  const out = {};
  if (!s || !REVIEW_TOPS.includes(s.review_top)) out.review_top = ['reviewSettings.topRequired'];
  const d = Number(s && s.review_days);
  if (!Number.isInteger(d) || d < REVIEW_DAYS_MIN || d > REVIEW_DAYS_MAX) out.review_days = ['reviewSettings.daysRange', { min: REVIEW_DAYS_MIN, max: REVIEW_DAYS_MAX }];
  return out;
}

// ---- changes between submissions ---------------------------------------------------------------

// `changes` rows → table rows with a label (the server's, else our field label) and dashes for blanks.
export function changeRows(changes, t, names = []) {
  return (Array.isArray(changes) ? changes : []).map((c, i) => ({
    key: (c && c.field ? c.field : '') + '#' + i,
    field: str(c && c.field),
    label: str(c && c.label) || resultFieldLabel(c && c.field, t, names),
    before: str(c && c.before) || '—',
    after: str(c && c.after) || '—',
  }));
}
