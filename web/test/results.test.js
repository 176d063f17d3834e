import { describe, it, expect, vi, afterEach } from 'vitest';
import zh from '../src/i18n/zh.js';
import en from '../src/i18n/en.js';
import { t, setLocale, flatKeys } from '../src/i18n/index.js';
import { MENUS, ROLES, allowedRoutes, homeRouteFor } from '../src/utils/roles.js';
import { exportUrl, EXPORTS } from '../src/api/export.js';
import { setFetch, setCsrfToken } from '../src/api/http.js';
import { filesApi, resultsApi, toolsApi } from '../src/api/index.js';
import { routes } from '../src/router/index.js';
import {
  RESULT_STATUSES,
  REVIEW_LEVELS,
  RESULT_EVENTS,
  MEASURED_VERDICTS,
  ROLLUPS,
  REVIEW_TOPS,
  INDICATOR_INPUTS,
  IMPROVEMENT_COLUMNS,
  RESULT_FORM_PROPS,
  REVIEWER_ROLES,
  resultStatusKey,
  resultStatusTagType,
  reviewLevelKey,
  rollupKey,
  rollupTagType,
  measuredKey,
  measuredTagType,
  resultEventKey,
  resultColumnKey,
  improvementColumnKey,
  resultFieldKey,
  reviewTopKey,
  labelFor,
  isEditableStatus,
  levelOfRole,
  canEditSettings,
  reviewActions,
  passAccepts,
  reviewBody,
  chainSteps,
  lastReturn,
  formFromResult,
  resultInput,
  resultSnapshot,
  parseResultFieldKey,
  resultFieldErrors,
  errorCount,
  resultFieldLabel,
  gapNames,
  gapsWithoutAction,
  emptyImprovement,
  effectiveRequirement,
  resultCompareQuery,
  judgeQuery,
  judgeKey,
  judgeFromAnswer,
  verdictCell,
  createAutosave,
  resultListParams,
  statusOptions,
  waitingDays,
  bulkPassBody,
  bulkOutcome,
  BULK_MAX,
  newResultBody,
  notificationRoute,
  badgeText,
  uploadProblem,
  formatBytes,
  FILE_MAX_BYTES,
  normalizeVerifyCode,
  verifyPath,
  verifyUrl,
  reviewSettingsProblems,
  changeRows,
} from '../src/utils/results.js';

const zhKeys = flatKeys(zh);
const enKeys = flatKeys(en);

// A Result as the contract describes it (two plan rows).
function sampleResult(over = {}) {
  return {
    id: 7,
    code: 'DBJG-7',
    version: 3,
    status: 'draft',
    stage: '',
    enterprise_name: '宁波某电器有限公司',
    region_code: '330203',
    plan_number: 'DBFA-2026-330000-0001',
    enterprise_standard: 'Q/NBXX 001-2024',
    indicators: [
      {
        index: 0,
        name: '能效',
        unit: '%',
        domestic_requirement: '≥0.70',
        benchmark_requirement: '≥0.80',
        core: true,
        enterprise_requirement: '≥0.75',
        measured_value: '0.82',
        report_number: 'R-1',
        lab: '宁波检测院',
        report_date: '2026-10-01',
        file_hash: 'abc',
        file_name: 'r1.pdf',
        revised_requirement: '',
        verdict: 'worse',
        verdict_label: '低于',
        verdict_reason: '0.75 < 0.80',
        measured_verdict: 'pass',
        measured_reason: '0.82 ≥ 0.80',
      },
      {
        index: 1,
        name: '噪声',
        unit: 'dB',
        benchmark_requirement: '≤60',
        enterprise_requirement: null,
        measured_value: '',
        verdict: '',
        measured_verdict: '',
      },
    ],
    gaps: [{ index: 0, name: '能效', reason: '低于对标要求' }],
    conclusion: '部分指标低于对标要求',
    improvements: [{ indicator: '能效', action: '改进电机', responsible: '张工', target_date: '2027-06-30' }],
    revised_standard: '',
    chain: [
      { level: 'county', region_code: '330203', region_name: '海曙区', state: 'todo' },
      { level: 'city', region_code: '330200', region_name: '宁波市', state: 'todo' },
      { level: 'province', region_code: '330000', region_name: '浙江省', state: 'todo' },
      { level: 'national', region_code: '', region_name: '全国', state: 'todo' },
    ],
    ...over,
  };
}

