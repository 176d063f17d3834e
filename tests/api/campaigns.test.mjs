// Campaigns (专项行动): a city office runs Ningbo's campaign with phases, targets and the 附件1
// quotas per district; visibility up and down the region tree; edits with optimistic versions;
// parent campaigns; member enterprises (附件2 selection); statistics that stay exact after every
// write, with the drill-down to the results behind a figure; support requests for enterprises that
// need a technical plan made for them. Contract: docs/api.md, "Campaigns, enterprise selection
// (附件2), statistics (issue 8)".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminClient, createUser, registerEnterprise, Api, expectStatus, expectError, expectFields,
  publishPlan, getBinary, xlsxText, todayCst, listAll, show,
} from './fixtures.mjs';

let server, admin, national, tech, tech2, expert, anon;
let county, countyJb, city, cityHz, province, provinceHn;
let entHs, entJb, entHz, entHs2;
let plan, campaign;

// 附件1 of the Ningbo seed: enterprises per district (全市 120).
const QUOTAS = [
  ['330203', 10], ['330205', 8], ['330211', 8], ['330206', 11], ['330212', 15], ['330213', 8], ['330282', 15],
  ['330281', 15], ['330226', 10], ['330225', 8], ['330200Z01', 3], ['330200Z02', 3], ['330200Z03', 2],
  ['330200Z04', 2], ['330200Z05', 2],
];
const QUOTA_TOTAL = QUOTAS.reduce((s, [, q]) => s + q, 0);
const HEADER = ['序号', '企业名称', '产品名称', '执行标准号、名称', '比对标准号、名称', '平台现有技术方案编号', '另行制定技术方案技术支持需求'];

const today = todayCst();
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const YEAR = Number(today.slice(0, 4));

function campaignBody(o = {}) {
  return {
    name: `${YEAR}年宁波市百城千业万企对标达标提升专项行动`,
    year: YEAR,
    description: '重点围绕绿色化工、汽车及零部件、高端装备、智能家电等先进制造业集群开展对标达标提升',
    start_date: addDays(today, -30),
    end_date: addDays(today, 300),
    industries: ['38', 'NB02'],
    batches: [],
    phases: [
      { key: 'select', name: '确定对标产业和企业', due_date: addDays(today, -1) },
      { key: 'plans', name: '制定宣贯对标技术方案', due_date: addDays(today, 60) },
      { key: 'results', name: '形成对标达标成果', due_date: addDays(today, 150) },
      { key: 'summary', name: '总结深化', due_date: addDays(today, 290) },
    ],
    targets: [
      { metric: 'enterprises', value: 450, due_date: addDays(today, 290) },
      { metric: 'industries', value: 15 },
      { metric: 'manual', label: '主导或参与制定“浙江制造”标准', value: 150, manual_actual: 12 },
    ],
    regions: QUOTAS.map(([region_code, quota]) => ({ region_code, quota })),
    ...o,
  };
}

// Ratios may be written as a fraction (0.1) or as a percentage (10); either must be right.
function assertShare(actual, num, den, what) {
  assert.equal(typeof actual, 'number', `${what}: a number, got ${JSON.stringify(actual)}`);
  const f = num / den;
  assert.ok(Math.abs(actual - f) < 0.0006 || Math.abs(actual - 100 * f) < 0.051,
    `${what}: ${actual} is neither ${f} nor ${100 * f}% (${num}/${den})`);
}

const fullRows = () => [
  { enterprise_requirement: '≥0.85', measured_value: '0.88', report_number: 'BG-2026-001', lab: '宁波市产品质量检验研究院', report_date: today },
  { enterprise_requirement: '≤60 dB(A)', measured_value: '58', report_number: 'BG-2026-001', lab: '宁波市产品质量检验研究院', report_date: today },
  { enterprise_requirement: '≤0.75 mA', measured_value: '0.5', report_number: 'BG-2026-002', lab: '宁波市产品质量检验研究院', report_date: today },
];

