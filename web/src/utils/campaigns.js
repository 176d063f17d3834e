// Pure helpers of the campaigns (专项行动): who may do what, levels, phases, target metrics, the
// editor's state ↔ CampaignInput (with field errors such as `regions[2].quota` mapped back to the
// row they were sent for), quotas (附件1), region scope, list filters and the 附件2 import.
import { cleanFilters } from './filters.js';

// ---- roles and levels ---------------------------------------------------------------------------

export const CAMPAIGN_LEVELS = ['national', 'province', 'city'];
// The office that runs a campaign of each level.
export const CREATOR_LEVELS = { national_office: 'national', province_regulator: 'province', city_regulator: 'city' };
export const CAMPAIGN_CREATOR_ROLES = Object.keys(CREATOR_LEVELS);
export const canCreateCampaign = (role) => CAMPAIGN_CREATOR_ROLES.includes(role);
export const creatorLevel = (role) => CREATOR_LEVELS[role] || null;
// Statistics, members and the 附件2 list: regulators, the national office and administrators
// (not enterprises, technical bodies or experts).
export const CAMPAIGN_OFFICE_ROLES = ['county_regulator', 'city_regulator', 'province_regulator', 'national_office', 'admin'];
export const canSeeCampaignData = (role) => CAMPAIGN_OFFICE_ROLES.includes(role);
// Candidates are picked by regulators; the national office adds members too.
export const canPickCandidates = (role) => ['county_regulator', 'city_regulator', 'province_regulator'].includes(role);
// Technical bodies take support requests (另行制定技术方案技术支持需求) and mark them done.
export const SUPPORT_ACTOR_ROLES = ['technical_body'];
export const canActOnSupport = (role) => SUPPORT_ACTOR_ROLES.includes(role);

export const campaignLevelKey = (l) => (CAMPAIGN_LEVELS.includes(l) ? 'campaignLevel.' + l : null);
const LEVEL_TAGS = { national: 'danger', province: 'warning', city: 'primary' };
export const campaignLevelTagType = (l) => LEVEL_TAGS[l] || 'info';
const LEVEL_RANK = { national: 0, province: 1, city: 2 };
// Campaigns of a higher level than `level` (candidates for the parent campaign).
export function higherLevel(parentLevel, level) {
  return parentLevel in LEVEL_RANK && level in LEVEL_RANK && LEVEL_RANK[parentLevel] < LEVEL_RANK[level];
}

// ---- regions ------------------------------------------------------------------------------------

export const NATIONAL_REGION = '000000';

// Whether region `outer` contains `inner` (or is it), from the GB/T 2260 codes: the national root
// "000000" contains everything, a province "33xxxx" everything starting "33", a city "3302xx"
// everything starting "3302" (its counties and its functional zones "330200Z01").
export function regionContains(outer, inner) {
  const a = String(outer || '');
  const b = String(inner || '');
  if (!a || !b) return false;
  if (a === NATIONAL_REGION || a === b) return true;
  if (b === NATIONAL_REGION) return false;
  if (/^\d{2}0000$/.test(a)) return b.slice(0, 2) === a.slice(0, 2);
  if (/^\d{4}00$/.test(a)) return b.slice(0, 4) === a.slice(0, 4);
  return false;
}

const levelOfCode = (code) => {
  const c = String(code || '');
  if (c === NATIONAL_REGION) return 'national';
  if (/^\d{2}0000$/.test(c)) return 'province';
  if (/^\d{4}00$/.test(c)) return 'city';
  if (/Z\d+$/i.test(c)) return 'zone';
  return 'county';
};

