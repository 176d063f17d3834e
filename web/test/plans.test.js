import { describe, it, expect, afterEach, vi } from 'vitest';
import zh from '../src/i18n/zh.js';
import en from '../src/i18n/en.js';
import { t, setLocale, flatKeys } from '../src/i18n/index.js';
import { planExportUrl, fetchPlanExport } from '../src/api/export.js';
import { setFetch } from '../src/api/http.js';
import { MENUS, ROLES, allowedRoutes, homeRouteFor } from '../src/utils/roles.js';
import { createLiveVerdicts, createLiveChecks } from '../src/utils/liveVerdicts.js';
import {
  PLAN_STATUSES,
  PUBLIC_PLAN_STATUSES,
  VERDICTS,
  ROLL_UP_KINDS,
  STANDARD_ROLES,
  INDICATOR_FLAGS,
  INDICATOR_COLUMNS,
  STANDARD_COLUMNS,
  PLAN_FORM_PROPS,
  planStatusKey,
  verdictKey,
  rollUpKey,
  standardRoleKey,
  planStatusTagType,
  verdictTagType,
  rollUpTagType,
  labelOf,
  isPlanNumber,
  normalizePlanNumber,
  isPlanAuthor,
  planActions,
  canObject,
  canAnswer,
  canDraftPlans,
  canPublishPlans,
  actionBody,
  todayChina,
  addDays,
  emptyPlanFilters,
  planListParams,
  planStateFromQuery,
  planQueryFromState,
  standardsSummary,
  emptyPlanForm,
  emptyIndicatorRow,
  emptyStandardRow,
  formFromPlan,
  planInput,
  planSnapshot,
  planFormProblems,
  hasProblems,
  parseFieldKey,
  planFieldErrors,
  fieldKeyLabel,
  moveItem,
  compareQuery,
  compareKey,
  verdictFromCompare,
  verdictFromSaved,
} from '../src/utils/plans.js';

afterEach(() => setLocale('zh-CN'));

// The plan of tests/api/plans.test.mjs as the server answers it.
const storedPlan = () => ({
  id: 7,
  plan_number: null,
  version: 1,
  status: 'draft',
  author_id: 3,
  product: '家用电动洗衣机',
  industry_code: '38',
  author_org: '宁波市标准化研究院',
  summary: '洗衣机安全与性能指标对标 IEC',
  standards: [
    { role: 'domestic', number: 'GB 4706.24-2008', title: '' },
    { role: 'benchmark', number: 'IEC 60335-2-7:2008+A1:2011', title: '家用电器安全 洗衣机的特殊要求' },
  ],
  indicators: [
    { name: '洗净比', unit: '', domestic_requirement: '≥0.70', benchmark_requirement: '≥0.80', domestic_method: '', benchmark_method: '', core: true, safety: false, health: false, environment: false, notes: '', verdict: 'worse', verdict_label: '低于', verdict_reason: '允许的数值范围比基准宽，要求更松' },
    { name: '噪声', unit: 'dB(A)', domestic_requirement: '≤62', benchmark_requirement: '不大于65 dB(A)', domestic_method: '', benchmark_method: '', core: true, safety: false, health: false, environment: false, notes: '', verdict: 'better', verdict_label: '优于', verdict_reason: '' },
    { name: '泄漏电流', unit: 'mA', domestic_requirement: '≤0.75 mA', benchmark_requirement: '≤0.75mA', domestic_method: '', benchmark_method: '', core: false, safety: true, health: false, environment: false, notes: '', verdict: 'equal', verdict_label: '达到', verdict_reason: '' },
  ],
  roll_up: { kind: 'not_met', label: '未达到', gaps: ['洗净比'], needs_review: [], summary: '' },
});

