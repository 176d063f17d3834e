import { describe, it, expect, afterEach } from 'vitest';
import zh from '../src/i18n/zh.js';
import { flatKeys } from '../src/i18n/index.js';
import { toApiError, setFetch } from '../src/api/http.js';
import { campaignExportUrl, fetchCampaignExport, CAMPAIGN_EXPORTS } from '../src/api/export.js';
import { allowedRoutes, homeRouteFor, ROLES } from '../src/utils/roles.js';
import { ikey } from '../src/utils/i18nKeys.js';
import {
  CAMPAIGN_LEVELS,
  PHASE_KEYS,
  TARGET_METRICS,
  SUPPORT_STATUSES,
  IMPORT_MODES,
  LIST_COLUMNS,
  canCreateCampaign,
  canSeeCampaignData,
  creatorLevel,
  higherLevel,
  regionContains,
  scopeRoot,
  childrenParent,
  defaultPhaseDate,
  defaultPhases,
  emptyCampaignForm,
  formFromCampaign,
  campaignInput,
  campaignSnapshot,
  campaignFormProblems,
  hasCampaignProblems,
  parseCampaignFieldKey,
  campaignFieldErrors,
  quotaTotal,
  mergeChildRegions,
  emptyRegionRow,
  emptyTargetRow,
  emptyBatchRow,
  campaignListParams,
  memberListParams,
  resultDrillParams,
  membersBody,
  importContentType,
  isImportFile,
  importReport,
  supportActions,
  industryOptionGroups,
  industryNames,
  isManualMetric,
} from '../src/utils/campaigns.js';
import {
  percent,
  sharePercent,
  formatPercent,
  progressValue,
  drillFor,
  statCards,
  STAT_CARDS,
  STATS_TABLES,
  STATS_EXPORT_TABLES,
  tableRows,
  cellValue,
  cellText,
  rankedRegions,
  targetProgress,
  statusChart,
  rollupChart,
  regionChart,
  industryChart,
  batchChart,
  monthChart,
  quotaChart,
  plansChart,
} from '../src/utils/campaignStats.js';

const zhKeys = flatKeys(zh);

// a Stats answer in the contract's shape (shares as the server writes them: percentages)
const STATS = {
  campaign_id: 7,
  scope: { region_code: '330200', region_name: '宁波市', level: 'city' },
  generated_at: '2026-11-22T06:00:00Z',
  totals: { enterprises: 2, products: 3, plans: 1, results: 2, submitted: 1, published: 0, compliant: 1, quota: 18, quota_share: 11.1 },
  results_by_status: [
    { status: 'draft', label: '草稿', count: 0 },
    { status: 'submitted', label: '已提交（待县级审核）', count: 1 },
    { status: 'published', label: '已发布', count: 0 },
  ],
  results_by_rollup: [
    { rollup: 'all_better', label: '全部优于', count: 1 },
    { rollup: 'not_met', label: '未达到', count: 0 },
  ],
  plans_by_status: [{ status: 'published', label: '已发布', count: 1 }],
  regions: [
    { region_code: '330205', region_name: '江北区', enterprises: 1, quota: 8, quota_share: 12.5, results: 0, submitted: 0, published: 0, compliant: 0, rank: 2 },
    { region_code: '330203', region_name: '海曙区', enterprises: 1, quota: 10, quota_share: 10, results: 1, submitted: 1, published: 0, compliant: 1, rank: 1 },
    { region_code: '330206', region_name: '北仑区', enterprises: 0, quota: 0, quota_share: 0, results: 0, submitted: 0, published: 0, compliant: 0, rank: 0 },
  ],
  ranking_definition: '按已发布结果数排名',
  industries: [{ code: '38', name: '电气机械和器材制造业', enterprises: 2, results: 1, published: 0 }],
  batches: [{ batch: 1, name: '第一批', enterprises: 2, results: 1, published: 0 }],
  months: [
    { month: '2026-11', members_added: 2, submitted: 1, published: 0 },
    { month: '2026-10', members_added: 0, submitted: 0, published: 0 },
  ],
  quotas: [
    { region_code: '330203', region_name: '海曙区', quota: 10, enterprises: 1, share: 10 },
    { region_code: '330205', region_name: '江北区', quota: 8, enterprises: 1, share: 12.5 },
  ],
  targets: [
    { metric: 'enterprises', label: '参与企业数', value: 450, actual: 2, share: 0.4, due_date: '2027-10-01', overdue: false, computed: true },
    { metric: 'manual', label: '浙江制造标准', value: 150, actual: 12, share: 8, due_date: '', overdue: true, computed: false },
  ],
  phases: [{ key: 'select', name: '确定对标企业', due_date: '2026-11-01', regions_total: 3, regions_reached: 0, overdue: true, overdue_regions: [{ region_code: '330203', region_name: '海曙区' }] }],
  conversion: { numerator: 9, denominator: 10, rate: 90, definition: '…' },
  consistency: { numerator: 0, denominator: 0, rate: 0, definition: '…' },
};