// A complete draft result of a new selected product of the enterprise.
async function draftResult(client, name) {
  const p = expectStatus(await client.post('/products', {
    name, model: 'XQB80', category: '洗衣机', industry_code: '38', standards: ['GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020',
  }), 201, 'product').body;
  expectStatus(await client.post(`/products/${p.id}/selection`, { selected: true }), 200, 'select');
  let r = expectStatus(await client.post('/results', { product_id: p.id, plan_id: plan.id }), 201, 'result').body;
  r = expectStatus(await client.put(`/results/${r.id}`, {
    version: r.version, enterprise_standard: 'Q/NBHS 001-2020', indicators: fullRows(), conclusion: '各项指标达到或优于对标标准',
    improvements: [{ indicator: '噪声', action: '优化电机减振', responsible: '张工', target_date: addDays(today, 200) }],
  }), 200, 'fill result').body;
  return r;
}

const stats = async (client, id, query = '') => expectStatus(await client.get(`/campaigns/${id}/stats${query}`), 200, 'stats').body;
const regionRow = (s, code) => s.regions.find((x) => x.region_code === code);
const statusCount = (s, status) => s.results_by_status.find((x) => x.status === status)?.count;

function csvCell(v) {
  const s = String(v ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvOf = (rows) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
const importCsv = (client, id, rows, mode = '') =>
  client.request('POST', `/campaigns/${id}/list/import${mode ? `?mode=${mode}` : ''}`, { body: csvOf([HEADER, ...rows]), headers: { 'content-type': 'text/csv' } });

before(async () => {
  server = await startServer();
  admin = await adminClient(server);
  anon = await new Api(server.base, 'anon').prepare();
  const regs = await Promise.all([
    ['330203', 'ent_hs', '宁波海曙洗衣机有限公司'], ['330205', 'ent_jb', '宁波江北冰箱有限公司'],
    ['330106', 'ent_hz', '杭州西湖电器有限公司'], ['330203', 'ent_hs2', '宁波海曙第二电器有限公司'],
  ].map(([region, actor, name]) => registerEnterprise(server.base, { region, actor, name, industry: '38' })));
  [entHs, entJb, entHz, entHs2] = regs;
  const mk = async (username, role, region_code) => (await createUser(admin, { username, role, region_code, name: username })).client;
  [national, tech, tech2, expert, county, countyJb, city, cityHz, province, provinceHn] = await Promise.all([
    mk('c_national', 'national_office'), mk('c_tech', 'technical_body'), mk('c_tech2', 'technical_body'), mk('c_expert', 'expert'),
    mk('c_county', 'county_regulator', '330203'), mk('c_county_jb', 'county_regulator', '330205'),
    mk('c_city', 'city_regulator', '330200'), mk('c_city_hz', 'city_regulator', '330100'),
    mk('c_prov', 'province_regulator', '330000'), mk('c_prov_hn', 'province_regulator', '460000'),
  ]);
  plan = await publishPlan(tech, national);
});
after(async () => {
  await server?.stop();
  server?.cleanup();
});

test('the Ningbo city office creates its campaign with phases, targets and the 附件1 quotas', async () => {
  const r = await city.post('/campaigns', campaignBody());
  expectStatus(r, 201);
  campaign = r.body;
  assert.equal(campaign.level, 'city');
  assert.equal(campaign.region_code, '330200');
  assert.equal(campaign.region_name, '宁波市');
  assert.equal(campaign.year, YEAR);
  assert.equal(campaign.version, 1);
  assert.equal(campaign.member_count, 0);
  assert.equal(campaign.quota_total, QUOTA_TOTAL);
  assert.equal(QUOTA_TOTAL, 120, '全市 120');
  assert.deepEqual(campaign.regions.map((x) => [x.region_code, x.quota]), QUOTAS);
  const names = Object.fromEntries(campaign.regions.map((x) => [x.region_code, x.region_name]));
  assert.equal(names['330203'], '海曙区');
  assert.equal(names['330205'], '江北区');
  assert.equal(names['330200Z01'], '宁波国家高新区');
  assert.deepEqual(campaign.phases.map((p) => p.key), ['select', 'plans', 'results', 'summary']);
  assert.equal(campaign.phases[0].overdue, true, 'the selection was due yesterday and no district reached its quota');
  assert.equal(campaign.phases[1].overdue, false);
  assert.deepEqual(campaign.targets.map((t) => [t.metric, t.value]), [['enterprises', 450], ['industries', 15], ['manual', 150]]);
  assert.equal(campaign.targets[2].label, '主导或参与制定“浙江制造”标准');
  assert.equal(campaign.targets[2].manual_actual, 12);
  assert.equal(campaign.can_edit, true);
  assert.equal(campaign.can_add_members, true);
  // the office reads it back as created
  const g = expectStatus(await city.get(`/campaigns/${campaign.id}`), 200).body;
  assert.equal(g.id, campaign.id);
  assert.deepEqual(g.regions, campaign.regions);
  assert.deepEqual(g.targets, campaign.targets);
  // industries come back named, with their kind (Campaign.industries: [{code, name, kind}])
  assert.deepEqual(campaign.industries.map((i) => [i.code, i.kind]), [['38', 'division'], ['NB02', 'cluster']], JSON.stringify(campaign.industries));
  assert.equal(campaign.industries[1].name, '智能家电');
});

test('validation: 422 naming each bad field; nothing is created', async () => {
  const before = expectStatus(await admin.get('/campaigns?page_size=200'), 200).body.total;
  const base = campaignBody();
  const cases = [
    [{ name: '' }, 'name'],
    [{ name: '长'.repeat(101) }, 'name'],
    [{ year: 2017 }, 'year'],
    [{ start_date: '2026-13-01' }, 'start_date'],
    [{ end_date: '明年' }, 'end_date'],
    [{ start_date: addDays(today, 10), end_date: addDays(today, 9) }, 'end_date'],
    [{ regions: [{ region_code: '330203', quota: 10 }, { region_code: '330205', quota: -1 }] }, 'regions[1].quota'],
    [{ regions: [{ region_code: '330203', quota: 10 }, { region_code: '330205', quota: 8 }, { region_code: '330106', quota: 3 }] }, 'regions[2].region_code'],
    [{ regions: [{ region_code: '999999', quota: 1 }] }, 'regions[0].region_code'],
    [{ industries: ['38', 'ZZ99'] }, 'industries[1]'],
    [{ targets: [{ metric: 'happiness', value: 10 }] }, 'targets[0].metric'],
    [{ targets: [{ metric: 'enterprises', value: 10 }, { metric: 'manual', value: 5 }] }, 'targets[1].label'],
    [{ targets: [{ metric: 'enterprises', value: 0 }] }, 'targets[0].value'],
    [{ phases: [{ key: 'party', name: '庆功', due_date: today }] }, 'phases[0].key'],
    [{ phases: [{ key: 'select', name: '确定企业', due_date: '2026-02-30' }] }, 'phases[0].due_date'],
  ];
  for (const [change, field] of cases) {
    const r = await city.post('/campaigns', { ...base, ...change });
    expectFields(r, [field]);
  }
  // several faults at once are all named
  const r = await city.post('/campaigns', { ...base, name: '', end_date: 'x', targets: [{ metric: 'manual', value: 1 }] });
  expectFields(r, ['name', 'end_date', 'targets[0].label']);
  // wrong types are 400
  assert.equal((await city.post('/campaigns', { ...base, regions: 'all' })).status, 400);
  assert.equal((await city.post('/campaigns', { ...base, year: '二〇二六' })).status, 400);
  assert.equal(expectStatus(await admin.get('/campaigns?page_size=200'), 200).body.total, before, 'refused creations left nothing');
});

test('only the national office and province/city offices create campaigns', async () => {
  const before = expectStatus(await admin.get('/campaigns?page_size=200'), 200).body.total;
  for (const [client, status] of [[county, 403], [entHs.client, 403], [tech, 403], [expert, 403], [admin, 403], [anon, 401]]) {
    const r = await client.post('/campaigns', campaignBody({ name: `不应创建 ${client.name}`, regions: [] }));
    expectError(r, status, status === 401 ? 'unauthenticated' : 'forbidden', `POST /campaigns as ${client.name}`);
  }
  assert.equal(expectStatus(await admin.get('/campaigns?page_size=200'), 200).body.total, before);
});

test('visibility: the province and the counties of Ningbo see it; Hangzhou does not', async () => {
  for (const client of [province, county, countyJb, national, admin, tech, expert]) {
    const g = await client.get(`/campaigns/${campaign.id}`);
    expectStatus(g, 200, `GET as ${client.name}`);
    assert.equal(g.body.can_edit, false, `${client.name} is not the owner`);
    const list = expectStatus(await client.get('/campaigns?page_size=200'), 200).body;
    assert.ok(list.items.some((c) => c.id === campaign.id), `${client.name} lists it`);
  }
  for (const client of [cityHz, provinceHn, entHs.client]) {
    const g = await client.get(`/campaigns/${campaign.id}`);
    expectError(g, 404, 'not_found', `GET as ${client.name}`);
    assert.ok(!g.text.includes(campaign.name), 'the 404 does not name the campaign');
    const list = expectStatus(await client.get('/campaigns?page_size=200'), 200).body;
    assert.ok(!list.items.some((c) => c.id === campaign.id), `${client.name} must not list it`);
  }
  assert.equal((await anon.get(`/campaigns/${campaign.id}`)).status, 401);
  // filters
  let r = expectStatus(await province.get(`/campaigns?level=city&year=${YEAR}`), 200).body;
  assert.ok(r.items.some((c) => c.id === campaign.id));
  r = expectStatus(await province.get('/campaigns?level=province'), 200).body;
  assert.ok(!r.items.some((c) => c.id === campaign.id));
  r = expectStatus(await province.get(`/campaigns?year=${YEAR + 1}`), 200).body;
  assert.ok(!r.items.some((c) => c.id === campaign.id));
  r = expectStatus(await province.get(`/campaigns?q=${encodeURIComponent('宁波市百城')}`), 200).body;
  assert.ok(r.items.some((c) => c.id === campaign.id));
  assert.equal((await province.get('/campaigns?level=town')).status, 422);
});

test('edits: the owner with the current version; a stale version is 409; others may not', async () => {
  let r = await city.put(`/campaigns/${campaign.id}`, { ...campaignBody({ name: `${YEAR}年宁波市对标达标提升专项行动（修订）` }), version: campaign.version });
  expectStatus(r, 200);
  assert.equal(r.body.version, campaign.version + 1);
  assert.equal(r.body.name, `${YEAR}年宁波市对标达标提升专项行动（修订）`);
  const stale = campaign.version;
  campaign = r.body;
  r = await city.put(`/campaigns/${campaign.id}`, { ...campaignBody({ name: '过期的修改' }), version: stale });
  expectError(r, 409, 'conflict', 'stale version');
  r = await city.put(`/campaigns/${campaign.id}`, { ...campaignBody({ name: '没有版本的修改' }) });
  expectFields(r, ['version']);
  r = await city.put(`/campaigns/${campaign.id}`, { ...campaignBody({ regions: [{ region_code: '330203', quota: -3 }] }), version: campaign.version });
  expectFields(r, ['regions[0].quota']);
  for (const client of [province, national, county]) {
    r = await client.put(`/campaigns/${campaign.id}`, { ...campaignBody({ name: `由 ${client.name} 修改` }), version: campaign.version });
    assert.ok([403, 404].includes(r.status), `PUT by ${client.name} (not the owner): ${show(r)}`);
  }
  r = await cityHz.put(`/campaigns/${campaign.id}`, { ...campaignBody({ name: '杭州的修改' }), version: campaign.version });
  expectError(r, 404, 'not_found');
  const now = expectStatus(await city.get(`/campaigns/${campaign.id}`), 200).body;
  assert.equal(now.version, campaign.version, 'refused edits changed nothing');
  assert.equal(now.name, campaign.name);
});

test('a parent campaign must be of a higher level and contain the region', async () => {
  const prov = expectStatus(await province.post('/campaigns', campaignBody({
    name: `${YEAR}年浙江省对标达标提升专项行动`, regions: [{ region_code: '330200', quota: 450 }, { region_code: '330100', quota: 300 }],
    targets: [{ metric: 'enterprises', value: 3000 }, { metric: 'industries', value: 200 }], industries: ['ZJ06'],
  })), 201, 'province campaign').body;
  assert.equal(prov.level, 'province');
  assert.equal(prov.region_code, '330000');
  const hn = expectStatus(await provinceHn.post('/campaigns', campaignBody({ name: `${YEAR}年海南省专项行动`, regions: [] })), 201).body;
  const nat = expectStatus(await national.post('/campaigns', campaignBody({
    name: `${YEAR}年全国百城千业万企对标达标提升专项行动`, regions: [], batch: 0,
    batches: [{ batch: 1, name: '第一批', start_date: addDays(today, -30), regions: ['330200', '330100'] }],
    targets: [{ metric: 'leaders', value: 1000 }, { metric: 'compliant_rate', value: 90 }],
  })), 201, 'national campaign').body;
  assert.equal(nat.level, 'national');
  assert.equal(nat.region_code, '000000');
  assert.deepEqual(nat.batches.map((b) => [b.batch, b.regions.map((x) => x.code)]), [[1, ['330200', '330100']]]);
  // good parents: the province's campaign, the national one
  let child = expectStatus(await city.post('/campaigns', campaignBody({ name: '宁波市子行动', parent_id: prov.id, regions: [] })), 201).body;
  assert.equal(child.parent_id, prov.id);
  assert.equal(child.parent_name, prov.name);
  const child2 = expectStatus(await province.post('/campaigns', campaignBody({ name: '浙江省子行动', parent_id: nat.id, regions: [] })), 201).body;
  assert.equal(child2.parent_id, nat.id);
  // bad parents: same level, a region that does not contain this one, no such campaign
  for (const parent_id of [campaign.id, hn.id, 987654321]) {
    const r = await city.post('/campaigns', campaignBody({ name: '坏的子行动', parent_id, regions: [] }));
    expectFields(r, ['parent_id']);
  }
  const r = await province.post('/campaigns', campaignBody({ name: '坏的子行动', parent_id: child.id, regions: [] }));
  expectFields(r, ['parent_id'], 422);
  // a campaign with a child cannot be deleted; the child can
  expectError(await province.del(`/campaigns/${prov.id}`), 409, 'conflict');
  expectStatus(await city.del(`/campaigns/${child.id}`), 204);
  assert.equal((await city.get(`/campaigns/${child.id}`)).status, 404);
  expectStatus(await province.del(`/campaigns/${child2.id}`), 204);
  expectStatus(await province.del(`/campaigns/${prov.id}`), 204);
  expectStatus(await provinceHn.del(`/campaigns/${hn.id}`), 204);
  expectStatus(await national.del(`/campaigns/${nat.id}`), 204);
  child = null;
});

let hsResult;

test('members: enterprises of the caller’s subtree are added; the others are reported with a reason', async () => {
  let r = await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [entHs.enterprise.id] });
  expectStatus(r, 200);
  assert.deepEqual(r.body, { added: 1, skipped: [] });
  // candidates: the city's enterprises that are not members yet
  const cand = expectStatus(await city.get(`/campaigns/${campaign.id}/candidates?page_size=200`), 200).body;
  const candIds = cand.items.map((e) => e.id).sort((a, b) => a - b);
  assert.deepEqual(candIds, [entJb.enterprise.id, entHs2.enterprise.id].sort((a, b) => a - b), 'not members, not Hangzhou');
  const countyCand = expectStatus(await county.get(`/campaigns/${campaign.id}/candidates`), 200).body;
  assert.deepEqual(countyCand.items.map((e) => e.id), [entHs2.enterprise.id], 'the county’s candidates are its own');
  r = await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [entHs.enterprise.id, entJb.enterprise.id, entHz.enterprise.id, 987654321] });
  expectStatus(r, 200);
  assert.equal(r.body.added, 1);
  const skipped = Object.fromEntries(r.body.skipped.map((s) => [s.enterprise_id, s.reason]));
  assert.deepEqual(Object.keys(skipped).map(Number).sort((a, b) => a - b), [entHs.enterprise.id, entHz.enterprise.id, 987654321].sort((a, b) => a - b));
  for (const [id, reason] of Object.entries(skipped)) assert.ok(typeof reason === 'string' && reason.trim(), `reason for ${id}`);
  assert.notEqual(skipped[entHs.enterprise.id], skipped[entHz.enterprise.id], 'already a member and out of scope are told apart');
  assert.ok(!skipped[entHz.enterprise.id].includes(entHz.enterprise.name), 'an enterprise outside the scope is not named');
  // the county may add only its own enterprises
  r = await county.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [entJb.enterprise.id, entHs2.enterprise.id] });
  expectStatus(r, 200);
  assert.equal(r.body.added, 1);
  assert.deepEqual(r.body.skipped.map((s) => s.enterprise_id), [entJb.enterprise.id]);
  // bad bodies
  for (const body of [{ enterprise_ids: [] }, {}]) {
    const x = await city.post(`/campaigns/${campaign.id}/members`, body);
    assert.equal(x.status, 422, show(x));
  }
  assert.equal((await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: 'all' })).status, 400);
  assert.equal((await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: ['x'] })).status, 400);
  // the member list, as the city and as each county
  let m = expectStatus(await city.get(`/campaigns/${campaign.id}/members?page_size=200`), 200).body;
  assert.equal(m.total, 3);
  const byId = Object.fromEntries(m.items.map((x) => [x.enterprise_id, x]));
  assert.equal(byId[entHs.enterprise.id].region_code, '330203');
  assert.equal(byId[entHs.enterprise.id].region_name, '海曙区');
  assert.equal(byId[entHs.enterprise.id].credit_code, entHs.code);
  assert.equal(byId[entHs.enterprise.id].removable, true);
  assert.equal(byId[entJb.enterprise.id].name, entJb.enterprise.name);
  m = expectStatus(await county.get(`/campaigns/${campaign.id}/members?page_size=200`), 200).body;
  assert.deepEqual(m.items.map((x) => x.enterprise_id).sort((a, b) => a - b), [entHs.enterprise.id, entHs2.enterprise.id].sort((a, b) => a - b));
  m = expectStatus(await city.get(`/campaigns/${campaign.id}/members?region_code=330205`), 200).body;
  assert.deepEqual(m.items.map((x) => x.enterprise_id), [entJb.enterprise.id]);
  assert.equal((await countyJb.get(`/campaigns/${campaign.id}/members?region_code=330203`)).status, 404, 'a filter outside the scope');
  // the member enterprise now sees the campaign
  expectStatus(await entHs.client.get(`/campaigns/${campaign.id}`), 200);
  assert.ok(expectStatus(await entHs.client.get('/campaigns'), 200).body.items.some((c) => c.id === campaign.id));
  assert.equal((await entHz.client.get(`/campaigns/${campaign.id}`)).status, 404);
  assert.equal(expectStatus(await city.get(`/campaigns/${campaign.id}`), 200).body.member_count, 3);
  // a campaign with members cannot be deleted
  expectError(await city.del(`/campaigns/${campaign.id}`), 409, 'conflict');
});