// The region a dashboard can be narrowed within: the deeper of the caller's region and the
// campaign's (one lies inside the other, else the campaign would not be visible); null when that is
// the whole country. → {code, name, level} for RegionCascader's `root`.
export function scopeRoot(user, campaign) {
  const c = campaign || {};
  const campaignCode = c.region_code && c.region_code !== NATIONAL_REGION ? c.region_code : '';
  const userCode = user && user.region_code && !['national_office', 'admin'].includes(user.role) ? user.region_code : '';
  let code = campaignCode;
  let name = c.region_name || '';
  if (userCode && (!campaignCode || (regionContains(campaignCode, userCode) && userCode !== campaignCode))) {
    code = userCode;
    name = user.region_name || userCode;
  }
  if (!code) return null;
  return { code, name: name || code, level: levelOfCode(code) };
}

// The parent passed to GET /regions?parent= for the children of a campaign's region ('' = provinces).
export const childrenParent = (regionCode) => (!regionCode || regionCode === NATIONAL_REGION ? '' : regionCode);

// ---- phases and targets -------------------------------------------------------------------------

// 确定对标企业 → 制定/选用技术方案 → 对标达标 → 总结 (Zhejiang 浙市监函〔2020〕72号 三、时间进度).
export const PHASE_KEYS = ['select', 'plans', 'results', 'summary'];
export const phaseKey = (k) => (PHASE_KEYS.includes(k) ? 'phase.' + k : null);
// The seed's deadlines: end of April, June, October and December of the campaign's year.
const PHASE_DUE = { select: '04-30', plans: '06-30', results: '10-31', summary: '12-31' };
export function defaultPhaseDate(key, year) {
  const y = Number(year);
  if (!Number.isInteger(y) || !PHASE_DUE[key]) return '';
  return `${y}-${PHASE_DUE[key]}`;
}

export const TARGET_METRICS = [
  'enterprises',
  'industries',
  'products',
  'plans',
  'results_submitted',
  'results_published',
  'compliant_rate',
  'conversion_rate',
  'consistency',
  'leaders',
  'manual',
];
// Metrics whose actual figure is typed in (no platform data behind them yet).
export const MANUAL_METRICS = ['leaders', 'manual'];
export const PERCENT_METRICS = ['compliant_rate', 'conversion_rate', 'consistency'];
export const isManualMetric = (m) => MANUAL_METRICS.includes(m);
export const isPercentMetric = (m) => PERCENT_METRICS.includes(m);
export const metricKey = (m) => (TARGET_METRICS.includes(m) ? 'metric.' + m : null);

export const REVIEW_TOPS = ['', 'national', 'province'];
export const NATIONAL_BATCHES = [0, 1, 2, 3];

// ---- limits -------------------------------------------------------------------------------------

export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 2000;
export const YEAR_MIN = 2018;
export const YEAR_MAX = 2100;
export const BATCH_NUMBER_MAX = 9;
export const LABEL_MAX = 100;

// ---- the editor ---------------------------------------------------------------------------------

let uidSeq = 0;
export const newUid = () => 'c' + ++uidSeq;