describe('labels in both languages', () => {
  it('names every status, verdict and roll-up kind as the brief says', () => {
    expect(PLAN_STATUSES.map((s) => t(planStatusKey(s)))).toEqual(['草稿', '征求意见', '公示', '已发布', '已被替代', '已废止']);
    expect(VERDICTS.map((v) => t(verdictKey(v)))).toEqual(['优于', '达到', '低于', '不可比']);
    expect(ROLL_UP_KINDS.map((k) => t(rollUpKey(k)))).toEqual(['全部优于', '部分优于', '全部达到', '未达到', '待人工判定']);
    expect(STANDARD_ROLES.map((r) => t(standardRoleKey(r)))).toEqual(['国内标准', '对标标准']);
    setLocale('en');
    expect(PLAN_STATUSES.map((s) => t(planStatusKey(s)))).toEqual(['Draft', 'Consultation', 'Public notice', 'Published', 'Superseded', 'Withdrawn']);
    expect(VERDICTS.map((v) => t(verdictKey(v)))).toEqual(['Better', 'Equal', 'Worse', 'Not comparable']);
    expect(ROLL_UP_KINDS.map((k) => t(rollUpKey(k)))).toEqual(['All better', 'Partly better', 'All equal', 'Not met', 'Needs review']);
  });

  it('falls back to the server label for codes it does not know', () => {
    expect(verdictKey('nonsense')).toBeNull();
    expect(labelOf(t, verdictKey('nonsense'), '未知')).toBe('未知');
    expect(labelOf(t, verdictKey('better'), 'x')).toBe('优于');
    expect(labelOf(t, null, undefined)).toBe('');
  });

  it('gives every code a tag colour; verdicts differ from each other', () => {
    const tags = ['primary', 'success', 'info', 'warning', 'danger'];
    for (const s of PLAN_STATUSES) expect(tags).toContain(planStatusTagType(s));
    for (const k of ROLL_UP_KINDS) expect(tags).toContain(rollUpTagType(k));
    expect(VERDICTS.map(verdictTagType)).toEqual(['success', 'primary', 'danger', 'info']);
    expect(verdictTagType(null)).toBe('info');
    expect(rollUpTagType('not_met')).toBe('danger');
  });

  it('has the i18n keys the plan pages build at run time', () => {
    const keys = new Set(flatKeys(zh));
    const enKeys = new Set(flatKeys(en));
    const needed = [
      ...PLAN_STATUSES.map((s) => 'planStatus.' + s),
      ...VERDICTS.map((v) => 'verdict.' + v),
      ...ROLL_UP_KINDS.map((k) => 'rollUp.' + k),
      ...STANDARD_ROLES.map((r) => 'standardRole.' + r),
      ...INDICATOR_FLAGS.map((f) => 'indicatorFlag.' + f),
      ...INDICATOR_COLUMNS.map((c) => 'plans.col.' + c),
      ...STANDARD_COLUMNS.map((c) => 'plans.col.' + c),
      ...PLAN_FORM_PROPS.map((p) => 'plans.field.' + p),
      'plans.field.standards',
      'plans.field.indicators',
      ...['edit', 'submit', 'notice', 'publish', 'reject', 'withdraw', 'newVersion'].map((a) => 'planAction.' + a),
      ...['create', 'submit', 'notice', 'publish', 'reject', 'withdraw', 'new_version', 'supersede', 'objection', 'answer'].map((a) => 'planEvent.' + a),
      'plans.methodPlaceholder.domestic_method',
      'plans.methodPlaceholder.benchmark_method',
      'menu.plans',
      'auditEntity.plan',
    ];
    for (const k of needed) {
      expect(keys.has(k), k).toBe(true);
      expect(enKeys.has(k), k).toBe(true);
    }
  });
});

describe('plan numbers', () => {
  it('recognizes DBFA numbers, whatever the case and spaces', () => {
    expect(isPlanNumber('DBFA-2026-330200-0001')).toBe(true);
    expect(isPlanNumber(' dbfa-2026-330200-0012 ')).toBe(true);
    expect(isPlanNumber('DBFA-2026-3302-0001')).toBe(false);
    expect(isPlanNumber('洗衣机')).toBe(false);
    expect(isPlanNumber(null)).toBe(false);
    expect(normalizePlanNumber(' dbfa-2026-330200-0001 ')).toBe('DBFA-2026-330200-0001');
  });
});