describe('labels and colours', () => {
  it('have a key in both languages for every status, level, event, verdict and roll-up', () => {
    for (const s of RESULT_STATUSES) {
      expect(zhKeys, s).toContain(resultStatusKey(s));
      expect(enKeys, s).toContain(resultStatusKey(s));
    }
    expect(zh.resultStatus.submitted).toBe('已提交（待县级审核）');
    expect(zh.resultStatus.accepted).toBe('已受理（待发布）');
    for (const l of REVIEW_LEVELS) expect(zhKeys).toContain(reviewLevelKey(l));
    for (const e of RESULT_EVENTS) expect(zhKeys).toContain(resultEventKey(e));
    for (const v of MEASURED_VERDICTS) expect(zhKeys).toContain(measuredKey(v));
    for (const r of ROLLUPS) expect(zhKeys).toContain(rollupKey(r));
    for (const c of INDICATOR_INPUTS) expect(zhKeys).toContain(resultColumnKey(c));
    for (const c of IMPROVEMENT_COLUMNS) expect(zhKeys).toContain(improvementColumnKey(c));
    for (const p of RESULT_FORM_PROPS) expect(zhKeys).toContain(resultFieldKey(p));
    for (const top of REVIEW_TOPS) expect(zhKeys).toContain(reviewTopKey(top));
    for (const a of ['pass', 'accept', 'return', 'publish']) expect(zhKeys).toContain('resultAction.' + a);
  });

  it('fall back to the server text for unknown codes', () => {
    expect(resultStatusKey('weird')).toBeNull();
    expect(labelFor(t, resultStatusKey('weird'), '服务器的说法', 'weird')).toBe('服务器的说法');
    expect(labelFor(t, null, '', 'weird')).toBe('weird');
    setLocale('zh-CN');
    expect(labelFor(t, resultStatusKey('returned'), 'x')).toBe('已退回');
    expect(resultStatusTagType('published')).toBe('success');
    expect(resultStatusTagType('returned')).toBe('danger');
    expect(resultStatusTagType('nope')).toBe('info');
    expect(rollupTagType('not_met')).toBe('danger');
    expect(measuredTagType('fail')).toBe('danger');
    expect(isEditableStatus('draft')).toBe(true);
    expect(isEditableStatus('returned')).toBe(true);
    expect(isEditableStatus('submitted')).toBe(false);
  });
});

describe('who may act', () => {
  const county = { role: 'county_regulator', region_code: '330203' };
  const otherCounty = { role: 'county_regulator', region_code: '330205' };
  const city = { role: 'city_regulator', region_code: '330200' };
  const nat = { role: 'national_office', region_code: '' };
  const ent = { role: 'enterprise', region_code: '' };

  it('maps roles to levels', () => {
    expect(levelOfRole('province_regulator')).toBe('province');
    expect(levelOfRole('national_office')).toBe('national');
    expect(levelOfRole('admin')).toBeNull();
    expect(canEditSettings('admin')).toBe(true);
    expect(canEditSettings('national_office')).toBe(true);
    expect(canEditSettings('city_regulator')).toBe(false);
  });

  it('offers pass and return to the level and region the result waits for', () => {
    const r = sampleResult({ status: 'submitted', stage: 'county', stage_region_code: '330203' });
    expect(reviewActions(r, county)).toEqual(['pass', 'return']);
    expect(reviewActions(r, otherCounty)).toEqual([]);
    expect(reviewActions(r, city)).toEqual([]);
    expect(reviewActions(r, ent)).toEqual([]);
    expect(reviewActions(r, null)).toEqual([]);
    const atNational = sampleResult({ status: 'province_recommended', stage: 'national', stage_region_code: '' });
    expect(reviewActions(atNational, nat)).toEqual(['pass', 'return']);
    expect(passAccepts(atNational)).toBe(true);
    expect(passAccepts(r)).toBe(false);
    expect(reviewActions(sampleResult({ status: 'draft', stage: 'county', stage_region_code: '330203' }), county)).toEqual([]);
  });

  it('offers publish to the top level once accepted', () => {
    const accepted = sampleResult({ status: 'accepted', stage: 'national' });
    expect(reviewActions(accepted, nat)).toEqual(['publish']);
    expect(reviewActions(accepted, county)).toEqual([]);
    // review_top = province: the chain ends at the province
    const provTop = sampleResult({ status: 'accepted', chain: sampleResult().chain.slice(0, 3) });
    expect(reviewActions(provTop, { role: 'province_regulator', region_code: '330000' })).toEqual(['publish']);
    expect(reviewActions(provTop, { role: 'province_regulator', region_code: '320000' })).toEqual([]);
    expect(reviewActions(provTop, nat)).toEqual([]);
    expect(reviewActions(sampleResult({ status: 'published' }), nat)).toEqual([]);
  });

  it('builds the review body with the version', () => {
    expect(reviewBody('return', 4, '  报告日期有误 ')).toEqual({ version: 4, action: 'return', comment: '报告日期有误' });
    expect(reviewBody('pass', 5)).toEqual({ version: 5, action: 'pass', comment: '' });
  });
});