describe('campaign roles, levels and regions', () => {
  it('lets the three running offices create campaigns at their level', () => {
    expect(canCreateCampaign('national_office')).toBe(true);
    expect(canCreateCampaign('province_regulator')).toBe(true);
    expect(canCreateCampaign('city_regulator')).toBe(true);
    for (const r of ['county_regulator', 'enterprise', 'technical_body', 'expert', 'admin']) expect(canCreateCampaign(r), r).toBe(false);
    expect(creatorLevel('city_regulator')).toBe('city');
    expect(creatorLevel('national_office')).toBe('national');
    expect(creatorLevel('admin')).toBe(null);
    expect(canSeeCampaignData('county_regulator')).toBe(true);
    expect(canSeeCampaignData('technical_body')).toBe(false);
    expect(canSeeCampaignData('enterprise')).toBe(false);
  });

  it('offers the campaigns menu to every role and the support queue to technical bodies', () => {
    for (const r of ROLES) expect(allowedRoutes(r), r).toContain('campaigns');
    expect(allowedRoutes('technical_body')).toContain('support-requests');
    expect(allowedRoutes('enterprise')).not.toContain('support-requests');
    // home pages stay where they were
    expect(homeRouteFor('enterprise')).toBe('workbench');
    expect(homeRouteFor('city_regulator')).toBe('workbench');
    expect(homeRouteFor('technical_body')).toBe('workbench');
  });

  it('orders the levels for parent campaigns', () => {
    expect(higherLevel('national', 'city')).toBe(true);
    expect(higherLevel('province', 'city')).toBe(true);
    expect(higherLevel('city', 'city')).toBe(false);
    expect(higherLevel('city', 'province')).toBe(false);
    expect(higherLevel('town', 'city')).toBe(false);
    expect(CAMPAIGN_LEVELS).toEqual(['national', 'province', 'city']);
  });

  it('tells which region contains which, zones included', () => {
    expect(regionContains('000000', '330203')).toBe(true);
    expect(regionContains('330000', '330203')).toBe(true);
    expect(regionContains('330200', '330203')).toBe(true);
    expect(regionContains('330200', '330200Z01')).toBe(true);
    expect(regionContains('330200', '330100')).toBe(false);
    expect(regionContains('330203', '330200')).toBe(false);
    expect(regionContains('330203', '330203')).toBe(true);
    expect(regionContains('460000', '469001')).toBe(true);
    expect(regionContains('', '330203')).toBe(false);
    expect(regionContains('330203', '000000')).toBe(false);
  });

  it('narrows a dashboard to the deeper of the caller and the campaign', () => {
    const ningbo = { region_code: '330200', region_name: '宁波市' };
    expect(scopeRoot({ role: 'city_regulator', region_code: '330200', region_name: '宁波市' }, ningbo)).toEqual({ code: '330200', name: '宁波市', level: 'city' });
    expect(scopeRoot({ role: 'county_regulator', region_code: '330203', region_name: '海曙区' }, ningbo)).toEqual({ code: '330203', name: '海曙区', level: 'county' });
    expect(scopeRoot({ role: 'province_regulator', region_code: '330000', region_name: '浙江省' }, ningbo)).toEqual({ code: '330200', name: '宁波市', level: 'city' });
    expect(scopeRoot({ role: 'national_office' }, ningbo)).toEqual({ code: '330200', name: '宁波市', level: 'city' });
    expect(scopeRoot({ role: 'national_office' }, { region_code: '000000' })).toBe(null);
    expect(scopeRoot({ role: 'city_regulator', region_code: '330200', region_name: '宁波市' }, { region_code: '000000' })).toEqual({ code: '330200', name: '宁波市', level: 'city' });
    expect(scopeRoot({ role: 'county_regulator', region_code: '330200Z01', region_name: '高新区' }, ningbo).level).toBe('zone');
    expect(childrenParent('000000')).toBe('');
    expect(childrenParent('330200')).toBe('330200');
  });
});