test('more than 500 enterprises at once: 422 (a limit of the value, not a wrong type); nothing added', async () => {
  const before = expectStatus(await city.get(`/campaigns/${campaign.id}/members`), 200).body.total;
  const x = await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: Array.from({ length: 501 }, (_, i) => i + 1) });
  expectFields(x, ['enterprise_ids']);
  assert.equal(expectStatus(await city.get(`/campaigns/${campaign.id}/members`), 200).body.total, before);
});

test('removing members; refused with 409 once the enterprise submitted a result', async () => {
  expectStatus(await city.del(`/campaigns/${campaign.id}/members/${entHs2.enterprise.id}`), 204);
  let m = expectStatus(await city.get(`/campaigns/${campaign.id}/members?page_size=200`), 200).body;
  assert.deepEqual(m.items.map((x) => x.enterprise_id).sort((a, b) => a - b), [entHs.enterprise.id, entJb.enterprise.id].sort((a, b) => a - b));
  expectError(await city.del(`/campaigns/${campaign.id}/members/${entHs2.enterprise.id}`), 404, 'not_found', 'not a member any more');
  // a draft does not lock the membership; a submission does
  hsResult = await draftResult(entHs.client, '滚筒洗衣机');
  m = expectStatus(await city.get(`/campaigns/${campaign.id}/members?page_size=200`), 200).body;
  assert.equal(m.items.find((x) => x.enterprise_id === entHs.enterprise.id).removable, true, 'a draft alone');
  hsResult = expectStatus(await entHs.client.post(`/results/${hsResult.id}/submit`, { version: hsResult.version }), 200, 'submit').body;
  assert.equal(hsResult.status, 'submitted');
  m = expectStatus(await city.get(`/campaigns/${campaign.id}/members?page_size=200`), 200).body;
  const hs = m.items.find((x) => x.enterprise_id === entHs.enterprise.id);
  assert.equal(hs.removable, false);
  assert.equal(hs.best_status, 'submitted');
  assert.deepEqual(hs.rollups, ['partly_better']);
  m = expectStatus(await city.get(`/campaigns/${campaign.id}/members?result_status=submitted`), 200).body;
  assert.deepEqual(m.items.map((x) => x.enterprise_id), [entHs.enterprise.id], 'members filtered by the status of their results');
  m = expectStatus(await city.get(`/campaigns/${campaign.id}/members?result_status=published`), 200).body;
  assert.equal(m.total, 0);
  expectError(await city.del(`/campaigns/${campaign.id}/members/${entHs.enterprise.id}`), 409, 'conflict');
  expectError(await county.del(`/campaigns/${campaign.id}/members/${entHs.enterprise.id}`), 409, 'conflict');
  assert.equal(expectStatus(await city.get(`/campaigns/${campaign.id}/members`), 200).body.total, 2, 'still a member');
  // the 江北 county cannot remove an 海曙 member
  expectError(await countyJb.del(`/campaigns/${campaign.id}/members/${entHs.enterprise.id}`), 404, 'not_found');
});

