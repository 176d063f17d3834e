import { describe, it, expect, afterEach } from 'vitest';
import zh from '../src/i18n/zh.js';
import en from '../src/i18n/en.js';
import { flatKeys } from '../src/i18n/index.js';
import { setFetch } from '../src/api/http.js';
import { reportExportUrl, reportDeskExportUrl, fetchReportExport, fetchReportDeskExport } from '../src/api/export.js';
import { ikey } from '../src/utils/i18nKeys.js';
import {
  REPORT_ROLES,
  NARRATIVE_KEYS,
  REPORT_STATUSES,
  FIGURE_COLUMNS,
  canSeeReports,
  reportStatusKey,
  reportStatusTagType,
  narrativeRows,
  figureRows,
  formatShare,
  formatCount,
  formFromReport,
  reportInput,
  savedVersion,
  isSaved,
  reportSnapshot,
  reportFormProblems,
  reportFieldErrors,
  hasReportErrors,
  periodOptions,
  isPeriodKey,
  dueState,
  daysUntil,
  todayInChina,
  childFiguresShown,
  childRows,
  canOpenChild,
  aggregateCells,
  narrativeMatrix,
  overdueChildren,
} from '../src/utils/reports.js';

// The desk as the server sends it (GET /campaigns/{id}/reports), trimmed.
const ROWS = NARRATIVE_KEYS.map((key, i) => ({ key, label: `栏${i}`, hint: key === 'voice' ? '包括主导制定国际标准' : '' }));
const figures = (o = {}) => ({ enterprises: 2, scale_enterprises: 40, enterprise_share: 5, plans: 1, products: 4, products_with_plan: 3, plan_share: 75, results: 1, result_share: 25, ...o });
const report = (o = {}) => ({
  id: 7, region_code: '330203', region_name: '海曙区', level: 'county', period: '2026-H1', period_label: '2026年上半年', status: 'draft', status_label: '草稿',
  due_date: '2026-07-05', overdue: false, due_soon: false, industries_text: '智能家电', scale_enterprises: 40, narratives: { policies: '出台专项政策' },
  figures: figures(), frozen: false, return_reason: '', submitted_at: '', version: 3, can_edit: true, can_return: false, ...o,
});

describe('who sees the 附件3 tab', () => {
  it('is for regulators of every level and the national office', () => {
    expect(REPORT_ROLES).toEqual(['county_regulator', 'city_regulator', 'province_regulator', 'national_office']);
    for (const r of REPORT_ROLES) expect(canSeeReports(r)).toBe(true);
    for (const r of ['enterprise', 'technical_body', 'expert', 'admin', null, undefined]) expect(canSeeReports(r)).toBe(false);
  });
});