describe('the campaign editor', () => {
  it('prefills the four phases with the seed deadlines of the year', () => {
    expect(PHASE_KEYS).toEqual(['select', 'plans', 'results', 'summary']);
    expect(defaultPhaseDate('select', 2026)).toBe('2026-04-30');
    expect(defaultPhaseDate('summary', 2026)).toBe('2026-12-31');
    expect(defaultPhaseDate('x', 2026)).toBe('');
    expect(defaultPhaseDate('select', 'abc')).toBe('');
    const phases = defaultPhases(2020, (k) => 'P-' + k);
    expect(phases.map((p) => [p.key, p.name, p.due_date])).toEqual([
      ['select', 'P-select', '2020-04-30'],
      ['plans', 'P-plans', '2020-06-30'],
      ['results', 'P-results', '2020-10-31'],
      ['summary', 'P-summary', '2020-12-31'],
    ]);
    const f = emptyCampaignForm({ level: 'city', year: 2026 });
    expect(f.start_date).toBe('2026-01-01');
    expect(f.end_date).toBe('2026-12-31');
    expect(f.targets).toEqual([]);
  });

  it('builds CampaignInput, leaving out blank rows and remembering which row went where', () => {
    const f = emptyCampaignForm({ level: 'city', year: 2026, nameOf: (k) => k });
    f.name = '  宁波市2026年专项行动 ';
    f.industries = ['38', 'NB02', '38', ''];
    f.targets = [emptyTargetRow(), { ...emptyTargetRow('enterprises'), value: 450, due_date: '2026-12-31' }, { ...emptyTargetRow('manual'), label: '浙江制造', value: 150, manual_actual: 12 }, { ...emptyTargetRow('products'), value: 10, manual_actual: 3 }];
    f.regions = [emptyRegionRow('330203', '海曙区', 10), emptyRegionRow(), emptyRegionRow('330205', '江北区', null), emptyRegionRow('330206', '北仑区', 0)];
    f.batches = [emptyBatchRow(1)]; // a city campaign sends no batches
    f.phases[3].due_date = '';
    f.phases[3].name = '';
    const { body, uids } = campaignInput(f);
    expect(body.name).toBe('宁波市2026年专项行动');
    expect(body.year).toBe(2026);
    expect(body.parent_id).toBe(0);
    expect(body.industries).toEqual(['38', 'NB02']);
    expect(body.phases.map((p) => p.key)).toEqual(['select', 'plans', 'results']);
    expect(body.targets).toEqual([
      { metric: 'enterprises', value: 450, due_date: '2026-12-31' },
      { metric: 'manual', value: 150, label: '浙江制造', manual_actual: 12 },
      { metric: 'products', value: 10 },
    ]);
    expect(body.regions).toEqual([{ region_code: '330203', quota: 10 }, { region_code: '330205' }, { region_code: '330206', quota: 0 }]);
    expect(body.batches).toEqual([]);
    expect(uids.regions).toEqual([f.regions[0].uid, f.regions[2].uid, f.regions[3].uid]);
    expect(uids.targets).toEqual([f.targets[1].uid, f.targets[2].uid, f.targets[3].uid]);
    expect(quotaTotal(f.regions)).toBe(10);
  });

  it('sends the batches of a national campaign with their city codes', () => {
    const f = emptyCampaignForm({ level: 'national', year: 2018 });
    f.name = '全国';
    f.batches = [{ ...emptyBatchRow(1), name: '第一批', start_date: '2018-01-01', regions: [{ code: '330200', name: '宁波市' }, '330100'] }, emptyBatchRow(2)];
    const { body, uids } = campaignInput(f);
    expect(body.batches).toEqual([{ batch: 1, name: '第一批', start_date: '2018-01-01', regions: ['330200', '330100'] }]);
    expect(uids.batches).toEqual([f.batches[0].uid]);
  });

  it('reads a saved campaign back into the editor (and out again unchanged)', () => {
    const saved = {
      id: 3,
      level: 'city',
      name: '宁波',
      year: 2026,
      parent_id: 9,
      batch: 1,
      description: '',
      start_date: '2026-01-01',
      end_date: '2026-12-31',
      review_top: 'province',
      industries: [{ code: '38', name: '电气机械', kind: 'division' }, { code: 'NB02', name: '智能家电', kind: 'cluster' }],
      phases: [{ key: 'plans', name: '方案', due_date: '2026-06-30', overdue: false }],
      targets: [{ metric: 'enterprises', label: '', value: 450, due_date: '', manual_actual: null }],
      regions: [{ region_code: '330203', region_name: '海曙区', quota: 10 }],
      batches: [],
      version: 4,
    };
    const f = formFromCampaign(saved, { nameOf: (k) => 'N-' + k });
    expect(f.industries).toEqual(['38', 'NB02']);
    expect(f.phases.map((p) => [p.key, p.name, p.due_date])).toEqual([
      ['select', 'N-select', ''],
      ['plans', '方案', '2026-06-30'],
      ['results', 'N-results', ''],
      ['summary', 'N-summary', ''],
    ]);
    expect(f.regions[0]).toMatchObject({ region_code: '330203', region_name: '海曙区', quota: 10 });
    const { body } = campaignInput(f);
    expect(body.parent_id).toBe(9);
    expect(body.review_top).toBe('province');
    expect(body.regions).toEqual([{ region_code: '330203', quota: 10 }]);
    // phases without a deadline are not sent (their names are only the prefill)
    expect(body.phases).toEqual([{ key: 'plans', name: '方案', due_date: '2026-06-30' }]);
    expect(hasCampaignProblems(campaignFormProblems({ ...f, name: '宁波' }))).toBe(false);
    expect(campaignSnapshot(f)).toBe(campaignSnapshot(formFromCampaign(saved, { nameOf: (k) => 'N-' + k })));
  });

  it('checks the form before sending', () => {
    const f = emptyCampaignForm({ level: 'national', year: 2026, nameOf: (k) => k });
    f.name = '';
    f.year = 2017;
    f.end_date = '2025-12-31';
    f.phases[0].due_date = '2026-02-30x';
    f.targets = [{ ...emptyTargetRow('manual'), value: 0 }, { ...emptyTargetRow('compliant_rate'), value: 120 }, { ...emptyTargetRow('leaders'), value: 5, manual_actual: -1 }];
    f.regions = [emptyRegionRow('330203', '', 1.5), emptyRegionRow('330203', '', 2)];
    f.batches = [{ ...emptyBatchRow(0), name: '', regions: ['330200'] }, { ...emptyBatchRow(2), name: 'b' }, { ...emptyBatchRow(2), name: 'c' }];
    const p = campaignFormProblems(f);
    expect(hasCampaignProblems(p)).toBe(true);
    expect(p.form.name[0]).toBe('campaigns.v.nameRequired');
    expect(p.form.year[0]).toBe('campaigns.v.year');
    expect(p.form.end_date[0]).toBe('campaigns.v.endBeforeStart');
    expect(p.phases[f.phases[0].uid].due_date[0]).toBe('campaigns.v.date');
    expect(p.targets[f.targets[0].uid]).toMatchObject({ value: ['campaigns.v.valuePositive'], label: ['campaigns.v.labelRequired'] });
    expect(p.targets[f.targets[1].uid].value[0]).toBe('campaigns.v.percentMax');
    expect(p.targets[f.targets[2].uid].manual_actual[0]).toBe('campaigns.v.notNegative');
    expect(p.regions[f.regions[0].uid].quota[0]).toBe('campaigns.v.quota');
    expect(p.regions[f.regions[1].uid].region_code[0]).toBe('campaigns.v.duplicateRegion');
    expect(p.batches[f.batches[0].uid]).toMatchObject({ batch: ['campaigns.v.batchNumber', { max: 9 }], name: ['campaigns.v.batchNameRequired'] });
    expect(p.batches[f.batches[2].uid].batch[0]).toBe('campaigns.v.duplicateBatch');
    // every message key exists
    const keys = [];
    for (const v of Object.values(p.form)) keys.push(v[0]);
    for (const table of ['phases', 'targets', 'regions', 'batches']) for (const cols of Object.values(p[table])) for (const v of Object.values(cols)) keys.push(v[0]);
    for (const k of keys) expect(zhKeys, k).toContain(k);

    const ok = emptyCampaignForm({ level: 'city', year: 2026, nameOf: (k) => k });
    ok.name = '宁波';
    expect(hasCampaignProblems(campaignFormProblems(ok))).toBe(false);
  });

  it('puts the server’s field errors beside the row they were sent for', () => {
    expect(parseCampaignFieldKey('regions[2].quota')).toEqual({ table: 'regions', index: 2, column: 'quota' });
    expect(parseCampaignFieldKey('batches[0].regions[3]')).toEqual({ table: 'batches', index: 0, column: 'regions' });
    expect(parseCampaignFieldKey('targets[1]')).toEqual({ table: 'targets', index: 1, column: null });
    expect(parseCampaignFieldKey('industries[1]')).toEqual({ table: null, prop: 'industries' });
    expect(parseCampaignFieldKey('name')).toEqual({ table: null, prop: 'name' });
    const uids = { regions: ['a', 'b', 'c'], targets: ['t0'], phases: ['p0'], batches: [] };
    const m = campaignFieldErrors(
      {
        'regions[2].quota': '名额不能为负数',
        'regions[1].region_code': '不在本市',
        'targets[0].metric': '未知指标',
        'targets[0]': '重复',
        'phases[0].due_date': '日期无效',
        'industries[1]': '未知行业',
        name: '必填',
        'regions[7].quota': '越界',
        version: '缺少版本',
      },
      uids,
    );
    expect(m.regions).toEqual({ c: { quota: '名额不能为负数' }, b: { region_code: '不在本市' } });
    expect(m.targets).toEqual({ t0: { metric: '未知指标；重复' } });
    expect(m.phases).toEqual({ p0: { due_date: '日期无效' } });
    expect(m.form).toEqual({ industries: '未知行业', name: '必填' });
    expect(m.other).toEqual({ 'regions[7].quota': '越界', version: '缺少版本' });
    expect(campaignFieldErrors(null)).toMatchObject({ form: {}, other: {} });
  });

  it('fills the participating regions from the children of the campaign region', () => {
    const rows = [emptyRegionRow('330203', '海曙区', 10), emptyRegionRow()];
    const children = [
      { code: '330203', name: '海曙区' },
      { code: '330205', name: '江北区' },
      { code: '330200Z01', name: '宁波国家高新区' },
    ];
    const { rows: out, added } = mergeChildRegions(rows, children);
    expect(added).toBe(2);
    expect(out.map((r) => [r.region_code, r.quota])).toEqual([
      ['330203', 10],
      ['330205', null],
      ['330200Z01', null],
    ]);
    expect(out[1].uid).toBe(rows[1].uid); // the blank row was reused
    expect(mergeChildRegions(out, children).added).toBe(0);
    expect(quotaTotal([{ quota: 10 }, { quota: '8' }, { quota: null }, { quota: -3 }, {}])).toBe(18);
  });

  it('names every metric, phase, level and support status in the dictionary', () => {
    for (const m of TARGET_METRICS) expect(zhKeys).toContain('metric.' + m);
    for (const k of PHASE_KEYS) expect(zhKeys).toContain('phase.' + k);
    for (const l of CAMPAIGN_LEVELS) expect(zhKeys).toContain('campaignLevel.' + l);
    for (const s of SUPPORT_STATUSES) expect(zhKeys).toContain('supportStatus.' + s);
    for (const m of IMPORT_MODES) expect(zhKeys).toContain(ikey('importer.modes', m));
    for (const c of STAT_CARDS) expect(zhKeys).toContain(ikey('stats.card', c.key));
    for (const spec of Object.values(STATS_TABLES)) for (const c of spec.columns) expect(zhKeys).toContain(c.label);
    for (const top of ['default', 'national', 'province']) expect(zhKeys).toContain(ikey('campaigns.reviewTopOption', top));
    expect(isManualMetric('leaders')).toBe(true);
    expect(isManualMetric('enterprises')).toBe(false);
  });
});