describe('the chain as a steps bar', () => {
  it('puts the enterprise first and publication last, with the server states in between', () => {
    const r = sampleResult({
      status: 'city_recommended',
      chain: [
        { level: 'county', region_code: '330203', region_name: '海曙区', state: 'done' },
        { level: 'city', region_code: '330200', region_name: '宁波市', state: 'done' },
        { level: 'province', region_code: '330000', region_name: '浙江省', state: 'current' },
        { level: 'national', region_code: '', region_name: '', state: 'todo' },
      ],
    });
    const bar = chainSteps(r);
    expect(bar.steps.map((s) => s.key)).toEqual(['enterprise', 'level-county-330203', 'level-city-330200', 'level-province-330000', 'level-national-', 'publish']);
    expect(bar.steps.map((s) => s.status)).toEqual(['finish', 'finish', 'finish', 'process', 'wait', 'wait']);
    expect(bar.active).toBe(3);
    expect(bar.steps[3]).toMatchObject({ titleKey: 'reviewLevel.province', description: '浙江省' });
    expect(bar.steps[4].description).toBe('');
  });

  it('marks a returned result at the enterprise and a published one all done', () => {
    const back = chainSteps(sampleResult({ status: 'returned', chain: [{ level: 'county', region_code: '1', state: 'current' }] }));
    expect(back.steps.map((s) => s.status)).toEqual(['error', 'wait', 'wait']);
    expect(back.active).toBe(0);
    const pub = chainSteps(sampleResult({ status: 'published', published_at: '2026-11-20T02:00:00Z' }));
    expect(pub.steps.every((s) => s.status === 'finish')).toBe(true);
    expect(pub.active).toBe(pub.steps.length);
    expect(pub.steps[pub.steps.length - 1].description).toBe('2026-11-20');
    const acc = chainSteps(sampleResult({ status: 'accepted' }));
    expect(acc.steps[acc.steps.length - 1].status).toBe('process');
    expect(chainSteps(null).steps.length).toBe(2);
  });
});

describe('return reason', () => {
  const events = [
    { id: 1, action: 'submit', comment: '' },
    { id: 2, action: 'return', comment: '第一次', at: '2026-11-01T00:00:00Z', actor_name: '王', actor_region_name: '海曙区' },
    { id: 3, action: 'submit' },
    { id: 4, action: 'return', comment: '报告日期晚于提交日期', at: '2026-11-05T00:00:00Z', actor_name: '李', actor_region_name: '海曙区' },
  ];
  it('is the last return while the result is returned', () => {
    expect(lastReturn(sampleResult({ status: 'returned' }), events)).toEqual({ comment: '报告日期晚于提交日期', at: '2026-11-05T00:00:00Z', actor: '海曙区 李' });
    expect(lastReturn(sampleResult({ status: 'submitted' }), events)).toBeNull();
    expect(lastReturn(sampleResult({ status: 'returned', return_reason: '服务器字段' }), [])).toMatchObject({ comment: '服务器字段' });
    expect(lastReturn(sampleResult({ status: 'returned' }), [])).toBeNull();
  });
});

describe('the editor state ↔ ResultInput', () => {
  it('copies the inputs of every plan row and the improvements', () => {
    const f = formFromResult(sampleResult());
    expect(f.indicators).toHaveLength(2);
    expect(f.indicators[0]).toMatchObject({ uid: 'i0', index: 0, enterprise_requirement: '≥0.75', file_hash: 'abc', report_date: '2026-10-01' });
    expect(f.indicators[1]).toMatchObject({ index: 1, enterprise_requirement: '', measured_value: '' });
    expect(f.indicators[0].verdict).toBeUndefined(); // computed fields are not part of the form
    expect(f.improvements).toHaveLength(1);
    expect(f.improvements[0].uid).toBeTruthy();
    expect(formFromResult(null)).toEqual({ enterprise_standard: '', conclusion: '', revised_standard: '', indicators: [], improvements: [] });
  });

  it('sends every row in order, trimmed, with the version; blank improvement rows are left out', () => {
    const f = formFromResult(sampleResult());
    f.indicators[1].measured_value = ' 58 ';
    f.improvements.unshift(emptyImprovement());
    f.improvements.push({ ...emptyImprovement('噪声'), action: ' 加隔音棉 ' });
    const { body, uids } = resultInput(f, 3);
    expect(Object.keys(body)).toEqual(['version', 'enterprise_standard', 'indicators', 'conclusion', 'improvements', 'revised_standard']);
    expect(body.version).toBe(3);
    expect(body.indicators).toHaveLength(2);
    expect(Object.keys(body.indicators[0])).toEqual(INDICATOR_INPUTS);
    expect(body.indicators[1].measured_value).toBe('58');
    expect(body.improvements).toEqual([
      { indicator: '能效', action: '改进电机', responsible: '张工', target_date: '2027-06-30' },
      { indicator: '噪声', action: '加隔音棉', responsible: '', target_date: '' },
    ]);
    expect(uids.improvements).toEqual([f.improvements[1].uid, f.improvements[2].uid]);
    expect(resultInput(f).body.version).toBeUndefined();
  });

  it('snapshots ignore whitespace-only edits and blank rows', () => {
    const f = formFromResult(sampleResult());
    const before = resultSnapshot(f);
    f.conclusion += '  ';
    f.improvements.push(emptyImprovement());
    expect(resultSnapshot(f)).toBe(before);
    f.indicators[0].lab = '另一家';
    expect(resultSnapshot(f)).not.toBe(before);
  });
});