const str = (v) => (v === undefined || v === null ? '' : String(v));
const trim = (v) => str(v).trim();
const chars = (v) => [...trim(v)].length;
const numOrNull = (v) => {
  if (v === '' || v === undefined || v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

export const emptyPhaseRow = (key, name = '', due = '') => ({ uid: newUid(), key, name, due_date: due });
export const emptyTargetRow = (metric = '') => ({ uid: newUid(), metric, label: '', value: null, due_date: '', manual_actual: null });
export const emptyRegionRow = (code = '', name = '', quota = null) => ({ uid: newUid(), region_code: code, region_name: name, quota });
export const emptyBatchRow = (batch = 1) => ({ uid: newUid(), batch, name: '', start_date: '', regions: [] });

// The four phases with their seed names and deadlines. `nameOf(key)` gives the phase's name.
export function defaultPhases(year, nameOf = (k) => k) {
  return PHASE_KEYS.map((k) => emptyPhaseRow(k, nameOf(k), defaultPhaseDate(k, year)));
}

// A new campaign of `level` (the creator's) in `year`.
export function emptyCampaignForm({ level = 'city', year = new Date().getFullYear(), nameOf } = {}) {
  return {
    level,
    name: '',
    year,
    parent_id: 0,
    batch: 0,
    description: '',
    start_date: `${year}-01-01`,
    end_date: `${year}-12-31`,
    review_top: '',
    industries: [],
    phases: defaultPhases(year, nameOf),
    targets: [],
    regions: [],
    batches: [],
  };
}

// The editor's state of a saved Campaign.
export function formFromCampaign(c, { nameOf } = {}) {
  const x = c || {};
  const phasesByKey = new Map((x.phases || []).map((p) => [p.key, p]));
  const phases = PHASE_KEYS.map((k) => {
    const p = phasesByKey.get(k);
    return p ? emptyPhaseRow(k, str(p.name), str(p.due_date)) : emptyPhaseRow(k, nameOf ? nameOf(k) : '', '');
  });
  // phases of keys this client does not know are kept as they came
  for (const p of x.phases || []) if (!PHASE_KEYS.includes(p.key)) phases.push(emptyPhaseRow(p.key, str(p.name), str(p.due_date)));
  return {
    level: x.level || 'city',
    name: str(x.name),
    year: x.year ?? null,
    parent_id: x.parent_id || 0,
    batch: x.batch || 0,
    description: str(x.description),
    start_date: str(x.start_date),
    end_date: str(x.end_date),
    review_top: str(x.review_top),
    industries: (x.industries || []).map((i) => (typeof i === 'string' ? i : i.code)).filter(Boolean),
    phases,
    targets: (x.targets || []).map((g) => ({
      uid: newUid(),
      metric: str(g.metric),
      label: str(g.label),
      value: numOrNull(g.value),
      due_date: str(g.due_date),
      manual_actual: numOrNull(g.manual_actual),
    })),
    regions: (x.regions || []).map((r) => emptyRegionRow(str(r.region_code), str(r.region_name), numOrNull(r.quota))),
    batches: (x.batches || []).map((b) => ({
      uid: newUid(),
      batch: b.batch,
      name: str(b.name),
      start_date: str(b.start_date),
      regions: (b.regions || []).map((r) => (typeof r === 'string' ? { code: r, name: r } : { code: r.code, name: r.name || r.code })),
    })),
  };
}

export const isBlankTargetRow = (r) => !r || (!trim(r.metric) && numOrNull(r.value) === null && !trim(r.label) && !trim(r.due_date));
export const isBlankRegionRow = (r) => !r || !trim(r.region_code);
export const isBlankBatchRow = (r) => !r || (!trim(r.name) && !trim(r.start_date) && !(r.regions || []).length);
// a phase is set by its deadline: rows without one are not sent (their names are only the prefill)
export const isBlankPhaseRow = (r) => !r || !trim(r.due_date);

// The body of POST / PUT /campaigns (without `version`) and which row went to which index:
// {body, uids: {phases, targets, regions, batches}}. Blank rows are left out.
export function campaignInput(form) {
  const f = form || {};
  const uids = { phases: [], targets: [], regions: [], batches: [] };
  const body = {
    name: trim(f.name),
    year: numOrNull(f.year),
    parent_id: Number(f.parent_id) || 0,
    batch: Number(f.batch) || 0,
    description: trim(f.description),
    start_date: trim(f.start_date),
    end_date: trim(f.end_date),
    review_top: trim(f.review_top),
    industries: [...new Set((f.industries || []).map(trim).filter(Boolean))],
    phases: [],
    targets: [],
    regions: [],
    batches: [],
  };
  for (const p of f.phases || []) {
    if (isBlankPhaseRow(p)) continue;
    uids.phases.push(p.uid);
    body.phases.push({ key: p.key, name: trim(p.name), due_date: trim(p.due_date) });
  }
  for (const g of f.targets || []) {
    if (isBlankTargetRow(g)) continue;
    uids.targets.push(g.uid);
    const row = { metric: trim(g.metric), value: numOrNull(g.value) };
    if (trim(g.label)) row.label = trim(g.label);
    if (trim(g.due_date)) row.due_date = trim(g.due_date);
    if (isManualMetric(row.metric) && numOrNull(g.manual_actual) !== null) row.manual_actual = numOrNull(g.manual_actual);
    body.targets.push(row);
  }
  for (const r of f.regions || []) {
    if (isBlankRegionRow(r)) continue;
    uids.regions.push(r.uid);
    const row = { region_code: trim(r.region_code) };
    if (numOrNull(r.quota) !== null) row.quota = numOrNull(r.quota);
    body.regions.push(row);
  }
  if (f.level === 'national') {
    for (const b of f.batches || []) {
      if (isBlankBatchRow(b)) continue;
      uids.batches.push(b.uid);
      body.batches.push({
        batch: numOrNull(b.batch),
        name: trim(b.name),
        start_date: trim(b.start_date),
        regions: (b.regions || []).map((r) => (typeof r === 'string' ? r : r.code)).filter(Boolean),
      });
    }
  }
  return { body, uids };
}

// Compares the editor's state with the saved one (unsaved-changes guard).
export const campaignSnapshot = (form) => JSON.stringify(campaignInput(form).body);

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s) => DATE_RE.test(s) && !Number.isNaN(new Date(s + 'T00:00:00Z').getTime());

// Client-side checks before saving → {form: {prop: [i18nKey, params]}, phases|targets|regions|batches:
// {uid: {column: [i18nKey, params]}}}. The server checks again (and more: regions in scope, the parent).
export function campaignFormProblems(form) {
  const f = form || {};
  const out = { form: {}, phases: {}, targets: {}, regions: {}, batches: {} };
  const cell = (table, uid, col, v) => {
    if (!out[table][uid]) out[table][uid] = {};
    if (!out[table][uid][col]) out[table][uid][col] = v;
  };
  if (!chars(f.name)) out.form.name = ['campaigns.v.nameRequired'];
  else if (chars(f.name) > NAME_MAX) out.form.name = ['campaigns.v.tooLong', { max: NAME_MAX }];
  const year = numOrNull(f.year);
  if (year === null || !Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) out.form.year = ['campaigns.v.year', { min: YEAR_MIN, max: YEAR_MAX }];
  if (chars(f.description) > DESCRIPTION_MAX) out.form.description = ['campaigns.v.tooLong', { max: DESCRIPTION_MAX }];
  const start = trim(f.start_date);
  const end = trim(f.end_date);
  if (!start) out.form.start_date = ['campaigns.v.dateRequired'];
  else if (!isDate(start)) out.form.start_date = ['campaigns.v.date'];
  if (!end) out.form.end_date = ['campaigns.v.dateRequired'];
  else if (!isDate(end)) out.form.end_date = ['campaigns.v.date'];
  else if (isDate(start) && end < start) out.form.end_date = ['campaigns.v.endBeforeStart'];
  for (const p of f.phases || []) {
    if (isBlankPhaseRow(p)) continue;
    if (!chars(p.name)) cell('phases', p.uid, 'name', ['campaigns.v.phaseNameRequired']);
    if (!isDate(trim(p.due_date))) cell('phases', p.uid, 'due_date', ['campaigns.v.date']);
  }
  for (const g of f.targets || []) {
    if (isBlankTargetRow(g)) continue;
    if (!trim(g.metric)) cell('targets', g.uid, 'metric', ['campaigns.v.metricRequired']);
    const v = numOrNull(g.value);
    if (v === null || !(v > 0)) cell('targets', g.uid, 'value', ['campaigns.v.valuePositive']);
    else if (isPercentMetric(g.metric) && v > 100) cell('targets', g.uid, 'value', ['campaigns.v.percentMax']);
    if (trim(g.metric) === 'manual' && !chars(g.label)) cell('targets', g.uid, 'label', ['campaigns.v.labelRequired']);
    else if (chars(g.label) > LABEL_MAX) cell('targets', g.uid, 'label', ['campaigns.v.tooLong', { max: LABEL_MAX }]);
    const a = numOrNull(g.manual_actual);
    if (isManualMetric(g.metric) && a !== null && a < 0) cell('targets', g.uid, 'manual_actual', ['campaigns.v.notNegative']);
    if (trim(g.due_date) && !isDate(trim(g.due_date))) cell('targets', g.uid, 'due_date', ['campaigns.v.date']);
  }
  const seenRegions = new Set();
  for (const r of f.regions || []) {
    if (isBlankRegionRow(r)) continue;
    const code = trim(r.region_code);
    if (seenRegions.has(code)) cell('regions', r.uid, 'region_code', ['campaigns.v.duplicateRegion']);
    seenRegions.add(code);
    const q = numOrNull(r.quota);
    if (r.quota !== null && r.quota !== undefined && r.quota !== '' && (q === null || !Number.isInteger(q) || q < 0)) cell('regions', r.uid, 'quota', ['campaigns.v.quota']);
  }
  if (f.level === 'national') {
    const seenBatches = new Set();
    for (const b of f.batches || []) {
      if (isBlankBatchRow(b)) continue;
      const n = numOrNull(b.batch);
      if (n === null || !Number.isInteger(n) || n < 1 || n > BATCH_NUMBER_MAX) cell('batches', b.uid, 'batch', ['campaigns.v.batchNumber', { max: BATCH_NUMBER_MAX }]);
      else if (seenBatches.has(n)) cell('batches', b.uid, 'batch', ['campaigns.v.duplicateBatch']);
      seenBatches.add(n);
      if (!chars(b.name)) cell('batches', b.uid, 'name', ['campaigns.v.batchNameRequired']);
      if (trim(b.start_date) && !isDate(trim(b.start_date))) cell('batches', b.uid, 'start_date', ['campaigns.v.date']);
    }
  }
  return out;
}

export function hasCampaignProblems(p) {
  return !!p && ['form', 'phases', 'targets', 'regions', 'batches'].some((k) => Object.keys(p[k] || {}).length > 0);
}

export const CAMPAIGN_FORM_PROPS = ['name', 'year', 'parent_id', 'batch', 'description', 'start_date', 'end_date', 'review_top', 'industries', 'phases', 'targets', 'regions', 'batches'];
export const CAMPAIGN_TABLES = ['phases', 'targets', 'regions', 'batches'];
const TABLE_COLUMNS = {
  phases: ['key', 'name', 'due_date'],
  targets: ['metric', 'label', 'value', 'due_date', 'manual_actual'],
  regions: ['region_code', 'quota'],
  batches: ['batch', 'name', 'start_date', 'regions'],
};
const FIRST_COLUMN = { phases: 'name', targets: 'metric', regions: 'region_code', batches: 'batch' };

// `regions[2].quota` → {table: 'regions', index: 2, column: 'quota'}; `batches[0].regions[3]` →
// {table: 'batches', index: 0, column: 'regions'}; `industries[1]` → {table: null, prop: 'industries'}.
export function parseCampaignFieldKey(key) {
  const k = String(key || '');
  const m = /^(phases|targets|regions|batches)\[(\d+)\](?:\.([a-z_]+))?(?:\[\d+\])?$/.exec(k);
  if (m) return { table: m[1], index: Number(m[2]), column: m[3] || null };
  const base = k.replace(/\[\d+\]$/, '').split(/[.[]/)[0];
  return { table: null, prop: base };
}

// The server's `error.fields` → {form: {prop: msg}, phases|targets|regions|batches: {uid: {column: msg}},
// other: {key: msg}}, with `uids` from campaignInput.
export function campaignFieldErrors(fields, uids = {}) {
  const out = { form: {}, phases: {}, targets: {}, regions: {}, batches: {}, other: {} };
  if (!fields || typeof fields !== 'object') return out;
  const add = (obj, k, msg) => {
    obj[k] = obj[k] ? obj[k] + '；' + msg : msg;
  };
  for (const [key, raw] of Object.entries(fields)) {
    const msg = Array.isArray(raw) ? raw.join('；') : String(raw);
    const p = parseCampaignFieldKey(key);
    if (p.table) {
      const uid = uids[p.table] ? uids[p.table][p.index] : undefined;
      if (uid === undefined) {
        add(out.other, key, msg);
        continue;
      }
      const column = p.column && TABLE_COLUMNS[p.table].includes(p.column) ? p.column : FIRST_COLUMN[p.table];
      if (!out[p.table][uid]) out[p.table][uid] = {};
      add(out[p.table][uid], column, msg);
    } else if (CAMPAIGN_FORM_PROPS.includes(p.prop)) {
      add(out.form, p.prop, msg);
    } else {
      add(out.other, key, msg);
    }
  }
  return out;
}

// ---- quotas (附件1) ------------------------------------------------------------------------------

// Sum of the quotas typed (rows without a quota count 0).
export function quotaTotal(rows) {
  let n = 0;
  for (const r of rows || []) {
    const q = numOrNull(r && r.quota);
    if (q !== null && q > 0) n += q;
  }
  return n;
}

// Adds a row for every child region not listed yet (after the existing rows, in the children's
// order), keeping the quotas already typed. → {rows, added}
export function mergeChildRegions(rows, children) {
  const out = (rows || []).slice();
  const have = new Set(out.map((r) => r.region_code).filter(Boolean));
  let added = 0;
  // a blank row left over from "add" is reused before appending
  for (const c of children || []) {
    if (!c || !c.code || have.has(c.code)) continue;
    const blank = out.findIndex((r) => !r.region_code);
    if (blank >= 0) out[blank] = { ...out[blank], region_code: c.code, region_name: c.name || c.code };
    else out.push(emptyRegionRow(c.code, c.name || c.code, null));
    have.add(c.code);
    added++;
  }
  return { rows: out, added };
}

// ---- lists --------------------------------------------------------------------------------------

export const emptyCampaignFilters = () => ({ q: '', level: '', year: '' });
export function campaignListParams(filters) {
  const f = filters || {};
  const year = numOrNull(f.year);
  return cleanFilters({
    q: typeof f.q === 'string' ? f.q : '',
    level: CAMPAIGN_LEVELS.includes(f.level) ? f.level : '',
    year: year !== null && Number.isInteger(year) ? year : '',
  });
}

export const MEMBER_FILTER_KEYS = ['q', 'region_code', 'industry_code', 'batch', 'result_status', 'rollup'];
export const emptyMemberFilters = () => ({ q: '', region_code: '', industry_code: '', batch: '', result_status: '', rollup: '' });
export const memberListParams = (filters) => cleanFilters(filters, MEMBER_FILTER_KEYS);

// Filters of GET /campaigns/{id}/results (the rows behind a figure).
export const RESULT_DRILL_KEYS = ['region_code', 'industry_code', 'batch', 'status', 'rollup', 'month', 'compliant'];
export const resultDrillParams = (filters) => cleanFilters(filters, RESULT_DRILL_KEYS);

// ---- enterprise selection -----------------------------------------------------------------------

export const MEMBERS_MAX = 500;
// POST /campaigns/{id}/members body from the picked enterprises (ids, deduplicated, at most 500).
export function membersBody(ids) {
  const list = [...new Set((ids || []).map(Number).filter((n) => Number.isInteger(n) && n > 0))];
  return { enterprise_ids: list.slice(0, MEMBERS_MAX) };
}

// ---- the 附件2 import ---------------------------------------------------------------------------

export const IMPORT_MODES = ['all', 'good_only'];
// The 附件2 form's columns, as the template and the import use them.
export const LIST_COLUMNS = ['序号', '企业名称', '产品名称', '执行标准号、名称', '比对标准号、名称', '平台现有技术方案编号', '另行制定技术方案技术支持需求'];
export const IMPORT_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
// Content type to send for an import file (the server sniffs the format from the bytes anyway).
export function importContentType(file) {
  const name = String((file && file.name) || '').toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return (file && file.type) || 'application/octet-stream';
}
// Whether the picked file looks like one the import takes (by name; the server decides by content).
export const isImportFile = (file) => /\.(xlsx|csv)$/i.test(String((file && file.name) || ''));

// The import's answer (200) or the body of its 422 → the report shown in the dialog:
// {ok, imported, members_added, support_requests, errors: [{row, column, message}], message}.
export function importReport(answer, error = null) {
  const body = error ? (error.body && typeof error.body === 'object' ? error.body : {}) : answer || {};
  const errors = Array.isArray(body.errors)
    ? body.errors.map((e) => ({ row: e && e.row !== undefined ? e.row : '', column: str(e && e.column), message: str(e && e.message) }))
    : [];
  errors.sort((a, b) => (Number(a.row) || 0) - (Number(b.row) || 0));
  return {
    ok: !error,
    imported: Number(body.imported) || 0,
    members_added: Number(body.members_added) || 0,
    support_requests: Number(body.support_requests) || 0,
    errors,
    message: error ? error.message || '' : '',
  };
}

// ---- support requests ---------------------------------------------------------------------------

export const SUPPORT_STATUSES = ['open', 'taken', 'done'];
export const supportStatusKey = (s) => (SUPPORT_STATUSES.includes(s) ? 'supportStatus.' + s : null);
const SUPPORT_TAGS = { open: 'danger', taken: 'warning', done: 'success' };
export const supportStatusTagType = (s) => SUPPORT_TAGS[s] || 'info';
// Actions a user has on a request: take an open one; mark done the one its own body took.
export function supportActions(request, user) {
  if (!request || !user || !canActOnSupport(user.role)) return [];
  if (request.status === 'open') return ['take'];
  if (request.status === 'taken') {
    const mine = request.taken_by_id === undefined || request.taken_by_id === null || String(request.taken_by_id) === String(user.id);
    return mine ? ['done'] : [];
  }
  return [];
}

// ---- industries ---------------------------------------------------------------------------------

// Options of the campaign's industry picker: the clusters first ("汽车及零部件（36）"), then the
// GB/T 4754 divisions grouped under their section ("C 制造业" → "36 汽车制造业"). Sections
// themselves are not offered (a campaign names divisions or clusters).
// → [{key, label, items: [{code, label}]}]
export function industryOptionGroups(items, clusterLabel = 'clusters') {
  const list = items || [];
  const sections = new Map();
  for (const it of list) if (it.kind === 'section') sections.set(it.code, { key: it.code, label: `${it.code} ${it.name}`, items: [] });
  const clusters = { key: 'clusters', label: clusterLabel, items: [] };
  const orphans = { key: 'other', label: '—', items: [] };
  for (const it of list) {
    if (it.kind === 'cluster') {
      const members = Array.isArray(it.members) && it.members.length ? `（${it.members.join('、')}）` : '';
      clusters.items.push({ code: it.code, label: it.name + members });
    } else if (it.kind === 'division') {
      const g = sections.get(it.parent_code) || orphans;
      g.items.push({ code: it.code, label: `${it.code} ${it.name}` });
    }
  }
  return [clusters, ...sections.values(), orphans].filter((g) => g.items.length);
}

// The names of a campaign's industries for display: Campaign.industries is [{code, name, kind}].
export function industryNames(list) {
  return (list || []).map((i) => (typeof i === 'string' ? i : i.kind === 'cluster' ? i.name : `${i.code} ${i.name}`));
}