describe('campaign lists, members and imports', () => {
  it('cleans list filters', () => {
    expect(campaignListParams({ q: ' 宁波 ', level: 'city', year: '2026' })).toEqual({ q: '宁波', level: 'city', year: 2026 });
    expect(campaignListParams({ q: '', level: 'town', year: 'x' })).toEqual({});
    expect(memberListParams({ q: 'a', region_code: '330203', page: 2, bogus: 1, result_status: '' })).toEqual({ q: 'a', region_code: '330203' });
    expect(resultDrillParams({ status: 'reported', month: '2026-11', q: 'x', region_code: '' })).toEqual({ status: 'reported', month: '2026-11' });
  });

  it('sends at most 500 distinct enterprise ids', () => {
    expect(membersBody([3, '3', 4, 0, -1, 'x'])).toEqual({ enterprise_ids: [3, 4] });
    expect(membersBody(Array.from({ length: 600 }, (_, i) => i + 1)).enterprise_ids).toHaveLength(500);
  });

  it('recognises import files and their content types', () => {
    expect(isImportFile({ name: '附件2.xlsx' })).toBe(true);
    expect(isImportFile({ name: 'list.CSV' })).toBe(true);
    expect(isImportFile({ name: 'list.xls' })).toBe(false);
    expect(importContentType({ name: 'a.csv', type: '' })).toBe('text/csv');
    expect(importContentType({ name: 'a.xlsx' })).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(importContentType({ name: 'a', type: 'text/plain' })).toBe('text/plain');
    expect(LIST_COLUMNS).toEqual(['序号', '企业名称', '产品名称', '执行标准号、名称', '比对标准号、名称', '平台现有技术方案编号', '另行制定技术方案技术支持需求']);
  });

  it('turns an import answer, or the body of its 422, into the report', () => {
    expect(importReport({ imported: 2, members_added: 2, support_requests: 1, errors: [] })).toEqual({ ok: true, imported: 2, members_added: 2, support_requests: 1, errors: [], message: '' });
    const partly = importReport({ imported: 1, members_added: 0, support_requests: 0, errors: [{ row: 5, column: '企业名称', message: '未注册' }, { row: 3, column: '执行标准号、名称', message: '无法识别' }] });
    expect(partly.errors.map((e) => e.row)).toEqual([3, 5]);
    const body = { error: { code: 'validation_failed', message: '文件有错误，未导入任何数据', fields: { file: '2 处错误' } }, errors: [{ row: 4, column: '企业名称', message: '未注册' }], imported: 0 };
    const e = toApiError(422, body);
    expect(e.body).toEqual(body);
    const refused = importReport(null, e);
    expect(refused).toMatchObject({ ok: false, imported: 0, message: '文件有错误，未导入任何数据' });
    expect(refused.errors).toEqual([{ row: 4, column: '企业名称', message: '未注册' }]);
    expect(importReport(null, toApiError(413, null)).errors).toEqual([]);
  });

  it('offers take for open requests and done for taken ones, to technical bodies only', () => {
    const tech = { id: 5, role: 'technical_body' };
    expect(supportActions({ status: 'open' }, tech)).toEqual(['take']);
    expect(supportActions({ status: 'taken' }, tech)).toEqual(['done']);
    expect(supportActions({ status: 'taken', taken_by_id: 6 }, tech)).toEqual([]);
    expect(supportActions({ status: 'done' }, tech)).toEqual([]);
    expect(supportActions({ status: 'open' }, { role: 'city_regulator' })).toEqual([]);
    expect(supportActions(null, tech)).toEqual([]);
  });

  it('groups the industry picker: clusters first, divisions under their section', () => {
    const items = [
      { code: 'C', name: '制造业', kind: 'section' },
      { code: '38', name: '电气机械和器材制造业', kind: 'division', parent_code: 'C' },
      { code: '36', name: '汽车制造业', kind: 'division', parent_code: 'C' },
      { code: 'ZJ02', name: '汽车及零部件', kind: 'cluster', members: ['36'] },
      { code: '99', name: '无门类', kind: 'division', parent_code: 'Z' },
    ];
    const g = industryOptionGroups(items, '产业集群');
    expect(g.map((x) => x.label)).toEqual(['产业集群', 'C 制造业', '—']);
    expect(g[0].items).toEqual([{ code: 'ZJ02', label: '汽车及零部件（36）' }]);
    expect(g[1].items.map((i) => i.label)).toEqual(['38 电气机械和器材制造业', '36 汽车制造业']);
    expect(industryNames([{ code: '38', name: '电气机械', kind: 'division' }, { code: 'NB02', name: '智能家电', kind: 'cluster' }, 'X'])).toEqual(['38 电气机械', '智能家电', 'X']);
  });
});