describe('server field errors', () => {
  it('parses the keys', () => {
    expect(parseResultFieldKey('indicators[2].report_date')).toEqual({ table: 'indicators', index: 2, column: 'report_date' });
    expect(parseResultFieldKey('improvements[0]')).toEqual({ table: 'improvements', index: 0, column: null });
    expect(parseResultFieldKey('conclusion')).toEqual({ table: null, prop: 'conclusion' });
  });

  it('land on the right row and cell', () => {
    const f = formFromResult(sampleResult());
    f.improvements.unshift(emptyImprovement()); // blank, not sent: improvements[0] is the second row
    const { uids } = resultInput(f, 3);
    const mapped = resultFieldErrors(
      {
        'indicators[1].report_date': '请填写报告日期',
        'indicators[1].lab': '请填写检测机构',
        'indicators[0]': '行有误',
        'indicators[0].file_name': '文件名过长',
        'indicators[9].lab': '没有这一行',
        'improvements[0].action': '请填写提升措施',
        'improvements[5].action': '没有这一行',
        improvements: '每个差距指标都要有提升措施',
        conclusion: '最多 2000 字',
        version: '缺少版本',
      },
      uids,
      f.indicators.length,
    );
    expect(mapped.indicators[1]).toEqual({ report_date: '请填写报告日期', lab: '请填写检测机构' });
    expect(mapped.indicators[0]).toEqual({ enterprise_requirement: '行有误', file_hash: '文件名过长' });
    expect(mapped.improvements[f.improvements[1].uid]).toEqual({ action: '请填写提升措施' });
    expect(mapped.form.improvements).toBe('没有这一行；每个差距指标都要有提升措施');
    expect(mapped.form.conclusion).toBe('最多 2000 字');
    expect(mapped.other).toEqual({ 'indicators[9].lab': '没有这一行', version: '缺少版本' });
    expect(errorCount(mapped)).toBe(9);
    expect(errorCount(resultFieldErrors(null))).toBe(0);
  });

  it('name the cell in words', () => {
    setLocale('zh-CN');
    expect(resultFieldLabel('indicators[2].report_date', t, ['a', 'b', '能效'])).toBe('第 3 行（能效）“报告日期”');
    expect(resultFieldLabel('indicators[2]', t, [])).toBe('第 3 行');
    expect(resultFieldLabel('improvements[0].action', t)).toBe('提升措施第 1 行“提升措施”');
    expect(resultFieldLabel('conclusion', t)).toBe('对标结论说明');
    expect(resultFieldLabel('whatever', t)).toBe('whatever');
    setLocale('en');
    expect(resultFieldLabel('indicators[0].lab', t, ['Noise'])).toBe('Row 1 (Noise) "Laboratory"');
    setLocale('zh-CN');
  });

  it('lists gaps and the gaps still without an action', () => {
    const r = sampleResult({ gaps: [{ index: 0, name: '能效' }, { index: 1, name: '噪声' }, { index: 1, name: '噪声' }] });
    expect(gapNames(r)).toEqual(['能效', '噪声']);
    const f = formFromResult(r);
    expect(gapsWithoutAction(r, f)).toEqual(['噪声']);
    f.improvements[0].action = '';
    expect(gapsWithoutAction(r, f)).toEqual(['能效', '噪声']);
    expect(gapNames(null)).toEqual([]);
  });
});