test('stats: totals, the district rows with their quotas, targets and phases', async () => {
  const s = await stats(city, campaign.id);
  assert.equal(s.campaign_id, campaign.id);
  assert.deepEqual([s.scope.region_code, s.scope.region_name, s.scope.level], ['330200', '宁波市', 'city']);
  assert.equal(s.totals.enterprises, 2);
  assert.equal(s.totals.submitted, 1);
  assert.equal(s.totals.published, 0);
  assert.equal(s.totals.products, 1, 'the one selected product of the members');
  assert.equal(s.totals.plans, 1, 'the one published plan a member result uses');
  assert.equal(s.totals.quota, QUOTA_TOTAL);
  assertShare(s.totals.quota_share, 2, QUOTA_TOTAL, 'totals.quota_share');
  assert.equal(s.totals.compliant, 1, 'the submitted result 达标');
  assert.equal(statusCount(s, 'submitted'), 1);
  assert.equal(statusCount(s, 'published'), 0, 'every status listed, zeros included');
  // roll-ups: the keys of ResultSummary.rollup (docs/api.md writes "below" here, the results use not_met)
  assert.deepEqual(s.results_by_rollup.map((x) => x.rollup), ['all_better', 'partly_better', 'all_equal', 'not_met', 'undetermined']);
  const pb = s.results_by_rollup.find((x) => x.rollup === 'partly_better');
  assert.deepEqual([pb.label, pb.count], ['部分优于', 1]);
  assert.equal(s.results_by_rollup.reduce((n, x) => n + x.count, 0), 1);
  for (const st of ['draft', 'returned', 'submitted', 'county_reviewed', 'city_recommended', 'province_recommended', 'accepted', 'published'])
    assert.ok(s.results_by_status.some((x) => x.status === st), `results_by_status has ${st}`);
  const hs = regionRow(s, '330203');
  assert.ok(hs, `a row for 海曙: ${JSON.stringify(s.regions)}`);
  assert.equal(hs.region_name, '海曙区');
  assert.equal(hs.quota, 10);
  assert.equal(hs.enterprises, 1);
  assert.equal(hs.submitted, 1);
  assertShare(hs.quota_share, 1, 10, '海曙 quota_share');
  const jb = regionRow(s, '330205');
  assert.equal(jb.quota, 8);
  assert.equal(jb.enterprises, 1);
  assert.equal(jb.submitted, 0);
  assertShare(jb.quota_share, 1, 8, '江北 quota_share');
  const bl = regionRow(s, '330206');
  assert.equal(bl.quota, 11);
  assert.equal(bl.enterprises, 0);
  assert.ok(!s.regions.some((x) => x.region_code.startsWith('3301')), 'no Hangzhou rows');
  const q = s.quotas.find((x) => x.region_code === '330203');
  assert.deepEqual([q.quota, q.enterprises], [10, 1]);
  assertShare(q.share, 1, 10, 'quotas[海曙].share');
  // targets
  const t = Object.fromEntries(s.targets.map((x) => [x.metric, x]));
  assert.equal(t.enterprises.value, 450);
  assert.equal(t.enterprises.actual, 2);
  assert.equal(t.enterprises.computed, true);
  assertShare(t.enterprises.share, 2, 450, 'targets.enterprises.share');
  assert.equal(t.industries.actual, 1, 'one GB/T 4754 division (38) among the members');
  assert.equal(t.manual.actual, 12, 'a manual figure is what was typed');
  assert.equal(t.manual.computed, false);
  // phases: selection overdue where the quota is not reached
  const sel = s.phases.find((p) => p.key === 'select');
  assert.equal(sel.overdue, true);
  assert.equal(sel.regions_total, QUOTAS.length);
  assert.equal(sel.regions_reached, 0, 'no district has reached its quota');
  assert.ok(sel.overdue_regions.some((x) => x.region_code === '330203' && x.region_name === '海曙区'));
  assert.equal(s.phases.find((p) => p.key === 'plans').overdue, false, 'not due yet');
  // the industry rows carry the division of the members and the campaign's cluster
  const ind = Object.fromEntries(s.industries.map((x) => [x.code, x]));
  assert.equal(ind['38'].enterprises, 2);
  assert.equal(ind.NB02.enterprises, 2, 'NB02 智能家电 is made of division 38');
  assert.ok(s.months.some((m) => m.month === today.slice(0, 7) && m.members_added >= 2 && m.submitted === 1), JSON.stringify(s.months));
  assert.equal(typeof s.ranking_definition, 'string');
  assert.ok(s.ranking_definition.length > 0);
});