describe('who sees which lifecycle action', () => {
  const author = { id: 3, role: 'technical_body' };
  const otherBody = { id: 4, role: 'technical_body' };
  const national = { id: 5, role: 'national_office' };
  const admin = { id: 1, role: 'admin' };
  const county = { id: 6, role: 'county_regulator' };
  const at = (status) => ({ ...storedPlan(), status });

  it('the author edits and submits a draft, then starts the notice', () => {
    expect(planActions(at('draft'), author)).toEqual(['edit', 'submit']);
    expect(planActions(at('consultation'), author)).toEqual(['notice']);
    expect(planActions(at('notice'), author)).toEqual([]);
    expect(planActions(at('published'), author)).toEqual(['newVersion']);
    expect(planActions(at('superseded'), author)).toEqual([]);
    expect(planActions(at('withdrawn'), author)).toEqual([]);
  });

  it('the national office publishes, sends back and withdraws', () => {
    expect(planActions(at('draft'), national)).toEqual([]);
    expect(planActions(at('consultation'), national)).toEqual(['reject']);
    expect(planActions(at('notice'), national)).toEqual(['publish', 'reject']);
    expect(planActions(at('published'), national)).toEqual(['withdraw']);
    expect(planActions(at('superseded'), national)).toEqual([]);
  });

  it('other technical bodies only revise published plans; other roles and visitors get nothing', () => {
    for (const s of PLAN_STATUSES) {
      expect(planActions(at(s), otherBody), s).toEqual(s === 'published' ? ['newVersion'] : []);
      expect(planActions(at(s), county), s).toEqual([]);
      expect(planActions(at(s), null), s).toEqual([]);
    }
    expect(planActions(null, author)).toEqual([]);
  });

  it('administrators act as author and publisher', () => {
    expect(isPlanAuthor(admin, storedPlan())).toBe(true);
    expect(planActions(at('draft'), admin)).toEqual(['edit', 'submit']);
    expect(planActions(at('consultation'), admin)).toEqual(['notice', 'reject']);
    expect(planActions(at('notice'), admin)).toEqual(['publish', 'reject']);
    expect(planActions(at('published'), admin)).toEqual(['newVersion', 'withdraw']);
  });

  it('objections: anyone signed in during 公示; the author answers unanswered ones', () => {
    expect(canObject(at('notice'), county)).toBe(true);
    expect(canObject(at('notice'), null)).toBe(false);
    expect(canObject(at('published'), county)).toBe(false);
    const open = { id: 1, text: '?', answer: null };
    expect(canAnswer(at('notice'), author, open)).toBe(true);
    expect(canAnswer(at('published'), author, open)).toBe(true);
    expect(canAnswer(at('notice'), otherBody, open)).toBe(false);
    expect(canAnswer(at('notice'), author, { ...open, answer: '已答复' })).toBe(false);
  });

  it('roles that draft and publish', () => {
    expect(ROLES.filter(canDraftPlans)).toEqual(['technical_body', 'admin']);
    expect(ROLES.filter(canPublishPlans)).toEqual(['national_office', 'admin']);
  });

  it('builds the action bodies', () => {
    expect(actionBody('submit')).toEqual({ action: 'submit' });
    expect(actionBody('reject', { comment: '  请补充检测方法 ' })).toEqual({ action: 'reject', comment: '请补充检测方法' });
    expect(actionBody('withdraw', {})).toEqual({ action: 'withdraw', comment: '' });
    expect(actionBody('notice', { range: ['2026-11-22', '2026-12-06'] })).toEqual({ action: 'notice', notice_start: '2026-11-22', notice_end: '2026-12-06' });
    expect(actionBody('notice', {})).toEqual({ action: 'notice', notice_start: '', notice_end: '' });
  });

  it('dates in China time', () => {
    // 2026-11-22 17:00 UTC is already the 23rd in Beijing
    expect(todayChina(Date.UTC(2026, 10, 22, 17, 0))).toBe('2026-11-23');
    expect(todayChina(Date.UTC(2026, 10, 22, 15, 59))).toBe('2026-11-22');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('the list', () => {
  it('filters ↔ route query', () => {
    expect(planListParams(emptyPlanFilters())).toEqual({});
    expect(planListParams({ q: ' DBFA-2026-330200-0001 ', status: 'published' })).toEqual({ q: 'DBFA-2026-330200-0001', status: 'published' });
    expect(planListParams({ q: '', status: 'flying' })).toEqual({});
    const s = planStateFromQuery({ q: '洗衣机', status: 'notice', page: '2', page_size: '50' });
    expect(s).toEqual({ filters: { q: '洗衣机', status: 'notice' }, page: 2, size: 50 });
    expect(planStateFromQuery({ status: 'x', page: '0', page_size: '9999' })).toEqual({ filters: emptyPlanFilters(), page: 1, size: 20 });
    expect(planQueryFromState({ q: ' 4706 ', status: '' }, 1, 20)).toEqual({ q: '4706' });
    expect(planQueryFromState({ q: '', status: 'draft' }, 3, 50)).toEqual({ status: 'draft', page: '3', page_size: '50' });
    expect(PUBLIC_PLAN_STATUSES).toEqual(['notice', 'published', 'superseded']);
  });

  it('summarizes the standards as domestic → benchmark', () => {
    expect(standardsSummary(storedPlan().standards)).toEqual({ domestic: ['GB 4706.24-2008'], benchmark: ['IEC 60335-2-7:2008+A1:2011'] });
    expect(standardsSummary(undefined)).toEqual({ domestic: [], benchmark: [] });
  });
});

describe('editor rows → PlanInput', () => {
  it('a stored plan round-trips through the form', () => {
    const p = storedPlan();
    const form = formFromPlan(p);
    expect(form.standards.every((s) => s.uid)).toBe(true);
    const { body } = planInput(form);
    expect(body.product).toBe(p.product);
    expect(body.industry_code).toBe('38');
    expect(body.standards).toEqual([
      { role: 'domestic', number: 'GB 4706.24-2008' },
      { role: 'benchmark', number: 'IEC 60335-2-7:2008+A1:2011', title: '家用电器安全 洗衣机的特殊要求' },
    ]);
    expect(body.indicators).toHaveLength(3);
    for (const row of body.indicators) {
      expect(Object.keys(row).sort()).toEqual([...INDICATOR_COLUMNS].sort(), 'no verdicts are sent');
    }
    expect(body.indicators[1]).toMatchObject({ name: '噪声', unit: 'dB(A)', benchmark_requirement: '不大于65 dB(A)', core: true, safety: false });
  });

  it('trims text, leaves out blank rows and remembers which row went to which index', () => {
    const form = emptyPlanForm('  宁波市标准化研究院 ');
    form.product = '  洗衣机 ';
    form.standards = [emptyStandardRow('domestic'), emptyStandardRow('benchmark'), emptyStandardRow('benchmark')];
    form.standards[0].number = ' GB 4706.24—2008 ';
    form.standards[2].number = 'IEC 60335-2-7:2008+A1:2011';
    form.standards[2].title = '   ';
    const blank = emptyIndicatorRow();
    const a = { ...emptyIndicatorRow(), name: ' 洗净比 ', domestic_requirement: ' ≥0.70', benchmark_requirement: '≥0.80 ', core: 1 };
    const flagOnly = { ...emptyIndicatorRow(), environment: true };
    form.indicators = [blank, a, flagOnly];
    const { body, uids } = planInput(form);
    expect(body.product).toBe('洗衣机');
    expect(body.author_org).toBe('宁波市标准化研究院');
    expect(body.standards).toEqual([
      { role: 'domestic', number: 'GB 4706.24—2008' },
      { role: 'benchmark', number: 'IEC 60335-2-7:2008+A1:2011' },
    ]);
    expect(uids.standards).toEqual([form.standards[0].uid, form.standards[2].uid]);
    expect(body.indicators.map((i) => i.name)).toEqual(['洗净比', '']);
    expect(body.indicators[0]).toMatchObject({ domestic_requirement: '≥0.70', benchmark_requirement: '≥0.80', core: true });
    expect(body.indicators[1].environment).toBe(true);
    expect(uids.indicators).toEqual([a.uid, flagOnly.uid]);
  });

  it('the snapshot changes with the content, not with blank rows or uids', () => {
    const form = formFromPlan(storedPlan());
    const before = planSnapshot(form);
    form.indicators.push(emptyIndicatorRow());
    expect(planSnapshot(form)).toBe(before);
    expect(planSnapshot(formFromPlan(storedPlan()))).toBe(before);
    form.indicators[0].notes = '见附录';
    expect(planSnapshot(form)).not.toBe(before);
  });

  it('checks the form before sending', () => {
    const form = emptyPlanForm();
    let p = planFormProblems(form);
    expect(p.form.product).toEqual(['plans.productRequired']);
    expect(p.form.author_org).toEqual(['plans.orgRequired']);
    expect(hasProblems(p)).toBe(true);
    form.product = '洗衣机';
    form.author_org = '研究院';
    const nameless = { ...emptyIndicatorRow(), unit: 'mm' };
    form.indicators = [nameless, { ...emptyIndicatorRow(), name: '长'.repeat(101) }];
    form.standards = [{ ...emptyStandardRow('benchmark'), title: '只有名称' }];
    p = planFormProblems(form);
    expect(p.indicators[nameless.uid]).toEqual({ name: ['plans.indicatorNameRequired'] });
    expect(p.indicators[form.indicators[1].uid].name[0]).toBe('plans.tooLong');
    expect(p.standards[form.standards[0].uid]).toEqual({ number: ['plans.numberRequired'] });
    expect(hasProblems(planFormProblems({ ...formFromPlan(storedPlan()) }))).toBe(false);
    const many = formFromPlan(storedPlan());
    many.indicators = Array.from({ length: 301 }, (_, i) => ({ ...emptyIndicatorRow(), name: 'x' + i }));
    expect(planFormProblems(many).form.indicators).toEqual(['plans.tooManyIndicators', { max: 300 }]);
  });

  it('moves rows', () => {
    const list = ['a', 'b', 'c'];
    expect(moveItem(list, 0, 1)).toBe(true);
    expect(list).toEqual(['b', 'a', 'c']);
    expect(moveItem(list, 2, -1)).toBe(true);
    expect(list).toEqual(['b', 'c', 'a']);
    expect(moveItem(list, 0, -1)).toBe(false);
    expect(moveItem(list, 2, 1)).toBe(false);
    expect(list).toEqual(['b', 'c', 'a']);
  });
});

describe('server field keys → table cells', () => {
  it('parses the keys', () => {
    expect(parseFieldKey('indicators[2].benchmark_requirement')).toEqual({ table: 'indicators', index: 2, column: 'benchmark_requirement' });
    expect(parseFieldKey('standards[1]')).toEqual({ table: 'standards', index: 1, column: null });
    expect(parseFieldKey('product')).toEqual({ table: null, prop: 'product' });
  });

  it('puts each message on the row that was sent at that index, even after blank rows and reordering', () => {
    const form = formFromPlan(storedPlan());
    form.indicators.unshift(emptyIndicatorRow()); // blank, not sent
    moveItem(form.indicators, 3, -2); // 泄漏电流 now second on screen, first sent
    const { body, uids } = planInput(form);
    expect(body.indicators.map((i) => i.name)).toEqual(['泄漏电流', '洗净比', '噪声']);
    const fields = {
      product: '请填写产品类别',
      'standards[1].number': '对标标准 IEC 60335-2-7:2008+A1:2011 不在标准目录中',
      'standards[0].role': '应为 domestic 或 benchmark',
      'indicators[2].benchmark_requirement': '太长',
      'indicators[0].name': '请填写指标名称',
      'indicators[0].unit': '类型错误：应为字符串',
      'indicators[1]': '整行有误',
      'indicators[9].name': '没有这一行',
      indicators: '至少需要一项关键技术指标',
      action: '未知操作',
    };
    const m = planFieldErrors(fields, uids);
    const leak = form.indicators.find((r) => r.name === '泄漏电流').uid;
    const wash = form.indicators.find((r) => r.name === '洗净比').uid;
    const noise = form.indicators.find((r) => r.name === '噪声').uid;
    expect(m.form).toEqual({ product: '请填写产品类别', indicators: '至少需要一项关键技术指标' });
    expect(m.standards[form.standards[1].uid]).toEqual({ number: '对标标准 IEC 60335-2-7:2008+A1:2011 不在标准目录中' });
    expect(m.standards[form.standards[0].uid]).toEqual({ role: '应为 domestic 或 benchmark' });
    expect(m.indicators[noise]).toEqual({ benchmark_requirement: '太长' });
    expect(m.indicators[leak]).toEqual({ name: '请填写指标名称', unit: '类型错误：应为字符串' });
    expect(m.indicators[wash]).toEqual({ name: '整行有误' });
    expect(m.other).toEqual({ 'indicators[9].name': '没有这一行', action: '未知操作' });
    expect(planFieldErrors(null, uids)).toEqual({ form: {}, standards: {}, indicators: {}, other: {} });
  });

  it('describes a key for messages outside the editor, in both languages', () => {
    expect(fieldKeyLabel('indicators[2].benchmark_requirement', t)).toBe('指标第 3 行“对标标准要求”');
    expect(fieldKeyLabel('standards[1].number', t)).toBe('标准第 2 行“标准编号”');
    expect(fieldKeyLabel('indicators[0]', t)).toBe('指标第 1 行');
    expect(fieldKeyLabel('indicators', t)).toBe('关键技术指标');
    expect(fieldKeyLabel('comment', t)).toBe('comment');
    setLocale('en');
    expect(fieldKeyLabel('indicators[2].benchmark_requirement', t)).toBe('Indicator row 3, "Benchmark requirement"');
    expect(fieldKeyLabel('standards[1].number', t)).toBe('Standard row 2, "Standard number"');
  });
});

describe('the live verdict', () => {
  it('asks only when both sides are filled in; the unit goes along', () => {
    expect(compareQuery({ domestic_requirement: '≥0.70', benchmark_requirement: '' })).toBeNull();
    expect(compareQuery({ domestic_requirement: ' ≤62 ', benchmark_requirement: '不大于65 dB(A)', unit: ' dB(A) ' })).toEqual({ a: '≤62', b: '不大于65 dB(A)', unit: 'dB(A)' });
    expect(compareQuery({ domestic_requirement: '≥1', benchmark_requirement: '≥2', unit: '' })).toEqual({ a: '≥1', b: '≥2' });
    expect(compareKey(null)).toBe('');
    expect(compareKey({ a: '1', b: '2' })).not.toBe(compareKey({ a: '1', b: '2', unit: 'mm' }));
  });

  it('turns answers and 422s into cell states', () => {
    expect(verdictFromCompare({ verdict: 'worse', label: '低于', reason: '更松' })).toEqual({ state: 'done', verdict: 'worse', label: '低于', reason: '更松' });
    const e = { status: 422, message: '无法解析要求 b：无法识别', fields: { b: '无法解析要求 b：无法识别的要求格式，需人工判断' } };
    expect(verdictFromCompare(null, e)).toEqual({ state: 'error', errors: { b: '无法识别的要求格式，需人工判断' }, message: '无法解析要求 b：无法识别' });
    expect(verdictFromSaved(storedPlan().indicators[0])).toEqual({ state: 'done', verdict: 'worse', label: '低于', reason: '允许的数值范围比基准宽，要求更松' });
    expect(verdictFromSaved({ verdict: null })).toBeNull();
  });

  function fakeTimers() {
    let id = 0;
    const queue = new Map();
    return {
      set: (fn, ms) => {
        queue.set(++id, { fn, ms });
        return id;
      },
      clear: (h) => queue.delete(h),
      pending: () => queue.size,
      async flush() {
        const items = [...queue.values()];
        queue.clear();
        for (const { fn } of items) await fn();
        await Promise.resolve();
      },
    };
  }

  it('debounces per row, caches answers, drops late answers', async () => {
    const timers = fakeTimers();
    const compare = vi.fn(async (q) => (q.b.includes('0.80') ? { verdict: 'worse', label: '低于', reason: '' } : { verdict: 'better', label: '优于', reason: '' }));
    const live = createLiveVerdicts({ compare, timers });
    const row = { uid: 'x', domestic_requirement: '≥0.7', benchmark_requirement: '≥0.8', unit: '' };
    live.update('x', row);
    row.domestic_requirement = '≥0.70';
    live.update('x', row);
    row.benchmark_requirement = '≥0.80';
    live.update('x', row);
    expect(live.states.x.state).toBe('pending');
    expect(timers.pending()).toBe(1); // earlier keystrokes were cancelled
    expect(live.busy()).toBe(true);
    await timers.flush();
    expect(compare).toHaveBeenCalledTimes(1);
    expect(compare).toHaveBeenCalledWith({ a: '≥0.70', b: '≥0.80' });
    expect(live.states.x).toMatchObject({ state: 'done', verdict: 'worse', label: '低于' });
    // the same text on another row is answered from the cache
    live.update('y', { ...row, uid: 'y' });
    expect(live.states.y).toMatchObject({ state: 'done', verdict: 'worse' });
    expect(timers.pending()).toBe(0);
    // emptying a side: idle at once
    live.update('x', { ...row, benchmark_requirement: '' });
    expect(live.states.x.state).toBe('idle');
    // sync forgets rows that are gone
    live.sync([{ ...row, uid: 'x' }]);
    expect(live.states.y).toBeUndefined();
    expect(live.states.x.state).toBe('done');
  });

  it('keeps an answer only if the row still holds the text it was asked about', async () => {
    let release;
    const compare = vi.fn(() => new Promise((r) => (release = r)));
    const timers = fakeTimers();
    const live = createLiveVerdicts({ compare, timers });
    live.update('x', { domestic_requirement: '≥1', benchmark_requirement: '≥2' });
    const flushing = timers.flush();
    live.update('x', { domestic_requirement: '≥3', benchmark_requirement: '≥2' }); // typed on while asking
    release({ verdict: 'worse', label: '低于', reason: '' });
    await flushing;
    expect(live.states.x.state).toBe('pending');
  });

  it('shows the side that cannot be parsed; a failed request is "unknown" and not cached', async () => {
    const timers = fakeTimers();
    let fail = true;
    const compare = vi.fn(async (q) => {
      if (q.a === '大约') throw Object.assign(new Error('x'), { status: 422, fields: { a: '无法解析要求 a：无法识别的要求格式' }, message: 'x' });
      if (fail) throw Object.assign(new Error('net'), { status: 0 });
      return { verdict: 'equal', label: '达到', reason: '' };
    });
    const live = createLiveVerdicts({ compare, timers });
    live.update('x', { domestic_requirement: '大约', benchmark_requirement: '≥2' });
    await timers.flush();
    expect(live.states.x).toMatchObject({ state: 'error', errors: { a: '无法识别的要求格式' } });
    live.update('x', { domestic_requirement: '≥2', benchmark_requirement: '≥2' });
    await timers.flush();
    expect(live.states.x.state).toBe('unknown');
    fail = false;
    live.update('y', { domestic_requirement: '≥2', benchmark_requirement: '≥2' });
    await timers.flush();
    expect(live.states.y).toMatchObject({ state: 'done', verdict: 'equal' });
  });

  it('starts from the saved verdicts without asking', () => {
    const timers = fakeTimers();
    const compare = vi.fn();
    const live = createLiveVerdicts({ compare, timers });
    const form = formFromPlan(storedPlan());
    storedPlan().indicators.forEach((ind, i) => live.seed(form.indicators[i], verdictFromSaved(ind)));
    live.sync(form.indicators);
    expect(form.indicators.map((r) => live.states[r.uid].verdict)).toEqual(['worse', 'better', 'equal']);
    expect(compare).not.toHaveBeenCalled();
  });

  it('the generic check takes any query', async () => {
    const timers = fakeTimers();
    const check = vi.fn(async (n) => ({ state: 'valid', normalized: n.toUpperCase() }));
    const live = createLiveChecks({ check, queryOf: (r) => (r.number.trim() ? r.number.trim() : null), keyOf: (q) => q, timers });
    live.update('s', { number: ' iso 9001 ' });
    await timers.flush();
    expect(live.states.s).toMatchObject({ state: 'valid', normalized: 'ISO 9001' });
    live.dispose();
  });
});

describe('menus and exports', () => {
  it('every role has 技术方案 in its menu without changing its home page', () => {
    for (const r of ROLES) {
      expect(allowedRoutes(r), r).toContain('plans');
      expect(homeRouteFor(r), r).not.toBe('plans');
      expect(MENUS[r].find((m) => m.name === 'plans').label).toBe('menu.plans');
    }
    expect(MENUS.technical_body.some((m) => m.label === 'menu.techPlans')).toBe(false);
  });

  it('exports one plan as xlsx or docx', async () => {
    expect(planExportUrl(7)).toBe('/api/v1/plans/7/export.xlsx');
    expect(planExportUrl(7, 'docx')).toBe('/api/v1/plans/7/export.docx');
    expect(() => planExportUrl(7, 'pdf')).toThrow();
    let asked = null;
    setFetch(async (url) => {
      asked = url;
      return { ok: true, status: 200, headers: { get: (k) => ({ 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })[k.toLowerCase()] ?? null }, blob: async () => new Blob(['x']) };
    });
    const r = await fetchPlanExport(7, 'docx');
    expect(asked).toBe('/api/v1/plans/7/export.docx');
    expect(r.filename).toBe('plan-7.docx');
    setFetch((...a) => fetch(...a));
  });
});