describe('the form', () => {
  it('has the ten narrative rows of 附件3 in its order, named in both dictionaries', () => {
    expect(NARRATIVE_KEYS).toHaveLength(10);
    expect(NARRATIVE_KEYS[0]).toBe('party_government');
    expect(NARRATIVE_KEYS[9]).toBe('leaders');
    expect(zh.reports.narrative.party_government).toBe('纳入当地党委、政府工作情况');
    expect(zh.reports.narrative.leaders).toBe('树立企业标准“领跑者”情况');
    const zhKeys = flatKeys(zh);
    const enKeys = flatKeys(en);
    for (const k of NARRATIVE_KEYS) {
      expect(zhKeys).toContain(ikey('reports.narrative', k));
      expect(enKeys).toContain(ikey('reports.narrative', k));
    }
    for (const k of FIGURE_COLUMNS) expect(zhKeys).toContain(ikey('reports.col', k));
    for (const s of REPORT_STATUSES) expect(zhKeys).toContain(reportStatusKey(s));
  });

  it('takes the rows the server sends, or the keys alone', () => {
    expect(narrativeRows({ narrative_rows: ROWS })[6]).toEqual({ key: 'voice', label: '栏6', hint: '包括主导制定国际标准' });
    expect(narrativeRows(null).map((r) => r.key)).toEqual(NARRATIVE_KEYS);
    expect(narrativeRows({ narrative_rows: [] })).toHaveLength(10);
  });

  it('names statuses and their tags', () => {
    expect(reportStatusKey('submitted')).toBe('reportStatus.submitted');
    expect(reportStatusKey('nope')).toBe(null);
    expect(reportStatusTagType('returned')).toBe('danger');
    expect(reportStatusTagType('submitted')).toBe('success');
    expect(reportStatusTagType('whatever')).toBe('info');
  });

  it('lays out the computed rows with their shares, empty without figures', () => {
    expect(figureRows(figures())).toEqual([
      { key: 'enterprises', shareKey: 'enterprise_share', value: 2, share: 5 },
      { key: 'plans', shareKey: 'plan_share', value: 1, share: 75 },
      { key: 'results', shareKey: 'result_share', value: 1, share: 25 },
    ]);
    expect(figureRows(null).map((r) => [r.value, r.share])).toEqual([[null, null], [null, null], [null, null]]);
    expect(formatShare(2.5)).toBe('2.5');
    expect(formatShare(5)).toBe('5.0');
    expect(formatShare(33.33)).toBe('33.3');
    expect(formatShare(null)).toBe('—');
    expect(formatShare('x')).toBe('—');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(null)).toBe('—');
  });

  it('fills the editor from a report, every row present, 0 规上 as empty', () => {
    const f = formFromReport(report(), ROWS);
    expect(f.industries_text).toBe('智能家电');
    expect(f.scale_enterprises).toBe(40);
    expect(Object.keys(f.narratives)).toEqual(NARRATIVE_KEYS);
    expect(f.narratives.policies).toBe('出台专项政策');
    expect(f.narratives.finance).toBe('');
    expect(formFromReport(report({ scale_enterprises: 0 }), ROWS).scale_enterprises).toBe(null);
    expect(formFromReport(null, ROWS)).toEqual({ industries_text: '', scale_enterprises: null, narratives: Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, ''])) });
  });

  it('builds the PUT body with version 0 for a report never saved', () => {
    const f = formFromReport(report(), ROWS);
    const b = reportInput(f, report());
    expect(b.version).toBe(3);
    expect(b.scale_enterprises).toBe(40);
    expect(b.narratives.policies).toBe('出台专项政策');
    expect(Object.keys(b)).toEqual(['industries_text', 'scale_enterprises', 'narratives', 'version']);
    expect(reportInput(f, report({ id: 0, version: 1 })).version).toBe(0);
    expect(reportInput({ ...f, scale_enterprises: null }, null).scale_enterprises).toBe(0);
    expect(reportInput({ ...f, scale_enterprises: '12' }, null).scale_enterprises).toBe(12);
    expect(savedVersion(null)).toBe(0);
    expect(isSaved(report())).toBe(true);
    expect(isSaved(report({ id: 0 }))).toBe(false);
  });

  it('notices changes (surrounding spaces do not count)', () => {
    const f = formFromReport(report(), ROWS);
    const s = reportSnapshot(f);
    expect(reportSnapshot({ ...f, narratives: { ...f.narratives } })).toBe(s);
    expect(reportSnapshot({ ...f, industries_text: ' 智能家电 ' })).toBe(s);
    expect(reportSnapshot({ ...f, narratives: { ...f.narratives, finance: '100万元' } })).not.toBe(s);
    expect(reportSnapshot({ ...f, scale_enterprises: 41 })).not.toBe(s);
  });

  it('checks lengths and the count before sending, with the server\'s keys', () => {
    const f = formFromReport(report(), ROWS);
    expect(reportFormProblems(f)).toEqual({});
    expect(reportFormProblems({ ...f, scale_enterprises: -1 })).toEqual({ scale_enterprises: 'scale' });
    expect(reportFormProblems({ ...f, scale_enterprises: 1.5 })).toEqual({ scale_enterprises: 'scale' });
    expect(reportFormProblems({ ...f, industries_text: 'x'.repeat(501) })).toEqual({ industries_text: 'tooLong' });
    expect(reportFormProblems({ ...f, narratives: { ...f.narratives, voice: 'x'.repeat(5001) } })).toEqual({ 'narratives.voice': 'tooLong' });
  });

  it('puts the server\'s field errors beside their fields', () => {
    const e = reportFieldErrors(
      {
        'narratives.policies': '请填写“当地党委、政府出台相关政策措施情况”（没有可填“无”）',
        scale_enterprises: '请填写对标产业规上企业总数',
        'narratives.nope': '附件3中没有这一栏',
        version: '类型错误',
      },
      ROWS,
    );
    expect(e.narratives).toEqual({ policies: '请填写“当地党委、政府出台相关政策措施情况”（没有可填“无”）' });
    expect(e.scale_enterprises).toBe('请填写对标产业规上企业总数');
    expect(e.industries_text).toBe('');
    expect(e.other).toEqual({ 'narratives.nope': '附件3中没有这一栏', version: '类型错误' });
    expect(hasReportErrors(e)).toBe(true);
    expect(hasReportErrors(reportFieldErrors(null))).toBe(false);
    expect(reportFieldErrors({ industries_text: ['a', 'b'] }).industries_text).toBe('a；b');
  });
});