test('drill-down: the results behind a figure; the county’s stats count only its county', async () => {
  let r = expectStatus(await city.get(`/campaigns/${campaign.id}/results?status=submitted`), 200).body;
  assert.equal(r.total, 1);
  assert.deepEqual(r.items.map((x) => x.id), [hsResult.id]);
  const item = r.items[0];
  assert.equal(item.code, hsResult.code);
  assert.equal(item.enterprise_id, entHs.enterprise.id);
  assert.equal(item.enterprise_name, entHs.enterprise.name);
  assert.equal(item.region_code, '330203');
  assert.equal(item.region_name, '海曙区');
  assert.equal(item.product_name, '滚筒洗衣机');
  assert.equal(item.plan_number, plan.plan_number);
  assert.equal(item.status, 'submitted');
  r = expectStatus(await city.get(`/campaigns/${campaign.id}/results?status=published`), 200).body;
  assert.equal(r.total, 0);
  r = expectStatus(await city.get(`/campaigns/${campaign.id}/results?rollup=partly_better`), 200).body;
  assert.deepEqual(r.items.map((x) => x.id), [hsResult.id]);
  r = expectStatus(await city.get(`/campaigns/${campaign.id}/results?rollup=all_better`), 200).body;
  assert.equal(r.total, 0);
  r = expectStatus(await city.get(`/campaigns/${campaign.id}/results?month=${today.slice(0, 7)}`), 200).body;
  assert.deepEqual(r.items.map((x) => x.id), [hsResult.id], 'submitted this month');
  r = expectStatus(await city.get(`/campaigns/${campaign.id}/results?industry_code=38`), 200).body;
  assert.deepEqual(r.items.map((x) => x.id), [hsResult.id]);
  r = expectStatus(await city.get(`/campaigns/${campaign.id}/results?industry_code=17`), 200).body;
  assert.equal(r.total, 0);
  r = expectStatus(await city.get(`/campaigns/${campaign.id}/results?region_code=330205`), 200).body;
  assert.equal(r.total, 0);
  assert.equal((await city.get(`/campaigns/${campaign.id}/results?status=bogus`)).status, 422);
  assert.equal((await city.get(`/campaigns/${campaign.id}/results?month=2026-13`)).status, 422);
  // the county of 海曙
  const c = await stats(county, campaign.id);
  assert.equal(c.scope.region_code, '330203');
  assert.equal(c.totals.enterprises, 1);
  assert.equal(c.totals.submitted, 1);
  assert.equal(c.totals.quota, 10);
  assert.ok(!JSON.stringify(c.regions).includes('330205'), 'no 江北 row in the 海曙 stats');
  // the county of 江北
  const j = await stats(countyJb, campaign.id);
  assert.equal(j.totals.enterprises, 1);
  assert.equal(j.totals.submitted, 0);
  r = expectStatus(await countyJb.get(`/campaigns/${campaign.id}/results`), 200).body;
  assert.equal(r.total, 0, 'the 江北 county sees none of the 海曙 results');
  // narrowed by region_code; outside the scope is 404
  const n = await stats(city, campaign.id, '?region_code=330203');
  assert.equal(n.scope.region_code, '330203');
  assert.equal(n.totals.enterprises, 1);
  expectError(await city.get(`/campaigns/${campaign.id}/stats?region_code=330106`), 404, 'not_found');
  expectError(await county.get(`/campaigns/${campaign.id}/stats?region_code=330205`), 404, 'not_found');
  expectError(await cityHz.get(`/campaigns/${campaign.id}/stats`), 404, 'not_found');
  expectError(await tech.get(`/campaigns/${campaign.id}/stats`), 403, 'forbidden');
  expectError(await entHs.client.get(`/campaigns/${campaign.id}/stats`), 403, 'forbidden');
});