describe('campaign exports', () => {
  afterEach(() => setFetch((...a) => fetch(...a)));

  it('builds the file addresses with the filters each one takes', () => {
    expect(campaignExportUrl(7, 'members', { q: '宁波', region_code: '330203', page: 2 })).toBe('/api/v1/campaigns/7/members/export.xlsx?q=%E5%AE%81%E6%B3%A2&region_code=330203');
    expect(campaignExportUrl(7, 'list', { region_code: '', q: 'x' })).toBe('/api/v1/campaigns/7/list/export.xlsx');
    expect(campaignExportUrl(7, 'template')).toBe('/api/v1/campaigns/7/list/template.xlsx');
    expect(campaignExportUrl(7, 'stats', { table: 'regions', region_code: '330203' })).toBe('/api/v1/campaigns/7/stats/export.xlsx?table=regions&region_code=330203');
    expect(campaignExportUrl(7, 'results', { status: 'reported', month: '2026-11', rollup: '' })).toBe('/api/v1/campaigns/7/results/export.xlsx?status=reported&month=2026-11');
    expect(() => campaignExportUrl(7, 'nope')).toThrow();
    expect(Object.keys(CAMPAIGN_EXPORTS)).toEqual(['members', 'list', 'template', 'stats', 'results']);
  });

  it('names a stats table file after the table when the server gives no name', async () => {
    setFetch(async () => new Response(new Blob(['x']), { status: 200, headers: { 'content-type': 'application/octet-stream' } }));
    const r = await fetchCampaignExport(7, 'stats', { table: 'quotas' });
    expect(r.filename).toBe('campaign-stats-quotas.xlsx');
  });
});