describe('periods and due dates', () => {
  it('offers the desk\'s periods and its own period when the campaign does not span it', () => {
    const periods = [{ key: '2026-H1', label: '2026年上半年' }, { key: '2026-H2', label: '2026年全年' }];
    expect(periodOptions({ period: '2026-H1', periods })).toEqual(periods);
    expect(periodOptions({ period: '2025-H2', period_label: '2025年全年', periods }).map((p) => p.key)).toEqual(['2025-H2', '2026-H1', '2026-H2']);
    expect(periodOptions(null)).toEqual([]);
    expect(isPeriodKey('2026-H2')).toBe(true);
    expect(isPeriodKey('2026-H3')).toBe(false);
  });

  it('marks overdue and due soon, never for a submitted report', () => {
    expect(dueState(report({ overdue: true }))).toBe('overdue');
    expect(dueState(report({ due_soon: true }))).toBe('due_soon');
    expect(dueState(report({ status: 'submitted', overdue: true }))).toBe(null);
    expect(dueState(report())).toBe(null);
    expect(dueState(null)).toBe(null);
  });

  it('counts days to the due date across the year boundary', () => {
    expect(daysUntil('2027-01-05', '2026-12-29')).toBe(7);
    expect(daysUntil('2026-07-05', '2026-07-05')).toBe(0);
    expect(daysUntil('2026-07-05', '2026-07-06')).toBe(-1);
    expect(daysUntil('', '2026-07-06')).toBe(null);
    // 16:30 UTC on Dec 31 is already Jan 1 in China
    expect(todayInChina(Date.parse('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(todayInChina(Date.parse('2026-12-31T15:30:00Z'))).toBe('2026-12-31');
  });
});

describe('the upper office\'s view', () => {
  const children = [
    report({ id: 11, region_code: '330205', region_name: '江北区', status: 'submitted', frozen: true, narratives: { policies: '江北：政策', voice: '江北：话语权' }, figures: figures({ enterprises: 1 }), can_return: true }),
    report({ id: 12, region_code: '330203', region_name: '海曙区', status: 'draft', narratives: {}, figures: null, industries_text: '' }),
    report({ id: 0, region_code: '330206', region_name: '北仑区', status: 'missing', narratives: {}, figures: null, overdue: true }),
    report({ id: 13, region_code: '330211', region_name: '镇海区', status: 'returned', narratives: { policies: '镇海：政策' }, figures: figures({ enterprises: 0 }), overdue: true }),
  ];

  it('shows figures of submitted children only', () => {
    const rows = childRows(children);
    expect(rows.map((r) => !!r.shown)).toEqual([true, false, false, false]);
    expect(rows[0].shown.enterprises).toBe(1);
    expect(childFiguresShown(children[3])).toBe(false);
    expect(childRows(null)).toEqual([]);
  });

  it('opens submitted and returned reports, not drafts or missing ones', () => {
    expect(children.map(canOpenChild)).toEqual([true, false, false, true]);
  });

  it('counts the late children', () => {
    expect(overdueChildren(children)).toBe(2);
    expect(overdueChildren([report({ status: 'submitted', overdue: true })])).toBe(0);
  });

  it('writes the aggregate row under the figure columns', () => {
    const agg = figures({ enterprises: 3, scale_enterprises: 90, enterprise_share: 3.3 });
    const cells = aggregateCells(agg, { columns: 13, firstFigure: 5, label: '合计' });
    expect(cells).toHaveLength(13);
    expect(cells[0]).toBe('合计');
    expect(cells.slice(1, 5)).toEqual(['', '', '', '']);
    expect(cells.slice(5, 12)).toEqual(['3', '90', '3.3', '1', '75.0', '1', '25.0']);
    expect(cells[12]).toBe('');
    expect(aggregateCells(null, { columns: 8, firstFigure: 5, label: 'x' }).slice(5)).toEqual(['—', '—', '—']);
  });

  it('puts the narratives side by side, one column per child that has them', () => {
    const m = narrativeMatrix(children, ROWS);
    expect(m.columns).toEqual([
      { code: '330205', name: '江北区', status: 'submitted' },
      { code: '330211', name: '镇海区', status: 'returned' },
    ]);
    expect(m.rows).toHaveLength(10);
    const policies = m.rows.find((r) => r.key === 'policies');
    expect(policies.texts).toEqual({ 330205: '江北：政策', 330211: '镇海：政策' });
    expect(m.rows.find((r) => r.key === 'finance').texts['330205']).toBe('');
    expect(narrativeMatrix([], ROWS).columns).toEqual([]);
  });
});

describe('report exports', () => {
  afterEach(() => setFetch((...a) => fetch(...a)));

  it('builds the urls of the form and of the summary', () => {
    expect(reportExportUrl(7, 'xlsx')).toBe('/api/v1/reports/7/export.xlsx');
    expect(reportExportUrl(7, 'docx')).toBe('/api/v1/reports/7/export.docx');
    expect(() => reportExportUrl(7, 'pdf')).toThrow();
    expect(reportDeskExportUrl(3, '2026-H1')).toBe('/api/v1/campaigns/3/reports/export.xlsx?period=2026-H1');
    expect(reportDeskExportUrl(3, '')).toBe('/api/v1/campaigns/3/reports/export.xlsx');
  });

  it('names the files when the server gives no name', async () => {
    setFetch(async () => new Response(new Blob(['x']), { status: 200, headers: { 'content-type': 'application/octet-stream' } }));
    expect((await fetchReportExport(7, 'docx')).filename).toBe('report-7.docx');
    expect((await fetchReportDeskExport(3, '2026-H2')).filename).toBe('campaign-3-reports-2026-H2.xlsx');
    setFetch(async () => new Response(new Blob(['x']), { status: 200, headers: { 'content-disposition': 'attachment; filename="report-330203-2026-H1.xlsx"' } }));
    expect((await fetchReportExport(7, 'xlsx')).filename).toBe('report-330203-2026-H1.xlsx');
  });
});