test('stats export: each table as xlsx with the region names', async () => {
  let r = await getBinary(city, `/campaigns/${campaign.id}/stats/export.xlsx?table=regions`);
  assert.equal(r.status, 200, r.text);
  let text = xlsxText(r);
  for (const name of ['海曙区', '江北区', '北仑区', '宁波国家高新区']) assert.ok(text.includes(name), `the regions table names ${name}`);
  assert.ok(!text.includes('西湖区'));
  r = await getBinary(city, `/campaigns/${campaign.id}/stats/export.xlsx?table=quotas`);
  assert.equal(r.status, 200, r.text);
  text = xlsxText(r);
  assert.ok(text.includes('海曙区') && text.includes('慈溪市'));
  for (const table of ['industries', 'batches', 'months', 'targets', 'phases']) {
    r = await getBinary(city, `/campaigns/${campaign.id}/stats/export.xlsx?table=${table}`);
    assert.equal(r.status, 200, `table=${table}: ${r.text}`);
    xlsxText(r);
  }
  r = await getBinary(county, `/campaigns/${campaign.id}/stats/export.xlsx?table=regions`);
  assert.equal(r.status, 200, r.text);
  assert.ok(!xlsxText(r).includes('江北区'), 'the county export stays in the county');
  r = await getBinary(city, `/campaigns/${campaign.id}/stats/export.xlsx?table=secrets`);
  assert.equal(r.status, 422, r.text);
  r = await getBinary(city, `/campaigns/${campaign.id}/results/export.xlsx?status=submitted`);
  assert.equal(r.status, 200, r.text);
  assert.ok(xlsxText(r).includes(hsResult.code), 'the drill-down export lists the result');
});