describe('verdict cells', () => {
  const plan = sampleResult().indicators[0];

  it('ask the tools with the enterprise (or revised) requirement and the benchmark', () => {
    expect(effectiveRequirement({ enterprise_requirement: '≥0.75', revised_requirement: ' ≥0.85 ' })).toBe('≥0.85');
    expect(resultCompareQuery({ enterprise_requirement: ' ≥0.75 ' }, plan)).toEqual({ a: '≥0.75', b: '≥0.80', unit: '%' });
    expect(resultCompareQuery({ enterprise_requirement: '' }, plan)).toBeNull();
    expect(judgeQuery({ measured_value: '0.82' }, plan)).toEqual({ requirement: '≥0.80', value: '0.82' });
    expect(judgeQuery({ measured_value: ' ' }, plan)).toBeNull();
    expect(judgeKey({ requirement: 'a', value: 'b' })).toBe('a\u0000b');
    expect(judgeKey(null)).toBe('');
  });

  it('read the judge answer', () => {
    expect(judgeFromAnswer({ pass: true, decided: true, reason: 'ok', compared_value: '0.82' })).toEqual({ state: 'done', verdict: 'pass', reason: 'ok', compared: '0.82' });
    expect(judgeFromAnswer({ pass: false, decided: true }).verdict).toBe('fail');
    expect(judgeFromAnswer({ pass: false, decided: false }).verdict).toBe('undecided');
    expect(judgeFromAnswer(null, { status: 422, fields: { value: '缺少实测值' }, message: 'x' })).toEqual({ state: 'error', message: '缺少实测值' });
  });

  it('show the saved verdict while the row holds the saved text, the live one otherwise', () => {
    const row = { enterprise_requirement: '≥0.75', revised_requirement: '', measured_value: '0.82' };
    const live = { state: 'done', verdict: 'better', label: '优于' };
    expect(verdictCell('compare', plan, row, live)).toMatchObject({ source: 'server', state: 'done', verdict: 'worse', label: '低于' });
    expect(verdictCell('judge', plan, row, undefined)).toMatchObject({ source: 'server', verdict: 'pass' });
    expect(verdictCell('compare', plan, { ...row, enterprise_requirement: '≥0.85' }, live)).toMatchObject({ source: 'live', verdict: 'better' });
    expect(verdictCell('compare', plan, { ...row, revised_requirement: '≥0.85' }, { state: 'pending' })).toEqual({ source: 'live', state: 'pending' });
    expect(verdictCell('judge', plan, { ...row, measured_value: '0.7' }, undefined)).toEqual({ source: 'live', state: 'idle' });
    // a row the server has nothing for: empty inputs are idle
    const blank = sampleResult().indicators[1];
    expect(verdictCell('compare', blank, { enterprise_requirement: '', revised_requirement: '' }, undefined)).toEqual({ source: 'server', state: 'idle' });
  });
});

// Timers that run only when told to.
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
      for (const { fn } of items) fn();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}