describe('the dashboard figures', () => {
  it('computes percentages from the figures, else from the server’s share', () => {
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(2, 120)).toBe(1.7);
    expect(percent(3, 0)).toBe(null);
    expect(sharePercent(12.5)).toBe(12.5);
    expect(sharePercent(0.4)).toBe(0.4);
    expect(sharePercent(null)).toBe(null);
    expect(formatPercent(12.5)).toBe('12.5%');
    expect(formatPercent(null)).toBe('—');
    expect(progressValue(140)).toBe(100);
    expect(progressValue(null)).toBe(0);
  });

  it('makes the cards with their drill-downs', () => {
    const cards = Object.fromEntries(statCards(STATS).map((c) => [c.key, c]));
    expect(cards.enterprises).toMatchObject({ value: 2, text: '2' });
    expect(cards.submitted.text).toBe('1');
    expect(cards.quota_share.text).toBe('11.1%');
    expect(cards.quota_share.sub).toEqual({ enterprises: 2, quota: 18 });
    expect(drillFor(cards.enterprises.drill)).toEqual({ kind: 'members', filters: {} });
    expect(drillFor(cards.submitted.drill)).toEqual({ kind: 'results', filters: { status: 'reported' } });
    expect(drillFor(cards.published.drill, {}, '330203')).toEqual({ kind: 'results', filters: { region_code: '330203', status: 'published' } });
    expect(statCards({}).find((c) => c.key === 'quota_share').text).toBe('—');
  });

  it('drills a table row to the rows behind it', () => {
    const col = (table, prop) => STATS_TABLES[table].columns.find((c) => c.prop === prop);
    const hs = STATS.regions[1];
    expect(drillFor(col('regions', 'enterprises').drill, hs)).toEqual({ kind: 'members', filters: { region_code: '330203' } });
    expect(drillFor(col('regions', 'published').drill, hs)).toEqual({ kind: 'results', filters: { region_code: '330203', status: 'published' } });
    expect(drillFor(col('industries', 'results').drill, STATS.industries[0])).toEqual({ kind: 'results', filters: { industry_code: '38' } });
    expect(drillFor(col('batches', 'enterprises').drill, STATS.batches[0])).toEqual({ kind: 'members', filters: { batch: '1' } });
    expect(drillFor(col('months', 'submitted').drill, STATS.months[0])).toEqual({ kind: 'results', filters: { month: '2026-11', status: 'reported' } });
    expect(drillFor(col('statuses', 'count').drill, STATS.results_by_status[1])).toEqual({ kind: 'results', filters: { status: 'submitted' } });
    expect(drillFor(col('rollups', 'count').drill, STATS.results_by_rollup[0])).toEqual({ kind: 'results', filters: { rollup: 'all_better' } });
    expect(drillFor(null, hs)).toBe(null);
  });

  it('shows table cells, with percentages from the figures and labels from the dictionary', () => {
    const share = STATS_TABLES.regions.columns.find((c) => c.prop === 'quota_share');
    expect(cellValue(share, STATS.regions[0])).toBe('12.5%');
    expect(cellValue(share, { quota_share: 3.3 })).toBe('3.3%');
    expect(cellValue(share, {})).toBe('—');
    const num = STATS_TABLES.regions.columns.find((c) => c.prop === 'enterprises');
    expect(cellValue(num, { enterprises: 0 })).toBe('0');
    expect(cellValue(num, {})).toBe('—');
    const label = STATS_TABLES.statuses.columns[0];
    const t = (k) => 'T:' + k;
    expect(cellText(label, STATS.results_by_status[1], t, () => true)).toBe('T:resultStatus.submitted');
    expect(cellText(label, STATS.results_by_status[1], t, () => false)).toBe('已提交（待县级审核）');
    expect(tableRows(STATS, 'quotas')).toHaveLength(2);
    expect(tableRows(null, 'quotas')).toEqual([]);
    expect(tableRows(STATS, 'nope')).toEqual([]);
    for (const spec of Object.values(STATS_TABLES)) if (spec.export) expect(STATS_EXPORT_TABLES).toContain(spec.export);
  });

  it('ranks the regions and computes target progress', () => {
    expect(rankedRegions(STATS.regions).map((r) => r.region_code)).toEqual(['330203', '330205', '330206']);
    const tp = targetProgress(STATS.targets);
    expect(tp[0].percent).toBe(0.4);
    expect(tp[1].percent).toBe(8);
    expect(targetProgress([{ value: 0, share: 20 }])[0].percent).toBe(20);
  });

  it('builds the chart options and maps a click back to the row', () => {
    const label = (k, l) => 'L:' + k;
    const st = statusChart(STATS, label);
    expect(st.option.xAxis.data).toEqual(['L:draft', 'L:submitted', 'L:published']);
    expect(st.option.series[0].data).toEqual([0, 1, 0]);
    expect(st.drill(1)).toEqual({ kind: 'results', filters: { status: 'submitted' } });
    expect(st.drill(9)).toBe(null);
    const ru = rollupChart(STATS, label);
    expect(ru.option.series[0].data).toEqual([{ name: 'L:all_better', value: 1 }, { name: 'L:not_met', value: 0, label: { show: false }, labelLine: { show: false } }]);
    expect(ru.drill(0)).toEqual({ kind: 'results', filters: { rollup: 'all_better' } });
    const rg = regionChart(STATS, ['企业', '提交', '发布', '达标']);
    expect(rg.option.yAxis.data || rg.option.xAxis.data).toEqual(['1. 海曙区', '2. 江北区', '北仑区']);
    expect(rg.option.series.map((s) => s.name)).toEqual(['企业', '提交', '发布', '达标']);
    expect(rg.drill(0, 0)).toEqual({ kind: 'members', filters: { region_code: '330203' } });
    expect(rg.drill(1, 2)).toEqual({ kind: 'results', filters: { region_code: '330205', status: 'published' } });
    const ind = industryChart(STATS);
    expect(ind.drill(0, 1)).toEqual({ kind: 'results', filters: { industry_code: '38' } });
    const bt = batchChart(STATS);
    expect(bt.drill(0, 0)).toEqual({ kind: 'members', filters: { batch: '1' } });
    const mo = monthChart(STATS);
    expect(mo.option.xAxis.data).toEqual(['2026-10', '2026-11']);
    expect(mo.drill(1, 1)).toEqual({ kind: 'results', filters: { month: '2026-11', status: 'reported' } });
    expect(mo.drill(1, 0)).toBe(null); // members added per month: no list behind it
    const qu = quotaChart(STATS, ['企业', '名额']);
    expect(qu.option.series[0].data).toEqual([10, 8]);
    expect(qu.option.series[1].data).toEqual([1, 1]);
    expect(qu.option.series[1].label.formatter({ dataIndex: 1 })).toBe('12.5%');
    expect(qu.drill(0)).toEqual({ kind: 'members', filters: { region_code: '330203' } });
    expect(plansChart(STATS).drill(0)).toBe(null);
    expect(statusChart({}).rows).toEqual([]);
  });
});