test('figures stay exact after every write: add, remove, submit, return', async () => {
  const s0 = await stats(city, campaign.id);
  const totals = (s) => [s.totals.enterprises, s.totals.submitted, regionRow(s, '330203').enterprises, regionRow(s, '330203').submitted];
  assert.deepEqual(totals(s0), [2, 1, 1, 1]);
  // add → +1
  expectStatus(await county.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [entHs2.enterprise.id] }), 200);
  let s = await stats(city, campaign.id);
  assert.deepEqual(totals(s), [3, 1, 2, 1], 'after adding a member');
  assertShare(regionRow(s, '330203').quota_share, 2, 10, '海曙 quota_share after the add');
  assert.equal(s.targets.find((t) => t.metric === 'enterprises').actual, 3);
  assert.equal(expectStatus(await city.get(`/campaigns/${campaign.id}`), 200).body.member_count, 3);
  // submit → submitted +1
  let r2 = await draftResult(entHs2.client, '波轮洗衣机');
  s = await stats(city, campaign.id);
  assert.deepEqual(totals(s), [3, 1, 2, 1], 'a draft is not a submission');
  r2 = expectStatus(await entHs2.client.post(`/results/${r2.id}/submit`, { version: r2.version }), 200).body;
  s = await stats(city, campaign.id);
  assert.deepEqual(totals(s), [3, 2, 2, 2], 'after a submission');
  assert.equal(statusCount(s, 'submitted'), 2);
  let d = expectStatus(await city.get(`/campaigns/${campaign.id}/results?status=submitted`), 200).body;
  assert.deepEqual(d.items.map((x) => x.id).sort((a, b) => a - b), [hsResult.id, r2.id].sort((a, b) => a - b));
  // return by the reviewer → submitted −1, returned +1
  r2 = expectStatus(await county.post(`/results/${r2.id}/review`, { version: r2.version, action: 'return', comment: '请补充检测报告' }), 200).body;
  assert.equal(r2.status, 'returned');
  s = await stats(city, campaign.id);
  assert.deepEqual(totals(s), [3, 1, 2, 1], 'after a return');
  assert.equal(statusCount(s, 'returned'), 1);
  assert.equal(statusCount(s, 'submitted'), 1);
  d = expectStatus(await city.get(`/campaigns/${campaign.id}/results?status=returned`), 200).body;
  assert.deepEqual(d.items.map((x) => x.id), [r2.id]);
  // a returned result was submitted once: the member stays
  expectError(await city.del(`/campaigns/${campaign.id}/members/${entHs2.enterprise.id}`), 409, 'conflict');
  // pass by the county → still submitted (county_reviewed counts as submitted)
  hsResult = expectStatus(await county.post(`/results/${hsResult.id}/review`, { version: hsResult.version, action: 'pass' }), 200).body;
  s = await stats(city, campaign.id);
  assert.deepEqual(totals(s), [3, 1, 2, 1], 'a pass keeps the submission count');
  assert.equal(statusCount(s, 'county_reviewed'), 1);
  assert.equal(statusCount(s, 'submitted'), 0);
  // remove → −1: a fresh member without results
  const fresh = await registerEnterprise(server.base, { region: '330205', actor: 'ent_jb2', industry: '38' });
  expectStatus(await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [fresh.enterprise.id] }), 200);
  s = await stats(city, campaign.id);
  assert.equal(s.totals.enterprises, 4);
  assert.equal(regionRow(s, '330205').enterprises, 2);
  expectStatus(await city.del(`/campaigns/${campaign.id}/members/${fresh.enterprise.id}`), 204);
  s = await stats(city, campaign.id);
  assert.equal(s.totals.enterprises, 3, 'after a removal');
  assert.equal(regionRow(s, '330205').enterprises, 1);
  assert.equal(s.targets.find((t) => t.metric === 'enterprises').actual, 3);
});

test('support requests: a 附件2 row asking for help reaches the technical bodies', async () => {
  const r = await importCsv(city, campaign.id, [
    [1, entJb.enterprise.name, '智能冰箱', 'GB/T 8059-2016 家用和类似用途制冷器具', 'IEC 62552-1:2015 Household refrigerating appliances', '', '是'],
    [2, entHs.enterprise.name, '滚筒洗衣机', 'GB/T 4288-2018 家用和类似用途电动洗衣机', 'IEC 60456:2010 Clothes washing machines', plan.plan_number, '否'],
  ]);
  expectStatus(r, 200);
  assert.equal(r.body.imported, 2);
  assert.equal(r.body.support_requests, 1);
  assert.deepEqual(r.body.errors, []);
  const rows = await listAll(city, `/campaigns/${campaign.id}/list`);
  const fridge = rows.find((x) => x.product_name === '智能冰箱');
  assert.equal(fridge.support_needed, true);
  assert.ok(fridge.support_request_id, 'the row names its request');
  let list = expectStatus(await tech.get('/support-requests?status=open'), 200).body;
  const req = list.items.find((x) => x.id === fridge.support_request_id);
  assert.ok(req, `the technical body sees the request: ${JSON.stringify(list)}`);
  assert.equal(req.campaign_id, campaign.id);
  assert.equal(req.enterprise_id, entJb.enterprise.id);
  assert.equal(req.enterprise_name, entJb.enterprise.name);
  assert.equal(req.region_code, '330205');
  assert.equal(req.product_name, '智能冰箱');
  assert.match(req.executed_standards, /GB\/T 8059-2016/);
  assert.match(req.benchmark_standards, /IEC 62552-1:2015/);
  assert.equal(req.status, 'open');
  assert.equal(list.items.filter((x) => x.product_name === '滚筒洗衣机').length, 0, '否 asks for nothing');
  // who sees it
  for (const [client, sees] of [[expert, true], [national, true], [admin, true], [city, true], [countyJb, true], [province, true],
    [county, false], [cityHz, false], [provinceHn, false]]) {
    const x = expectStatus(await client.get('/support-requests?page_size=200'), 200, `support requests as ${client.name}`).body;
    assert.equal(x.items.some((i) => i.id === req.id), sees, `${client.name} ${sees ? 'sees' : 'must not see'} the request`);
  }
  // enterprises: their own requests only (docs/api.md does not list them; the backend shows an
  // enterprise its own requests, which leaks nothing)
  const own = expectStatus(await entJb.client.get('/support-requests?page_size=200'), 200).body;
  assert.deepEqual(own.items.map((i) => i.id), [req.id], 'the enterprise sees its own request');
  assert.equal(own.total, 1);
  const other = expectStatus(await entHz.client.get('/support-requests?page_size=200'), 200).body;
  assert.deepEqual(other.items, [], 'another enterprise sees none');
  assert.equal(other.total, 0);
  assert.equal((await anon.get('/support-requests')).status, 401);
  // take, done; the order and the taker are enforced
  const act = (client, action, note = '') => client.post(`/support-requests/${req.id}/actions`, { action, note });
  expectError(await act(tech, 'done', '提前完成'), 409, 'conflict', 'done before take');
  expectError(await act(city, 'take'), 403, 'forbidden', 'regulators do not take requests');
  expectError(await act(cityHz, 'take'), 403, 'forbidden');
  let x = expectStatus(await act(tech, 'take', '由宁波市标准化研究院承接'), 200).body;
  assert.equal(x.status, 'taken');
  assert.equal(x.taken_by_name, '测试 c_tech');
  expectError(await act(tech2, 'take'), 409, 'conflict', 'already taken');
  // another technical body is not the one who may finish it: a matter of who (403), not of state
  const notMine = await act(tech2, 'done', '不是我承接的');
  const late = [];
  if (notMine.status !== 403) late.push(`done by another technical body: expected 403, got ${show(notMine)}`);
  expectFields(await act(tech, 'done', ''), ['note'], 422);
  assert.equal((await act(tech, 'finish')).status, 422);
  x = expectStatus(await act(tech, 'done', '技术方案已上传平台'), 200).body;
  assert.equal(x.status, 'done');
  expectError(await act(tech, 'done', '再次完成'), 409, 'conflict');
  list = expectStatus(await tech.get('/support-requests?status=done'), 200).body;
  assert.deepEqual(list.items.map((i) => i.id), [req.id]);
  assert.equal(expectStatus(await tech.get('/support-requests?status=open'), 200).body.items.filter((i) => i.id === req.id).length, 0);
  assert.equal((await tech.get('/support-requests?status=lost')).status, 422);
  assert.equal((await tech.post('/support-requests/987654321/actions', { action: 'take' })).status, 404);
  assert.deepEqual(late, []);
});