const tick = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('autosave', () => {
  function setup(saveImpl) {
    const doc = { text: 'a' };
    const timers = fakeTimers();
    const saved = [];
    const failed = [];
    const save = vi.fn(saveImpl || (async (version) => ({ id: 1, version: version + 1 })));
    const auto = createAutosave({ snapshot: () => doc.text, save, timers, delay: 1000, onSaved: (r) => saved.push(r), onFailed: (e) => failed.push(e) });
    auto.start(3);
    return { doc, timers, save, auto, saved, failed };
  }

  it('waits for a pause, saves once with the current version and takes the new one', async () => {
    const { doc, timers, save, auto, saved } = setup();
    expect(auto.state.status).toBe('idle');
    auto.changed(); // nothing changed
    expect(timers.pending()).toBe(0);
    doc.text = 'ab';
    auto.changed();
    doc.text = 'abc';
    auto.changed();
    expect(auto.state.status).toBe('pending');
    expect(timers.pending()).toBe(1);
    expect(timers.set).toBeDefined();
    await timers.flush();
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(3);
    expect(auto.state).toMatchObject({ status: 'saved', version: 4 });
    expect(saved).toEqual([{ id: 1, version: 4 }]);
    expect(auto.dirty()).toBe(false);
    // typing back to the saved text cancels the pending save
    doc.text = 'abcd';
    auto.changed();
    doc.text = 'abc';
    auto.changed();
    expect(timers.pending()).toBe(0);
    expect(auto.state.status).toBe('saved');
  });

  it('keeps one save at a time and saves changes made meanwhile right after', async () => {
    let release;
    const { doc, timers, save, auto } = setup((version) => new Promise((r) => (release = () => r({ version: version + 1 }))));
    doc.text = 'b';
    auto.changed();
    await timers.flush();
    expect(auto.state.status).toBe('saving');
    doc.text = 'bc';
    auto.changed(); // while saving: no second request
    expect(save).toHaveBeenCalledTimes(1);
    release();
    await tick();
    expect(auto.state.version).toBe(4);
    expect(auto.state.status).toBe('pending'); // the later change is scheduled
    await timers.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith(4);
    release();
    await tick();
    expect(auto.state).toMatchObject({ status: 'saved', version: 5 });
  });

  it('stops on 409 until started again; 422 and network errors retry on the next change', async () => {
    let answer = { status: 422, fields: { 'indicators[0].report_date': '日期格式应为 YYYY-MM-DD' } };
    const { doc, timers, save, auto, failed } = setup(async (version) => {
      if (answer) throw answer;
      return { version: version + 1 };
    });
    doc.text = 'x';
    auto.changed();
    await timers.flush();
    expect(auto.state.status).toBe('invalid');
    expect(failed[0]).toBe(answer);
    answer = { status: 0 };
    doc.text = 'xy';
    auto.changed();
    await timers.flush();
    expect(auto.state.status).toBe('error');
    answer = { status: 409, message: '版本已过期' };
    doc.text = 'xyz';
    auto.changed();
    await timers.flush();
    expect(auto.state.status).toBe('conflict');
    doc.text = 'xyz!';
    auto.changed();
    expect(timers.pending()).toBe(0);
    expect(await auto.flush()).toBe(false);
    expect(save).toHaveBeenCalledTimes(3);
    // after a reload
    answer = null;
    auto.start(9, 'fresh');
    expect(auto.state.status).toBe('idle');
    doc.text = 'fresh!';
    auto.changed();
    await timers.flush();
    expect(save).toHaveBeenLastCalledWith(9);
    expect(auto.state).toMatchObject({ status: 'saved', version: 10 });
  });

  it('flush saves at once (before submitting) and reports whether everything is saved', async () => {
    const { doc, timers, save, auto } = setup();
    expect(await auto.flush()).toBe(true); // nothing to save
    expect(save).not.toHaveBeenCalled();
    doc.text = 'q';
    auto.changed();
    expect(timers.pending()).toBe(1);
    expect(await auto.flush()).toBe(true);
    expect(timers.pending()).toBe(0);
    expect(save).toHaveBeenCalledTimes(1);
    expect(auto.state.version).toBe(4);
    auto.stop();
    doc.text = 'qq';
    auto.changed();
    expect(timers.pending()).toBe(0);
    expect(await auto.flush()).toBe(false);
  });

  it('flush waits for a running save and then saves what came after it', async () => {
    let release;
    const { doc, timers, save, auto } = setup((version) => new Promise((r) => (release = () => r({ version: version + 1 }))));
    doc.text = 'b';
    auto.changed();
    await timers.flush();
    doc.text = 'bc';
    const done = auto.flush();
    release();
    await tick();
    expect(save).toHaveBeenCalledTimes(2);
    release();
    expect(await done).toBe(true);
    expect(auto.state.version).toBe(5);
    expect(auto.busy()).toBe(false);
  });
});

describe('lists', () => {
  it('turn filters into the query of GET /results', () => {
    expect(resultListParams({ status: 'submitted', stage: 'city', q: ' 宁波 ', plan_number: 'dbfa-2026-330000-0001', region_code: '330200', overdue: '1' }, { queue: true })).toEqual({
      status: 'submitted',
      stage: 'city',
      q: '宁波',
      plan_number: 'DBFA-2026-330000-0001',
      region_code: '330200',
      overdue: '1',
      queue: '1',
    });
    expect(resultListParams({ status: 'bogus', stage: 'moon', overdue: '' })).toEqual({});
    expect(resultListParams({ overdue: true })).toEqual({ overdue: '1' });
    expect(resultListParams(null)).toEqual({});
  });

  it('export with the same filters', () => {
    expect(EXPORTS.results.path).toBe('/results/export.xlsx');
    expect(exportUrl('results', { ...resultListParams({ q: '宁波', overdue: '1' }, { queue: true }), page: 2 })).toBe('/api/v1/results/export.xlsx?q=%E5%AE%81%E6%B3%A2&overdue=1&queue=1');
  });

  it('offer the statuses that make sense in each list', () => {
    expect(statusOptions('queue')).toEqual(['submitted', 'county_reviewed', 'city_recommended', 'province_recommended', 'accepted']);
    expect(statusOptions('regulator')).not.toContain('draft');
    expect(statusOptions('all')).toEqual(RESULT_STATUSES);
  });

  it('count waiting days', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(waitingDays('2026-11-12T11:00:00Z', now)).toBe(10);
    expect(waitingDays('', now)).toBe(0);
    expect(waitingDays('garbage', now)).toBe(0);
    expect(waitingDays('2026-12-01T00:00:00Z', now)).toBe(0);
  });
});

describe('bulk pass', () => {
  it('sends id and version of each selected row, at most 200', () => {
    const rows = Array.from({ length: 205 }, (_, i) => ({ id: i + 1, version: i + 10, enterprise_name: 'x' }));
    const body = bulkPassBody(rows, ' 同意 ');
    expect(body.action).toBe('pass');
    expect(body.comment).toBe('同意');
    expect(body.items).toHaveLength(BULK_MAX);
    expect(body.items[0]).toEqual({ id: 1, version: 10 });
  });

  it('reads the answer item by item', () => {
    const rows = [{ id: 1 }, { id: 2, enterprise_name: '甲' }];
    const out = bulkOutcome({ items: [{ id: 1, ok: true, status: 'county_reviewed' }, { id: 2, ok: false, error: { code: 'conflict', message: '版本已过期' } }] }, rows);
    expect(out.ok).toBe(1);
    expect(out.failed).toEqual([{ id: 2, row: rows[1], message: '版本已过期' }]);
    expect(bulkOutcome(null)).toEqual({ ok: 0, failed: [] });
  });
});

describe('small helpers', () => {
  it('new result body takes a plan id or a typed number', () => {
    expect(newResultBody({ productId: 3, planId: 9 })).toEqual({ product_id: 3, plan_id: 9 });
    expect(newResultBody({ productId: 3, planNumber: ' dbfa-2026-330000-0001 ' })).toEqual({ product_id: 3, plan_number: 'DBFA-2026-330000-0001' });
  });

  it('notifications lead to the enterprise editor or the review page', () => {
    expect(notificationRoute({ result_id: 5 }, 'enterprise')).toEqual({ name: 'my-result', params: { id: '5' } });
    expect(notificationRoute({ result_id: 5 }, 'city_regulator')).toEqual({ name: 'result', params: { id: '5' } });
    expect(notificationRoute({}, 'enterprise')).toBeNull();
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });

  it('checks an upload before sending it', () => {
    expect(uploadProblem({ name: 'r.pdf', type: 'application/pdf', size: 1000 })).toBeNull();
    expect(uploadProblem({ name: 'scan.JPG', type: '', size: 1000 })).toBeNull();
    expect(uploadProblem({ name: 'x.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10 })).toEqual(['results.fileType']);
    expect(uploadProblem({ name: 'big.pdf', type: 'application/pdf', size: FILE_MAX_BYTES + 1 })).toEqual(['results.fileTooLarge', { size: '10 MB', max: '10 MB' }]);
    expect(uploadProblem({ name: 'e.pdf', type: 'application/pdf', size: 0 })).toEqual(['results.fileEmpty']);
    expect(uploadProblem(null)).toEqual(['results.fileMissing']);
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(FILE_MAX_BYTES)).toBe('10 MB');
    expect(formatBytes(3.25 * 1024 * 1024)).toBe('3.3 MB');
  });

  it('reads verification codes, also from a pasted address', () => {
    expect(normalizeVerifyCode('  DBJG 2026 0001 ')).toBe('DBJG20260001');
    expect(normalizeVerifyCode('https://example.org/verify/AbC-12?x=1')).toBe('AbC-12');
    expect(normalizeVerifyCode('/verify/%E6%B5%8B')).toBe('测');
    expect(normalizeVerifyCode('')).toBe('');
    expect(verifyPath('a b')).toBe('/verify/a%20b');
    expect(verifyUrl('https://x.org/', 'K1')).toBe('https://x.org/verify/K1');
  });

  it('checks the review settings', () => {
    expect(reviewSettingsProblems({ review_top: 'national', review_days: 15 })).toEqual({});
    expect(reviewSettingsProblems({ review_top: 'city', review_days: 0 })).toEqual({
      review_top: ['reviewSettings.topRequired'],
      review_days: ['reviewSettings.daysRange', { min: 1, max: 365 }],
    });
    expect(reviewSettingsProblems({ review_top: 'province', review_days: 365.5 }).review_days).toBeTruthy();
  });

  it('lists the changes since the last return', () => {
    setLocale('zh-CN');
    const rows = changeRows(
      [
        { field: 'indicators[0].report_date', label: '', before: '2026-12-01', after: '2026-10-01' },
        { field: 'conclusion', label: '结论', before: '', after: '已达标' },
      ],
      t,
      ['能效'],
    );
    expect(rows[0]).toMatchObject({ label: '第 1 行（能效）“报告日期”', before: '2026-12-01', after: '2026-10-01' });
    expect(rows[1]).toMatchObject({ label: '结论', before: '—', after: '已达标' });
    expect(changeRows(null, t)).toEqual([]);
  });
});

describe('API calls', () => {
  afterEach(() => setFetch((...a) => fetch(...a)));

  it('uploads the raw file with the CSRF header and the name in the query', async () => {
    const calls = [];
    setFetch(async (url, init) => {
      calls.push({ url, init });
      return {
        status: 201,
        ok: true,
        headers: { get: (k) => (k.toLowerCase() === 'content-type' ? 'application/json' : null) },
        text: async () => JSON.stringify({ hash: 'h1', size: 4, content_type: 'application/pdf', name: '报告.pdf' }),
      };
    });
    setCsrfToken('tok');
    const file = new Blob(['%PDF'], { type: 'application/pdf' });
    const r = await filesApi.upload(file, '报告.pdf');
    expect(r.hash).toBe('h1');
    expect(calls[0].url).toBe('/api/v1/files?name=%E6%8A%A5%E5%91%8A.pdf');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.body).toBe(file);
    expect(calls[0].init.headers['X-CSRF-Token']).toBe('tok');
    expect(calls[0].init.headers['Content-Type']).toBe('application/pdf');
  });

  it('shows the server message of a refused upload', async () => {
    setFetch(async () => ({
      status: 413,
      ok: false,
      headers: { get: (k) => (k.toLowerCase() === 'content-type' ? 'application/json' : null) },
      text: async () => JSON.stringify({ error: { code: 'payload_too_large', message: '文件超过 10 MB 的上限' } }),
    }));
    await expect(filesApi.upload(new Blob(['x']), 'a.pdf')).rejects.toMatchObject({ status: 413, message: '文件超过 10 MB 的上限' });
  });

  it('sends the version with submit and review, and asks the judge tool', async () => {
    const calls = [];
    setFetch(async (url, init) => {
      calls.push({ url, init });
      return { status: 200, ok: true, headers: { get: () => 'application/json' }, text: async () => '{}' };
    });
    await resultsApi.submit(7, 4);
    await resultsApi.review(7, reviewBody('return', 5, '缺报告'));
    await resultsApi.bulkReview(bulkPassBody([{ id: 7, version: 6 }]));
    await toolsApi.judge({ requirement: '≤60', value: '58' });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/results/7/submit', '/api/v1/results/7/review', '/api/v1/results/review', '/api/v1/tools/judge?requirement=%E2%89%A460&value=58']);
    expect(JSON.parse(calls[0].init.body)).toEqual({ version: 4 });
    expect(JSON.parse(calls[1].init.body)).toEqual({ version: 5, action: 'return', comment: '缺报告' });
  });
});

describe('menus and routes', () => {
  const routeNames = [];
  const walk = (list) => list.forEach((r) => (r.name && routeNames.push(r.name), r.children && walk(r.children)));
  walk(routes);

  it('give enterprises 我的对标结果, reviewers 待我审核 and 对标结果, admins and the national office 审核设置', () => {
    expect(allowedRoutes('enterprise')).toContain('my-results');
    expect(MENUS.enterprise[2].name).toBe('products');
    for (const r of REVIEWER_ROLES) {
      expect(allowedRoutes(r), r).toContain('review-queue');
      expect(allowedRoutes(r), r).toContain('results');
      expect(homeRouteFor(r), r).toBe('workbench');
    }
    for (const r of ['admin', 'national_office']) expect(allowedRoutes(r), r).toContain('review-settings');
    for (const r of ROLES.filter((x) => !['admin', 'national_office'].includes(x))) expect(allowedRoutes(r), r).not.toContain('review-settings');
    for (const r of ROLES.filter((x) => x !== 'enterprise')) expect(allowedRoutes(r), r).not.toContain('my-results');
    expect(zh.menu.myResults).toBe('我的对标结果');
    expect(zh.menu.reviewQueue).toBe('待我审核');
    expect(zh.menu.results).toBe('对标结果');
    expect(zh.menu.reviewSettings).toBe('审核设置');
  });

  it('have the pages, the public list and /verify/:code', () => {
    for (const n of ['my-results', 'my-result', 'review-queue', 'results', 'result', 'review-settings', 'public-results', 'verify']) expect(routeNames).toContain(n);
    const verify = routes.find((r) => r.name === 'verify');
    expect(verify.path).toBe('/verify/:code');
    expect(verify.meta.public).toBe(true);
    const app = routes.find((r) => r.path === '/app');
    const result = app.children.find((r) => r.name === 'result');
    expect(result.meta.menuActive({ query: { from: 'queue' } })).toBe('review-queue');
    expect(result.meta.menuActive({ query: {} })).toBe('results');
    expect(app.children.find((r) => r.name === 'my-result').meta.roles).toEqual(['enterprise']);
  });
});