test('conversion rate and consistency: computed from the catalog, with their definition', async () => {
  let s = await stats(city, campaign.id);
  for (const k of ['conversion', 'consistency']) {
    assert.equal(typeof s[k].definition, 'string');
    assert.ok(s[k].definition.length > 10, `${k} says how it is computed`);
  }
  // the plan compares GB/T 4288-2018 with IEC 60456:2010; neither adopts the other yet
  assert.deepEqual([s.conversion.numerator, s.conversion.denominator], [0, 1], JSON.stringify(s.conversion));
  assert.equal(s.conversion.rate, 0);
  assert.deepEqual([s.consistency.numerator, s.consistency.denominator], [0, 1], JSON.stringify(s.consistency));
  // the catalog now says GB/T 4288-2018 is MOD to IEC 60456:2010
  expectStatus(await national.post('/standards', { number: 'GB/T 4288-2018', title_zh: '家用和类似用途电动洗衣机', adoption: 'MOD', adopted_number: 'IEC 60456:2010' }), 201);
  s = await stats(city, campaign.id);
  assert.deepEqual([s.conversion.numerator, s.conversion.denominator], [1, 1], JSON.stringify(s.conversion));
  assertShare(s.conversion.rate, 1, 1, 'conversion.rate');
  assert.deepEqual([s.consistency.numerator, s.consistency.denominator], [1, 1], JSON.stringify(s.consistency));
  assertShare(s.consistency.rate, 1, 1, 'consistency.rate');
});

test('races: two edits with one version give one 200 and one 409; one enterprise added twice at once is one member', async () => {
  const cur = expectStatus(await city.get(`/campaigns/${campaign.id}`), 200).body;
  const edits = await Promise.all(['甲', '乙', '丙'].map((tag) =>
    city.put(`/campaigns/${campaign.id}`, { ...campaignBody({ name: `${cur.name}${tag}` }), version: cur.version })));
  assert.deepEqual(edits.map((r) => r.status).sort(), [200, 409, 409], edits.map(show).join('\n'));
  const won = edits.find((r) => r.status === 200).body;
  const now = expectStatus(await city.get(`/campaigns/${campaign.id}`), 200).body;
  assert.equal(now.version, cur.version + 1);
  assert.equal(now.name, won.name, 'the stored campaign is the one edit that was accepted');
  const ent = await registerEnterprise(server.base, { region: '330203', actor: 'ent_race', industry: '38', name: '宁波海曙并发电器有限公司' });
  const before = (await stats(city, campaign.id)).totals.enterprises;
  const adds = await Promise.all([city, county, city].map((c) => c.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [ent.enterprise.id] })));
  assert.ok(adds.every((r) => r.status === 200), adds.map(show).join('\n'));
  assert.equal(adds.reduce((n, r) => n + r.body.added, 0), 1, 'added once');
  assert.equal(adds.reduce((n, r) => n + r.body.skipped.length, 0), 2, 'skipped twice');
  const m = await listAll(city, `/campaigns/${campaign.id}/members`);
  assert.equal(m.filter((x) => x.enterprise_id === ent.enterprise.id).length, 1);
  assert.equal((await stats(city, campaign.id)).totals.enterprises, before + 1);
});

// Statistics are cached per process by the statistics epoch (migration 16), which every write
// moves on in its own transaction: a second process on the same database must see the first
// one's writes at once, and an answer served from the cache must equal a fresh computation.
test('stats cache: a write through another process is seen at once; cached answers equal fresh ones', async () => {
  const other = await startServer({ dataDir: server.dataDir, db: server.db });
  try {
    const via = (client, srv) => Object.assign(new Api(srv.base, `${client.name}@other`), { cookies: new Map(client.cookies), csrf: client.csrf });
    const cityB = via(city, other);
    const countyB = via(county, other);
    const strip = (s) => ({ ...s, generated_at: 0 });
    const warm = await stats(city, campaign.id);
    assert.deepEqual(strip(await stats(city, campaign.id)), strip(warm), 'a repeated read (from the cache) is the same answer');
    const before = warm.totals.enterprises;
    // add a member through process B, read through process A (whose cache holds the old answer)
    const extra = await registerEnterprise(server.base, { region: '330203', actor: 'ent_hs_cache', industry: '38' });
    expectStatus(await countyB.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [extra.enterprise.id] }), 200);
    const afterA = await stats(city, campaign.id);
    assert.equal(afterA.totals.enterprises, before + 1, 'process A sees the member added through process B');
    assert.deepEqual(strip(afterA), strip(await stats(cityB, campaign.id)), 'both processes give the same answer');
    // and back: removed through A, seen by B (which has just cached the answer with the member)
    expectStatus(await city.del(`/campaigns/${campaign.id}/members/${extra.enterprise.id}`), 204);
    const afterB = await stats(cityB, campaign.id);
    assert.equal(afterB.totals.enterprises, before, 'process B sees the removal made through process A');
    // a fresh process (empty cache) computes exactly what the warm ones serve
    const fresh = await startServer({ dataDir: server.dataDir, db: server.db });
    try {
      const cityC = via(city, fresh);
      assert.deepEqual(strip(await stats(cityC, campaign.id)), strip(await stats(city, campaign.id)));
      assert.deepEqual(strip(await stats(cityC, campaign.id, '?region_code=330203')), strip(await stats(city, campaign.id, '?region_code=330203')));
    } finally {
      await fresh.stop();
    }
  } finally {
    await other.stop();
  }
});
