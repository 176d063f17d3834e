// The world the route fuzzer works in: users of every role, two enterprises registered through
// the API, published plans and plans in every other state, products, results in every state of
// the review chain, uploads, notifications, campaigns with members, a 附件2 list and support
// requests. Built over real HTTP with the helpers of the API tests, in a fixed order so ids come
// out the same on every run.
import {
  Api, adminClient, createUser, registerEnterprise, expectStatus, publishPlan, getBinary, todayCst,
} from '../api/fixtures.mjs';
import { makeCreditCode } from '../lib/server.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n');
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function rowsFor(indicators, today, hash) {
  // the benchmark's own requirement (达到), and a measured value that meets it
  return indicators.map((ind, i) => {
    const req = ind.benchmark_requirement || '≥1';
    const num = Number((req.match(/[0-9.]+/) || ['1'])[0]);
    const measured = req.includes('≥') ? num * 1.1 : num * 0.9;
    return {
      enterprise_requirement: req, measured_value: String(Math.round(measured * 100) / 100), report_number: `BG-2026-00${i + 1}`,
      lab: '宁波市产品质量检验研究院', report_date: today,
      ...(hash && i === 0 ? { file_hash: hash, file_name: '检测报告.pdf' } : {}),
    };
  });
}

const PLAN2 = {
  product: '家用电冰箱', industry_code: '38',
  standards: [{ role: 'domestic', number: 'GB/T 8059-2016' }, { role: 'benchmark', number: 'IEC 62552-1:2015' }],
  indicators: [
    { name: '耗电量', unit: 'kWh/24h', domestic_requirement: '≤0.60', benchmark_requirement: '≤0.65', core: true },
    { name: '噪声', unit: 'dB(A)', domestic_requirement: '≤40', benchmark_requirement: '≤42 dB(A)', core: true },
    { name: '泄漏电流', unit: 'mA', domestic_requirement: '≤0.75 mA', benchmark_requirement: '≤0.75mA', safety: true },
  ],
};

function planBody(product, o = {}) {
  return {
    product, industry_code: '38', author_org: '宁波市标准化研究院', summary: `${product}性能指标对标 IEC`,
    standards: [{ role: 'domestic', number: 'GB/T 4288-2018' }, { role: 'benchmark', number: 'IEC 60456:2010' }],
    indicators: [
      { name: '洗净比', unit: '', domestic_requirement: '≥0.70', benchmark_requirement: '≥0.80', core: true },
      { name: '噪声', unit: 'dB(A)', domestic_requirement: '≤62', benchmark_requirement: '≤65 dB(A)', core: true },
    ],
    ...o,
  };
}

export function campaignBody(today, o = {}) {
  const year = Number(today.slice(0, 4));
  return {
    name: `${year}年宁波市百城千业万企对标达标提升专项行动`, year,
    description: '重点围绕智能家电等先进制造业集群开展对标达标提升',
    start_date: addDays(today, -30), end_date: addDays(today, 300), industries: ['38'], batches: [],
    phases: [
      { key: 'select', name: '确定对标产业和企业', due_date: addDays(today, -1) },
      { key: 'plans', name: '制定宣贯对标技术方案', due_date: addDays(today, 60) },
      { key: 'results', name: '形成对标达标成果', due_date: addDays(today, 150) },
      { key: 'summary', name: '总结深化', due_date: addDays(today, 290) },
    ],
    targets: [{ metric: 'enterprises', value: 45 }, { metric: 'manual', label: '主导制定“浙江制造”标准', value: 15, manual_actual: 2 }],
    regions: [{ region_code: '330203', quota: 10 }, { region_code: '330205', quota: 8 }],
    ...o,
  };
}

const LIST_HEADER = ['序号', '企业名称', '产品名称', '执行标准号、名称', '比对标准号、名称', '平台现有技术方案编号', '另行制定技术方案技术支持需求'];
export function csvOf(rows) {
  const cell = (v) => { const s = String(v ?? ''); return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
export const listCsv = (rows) => csvOf([LIST_HEADER, ...rows]);

function toRole(name, api, extra = {}) {
  return {
    name, role: api.user?.role || extra.role, username: api.user?.username, password: api.password,
    userId: api.user?.id, regionCode: api.user?.region_code || '', enterpriseId: api.user?.enterprise_id || null,
    jar: new Map(api.cookies), csrf: api.csrf, ...extra,
  };
}

// Builds the world; `log` gets one line per stage.
export async function buildWorld(server, log = () => {}) {
  const base = server.base;
  const today = todayCst();
  const admin = await adminClient(server);
  admin.password = admin.password || server.adminPassword;
  const anon = await new Api(base, 'anon').prepare();

  log('users of every role');
  const mk = async (username, role, region_code) => {
    const { client, password } = await createUser(admin, { username, role, region_code, name: username });
    client.password = password;
    return client;
  };
  const national = await mk('fz_national', 'national_office');
  const tech = await mk('fz_tech', 'technical_body');
  const expert = await mk('fz_expert', 'expert');
  const countyA = await mk('fz_county_a', 'county_regulator', '330203');
  const cityA = await mk('fz_city_a', 'city_regulator', '330200');
  const provA = await mk('fz_prov_a', 'province_regulator', '330000');
  const countyB = await mk('fz_county_b', 'county_regulator', '330106');
  const cityB = await mk('fz_city_b', 'city_regulator', '330100');
  const provB = await mk('fz_prov_b', 'province_regulator', '460000');

  log('two enterprises registered through the API');
  const regA = await registerEnterprise(base, {
    region: '330203', actor: 'ent_a', name: '宁波海曙洗衣机有限公司', code: makeCreditCode('330203', 1301), industry: '38',
    username: 'fz_ent_a', password: 'FuzzEntA2026pw',
  });
  const regB = await registerEnterprise(base, {
    region: '330106', actor: 'ent_b', name: '杭州西湖电器有限公司', code: makeCreditCode('330106', 1302), industry: '38',
    username: 'fz_ent_b', password: 'FuzzEntB2026pw',
  });
  // a pilot-region code whose check character fails, waiting for a regulator's confirmation
  const goodC = makeCreditCode('330203', 1303);
  const badC = goodC.slice(0, 17) + (goodC[17] === '0' ? '1' : '0');
  const regC = await registerEnterprise(base, {
    region: '330203', actor: 'ent_c', name: '宁波海曙试点电器有限公司', code: badC, pilot: true, industry: '38',
    username: 'fz_ent_c', password: 'FuzzEntC2026pw',
  });
  const entA = regA.client;
  const entB = regB.client;
  await entA.me();
  await entB.me();
  entA.password = regA.password;
  entB.password = regB.password;

  log('plans: two published, one in 公示 with objections, one in consultation, a draft, a withdrawn one');
  const plan1 = await publishPlan(tech, national);
  const plan2 = await publishPlan(tech, national, PLAN2);
  const mkPlan = async (product) => expectStatus(await tech.post('/plans', planBody(product)), 201, `plan ${product}`).body;
  const plan3 = await mkPlan('滚筒干衣机');
  expectStatus(await tech.post(`/plans/${plan3.id}/actions`, { action: 'submit' }), 200, 'plan3 submit');
  expectStatus(await tech.post(`/plans/${plan3.id}/actions`, { action: 'notice', notice_start: today, notice_end: addDays(today, 30) }), 200, 'plan3 notice');
  const obj1 = expectStatus(await countyA.post(`/plans/${plan3.id}/objections`, { text: '噪声限值是否应区分洗涤与脱水？' }), 201, 'objection').body;
  const obj2 = expectStatus(await entA.post(`/plans/${plan3.id}/objections`, { text: '洗净比的试验方法请注明版本' }), 201, 'objection 2').body;
  expectStatus(await tech.post(`/plans/${plan3.id}/objections/${obj1.id}/answer`, { answer: '已区分，见第二版' }), 200, 'answer');
  const plan4 = await mkPlan('洗碗机');
  expectStatus(await tech.post(`/plans/${plan4.id}/actions`, { action: 'submit' }), 200, 'plan4 submit');
  const plan5 = await mkPlan('电热水器');
  const plan6 = await publishPlan(tech, national, { product: '电饭锅' });
  expectStatus(await national.post(`/plans/${plan6.id}/actions`, { action: 'withdraw', comment: '标准已更新' }), 200, 'withdraw');
  const plan7 = expectStatus(await tech.post(`/plans/${plan1.id}/versions`, {}), 201, 'new version').body;
  // published, with no results yet: new results can be started on it
  const plan8 = await publishPlan(tech, national, { product: '吸尘器' });

  log('catalog: an advanced standard');
  const std = expectStatus(await national.get('/standards?q=IEC%2060456'), 200).body.items[0];
  if (std) expectStatus(await national.post(`/standards/${std.id}/advanced`, { field: '家用电器' }), 200, 'advanced');

  log('uploads, products, results in every state');
  const upload = async (c, body, name) => expectStatus(await c.request('POST', `/files?name=${encodeURIComponent(name)}`,
    { body, headers: { 'content-type': 'application/octet-stream' } }), 201, 'upload').body.hash;
  const hashA = await upload(entA, PDF, '检测报告.pdf');
  const hashB = await upload(entB, PNG, 'photo.png');
  const product = async (c, name, selected = true) => {
    const p = expectStatus(await c.post('/products', {
      name, model: 'XQB80', category: '家电', industry_code: '38', standards: ['GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020',
    }), 201, 'product').body;
    if (selected) expectStatus(await c.post(`/products/${p.id}/selection`, { selected: true }), 200, 'select');
    return p;
  };
  const pa = [await product(entA, '滚筒洗衣机'), await product(entA, '波轮洗衣机'), await product(entA, '智能冰箱'), await product(entA, '未选产品', false)];
  const pb = [await product(entB, '双门冰箱'), await product(entB, '对开门冰箱'), await product(entB, '洗烘一体机'), await product(entB, '备用产品', false)];
  const versions = new Map();
  const results = [];
  const newResult = async (c, p, plan, hash) => {
    let r = expectStatus(await c.post('/results', { product_id: p.id, plan_id: plan.id }), 201, 'result').body;
        r = expectStatus(await c.put(`/results/${r.id}`, {
      version: r.version, enterprise_standard: 'Q/NBHS 001-2020', indicators: rowsFor(r.indicators, today, hash),
      conclusion: '各项指标达到或优于对标标准',
    }), 200, 'fill result').body;
    results.push(r);
    return r;
  };
  const submit = async (c, r) => expectStatus(await c.post(`/results/${r.id}/submit`, { version: r.version }), 200, 'submit').body;
  const review = async (c, r, action = 'pass', comment = '同意') =>
    expectStatus(await c.post(`/results/${r.id}/review`, { version: r.version, action, comment }), 200, `review ${action} as ${c.name}`).body;
  const chainA = [countyA, cityA, provA, national];
  const chainB = [countyB, cityB, provA, national];
  const upTo = async (c, r, chain, steps) => { r = await submit(c, r); for (let i = 0; i < steps; i++) r = await review(chain[i], r); return r; };
  const states = {};
  states.draft = await newResult(entA, pa[0], plan1, hashA);
  let r = await submit(entA, await newResult(entA, pa[1], plan1));
  states.returned = await review(countyA, r, 'return', '请补充最新检测报告');
  states.submitted = await upTo(entA, await newResult(entA, pa[2], plan1), chainA, 0);
  states.county_reviewed = await upTo(entA, await newResult(entA, pa[0], plan2), chainA, 1);
  states.city_recommended = await upTo(entA, await newResult(entA, pa[1], plan2), chainA, 2);
  states.province_recommended = await upTo(entA, await newResult(entA, pa[2], plan2), chainA, 3);
  states.accepted = await upTo(entB, await newResult(entB, pb[0], plan1, hashB), chainB, 4);
  r = await upTo(entB, await newResult(entB, pb[1], plan1), chainB, 4);
  states.published = await review(national, r, 'publish', '');
  states.draft_b = await newResult(entB, pb[2], plan1);
  states.submitted_b = await upTo(entB, await newResult(entB, pb[0], plan2), chainB, 0);
  for (const x of Object.values(states)) versions.set(`results:${x.id}`, x.version);

  log('campaigns with members, a 附件2 list and support requests');
  const cN = expectStatus(await national.post('/campaigns', campaignBody(today, {
    name: '全国百城千业万企对标达标提升专项行动', regions: [], batch: 0,
    batches: [{ batch: 1, name: '第一批', start_date: addDays(today, -30), regions: ['330200', '330100'] }],
    targets: [{ metric: 'leaders', value: 1000 }, { metric: 'compliant_rate', value: 90 }],
  })), 201, 'national campaign').body;
  const cZ = expectStatus(await provA.post('/campaigns', campaignBody(today, {
    name: '浙江省对标达标提升专项行动', parent_id: cN.id, regions: [{ region_code: '330200', quota: 50 }, { region_code: '330100', quota: 30 }],
  })), 201, 'province campaign').body;
  const cA = expectStatus(await cityA.post('/campaigns', campaignBody(today, { parent_id: cZ.id })), 201, 'city campaign').body;
  const cH = expectStatus(await provB.post('/campaigns', campaignBody(today, { name: '海南省专项行动', regions: [] })), 201, 'hainan campaign').body;
  const cB = expectStatus(await cityB.post('/campaigns', campaignBody(today, { name: '杭州市专项行动', regions: [{ region_code: '330106', quota: 5 }] })), 201, 'hangzhou campaign').body;
  const entIdA = regA.enterprise.id;
  const entIdB = regB.enterprise.id;
  expectStatus(await cityA.post(`/campaigns/${cA.id}/members`, { enterprise_ids: [entIdA] }), 200, 'members A');
  expectStatus(await provA.post(`/campaigns/${cZ.id}/members`, { enterprise_ids: [entIdA, entIdB] }), 200, 'members Z');
  expectStatus(await national.post(`/campaigns/${cN.id}/members`, { enterprise_ids: [entIdB] }), 200, 'members N');
  expectStatus(await cityB.post(`/campaigns/${cB.id}/members`, { enterprise_ids: [entIdB] }), 200, 'members B');
  const entIdC = regC.enterprise.id;
  expectStatus(await cityA.post(`/campaigns/${cA.id}/members`, { enterprise_ids: [entIdC] }), 200, 'members A (pilot)');
  const nameA = regA.enterprise.name;
  const imp = await cityA.request('POST', `/campaigns/${cA.id}/list/import`, {
    body: listCsv([
      [1, nameA, '滚筒洗衣机', 'GB/T 4288-2018 家用和类似用途电动洗衣机', 'IEC 60456:2010 Clothes washing machines', plan1.plan_number, '否'],
      [2, nameA, '智能冰箱', 'GB/T 8059-2016 家用和类似用途制冷器具', 'IEC 62552-1:2015 Household refrigerating appliances', '', '是'],
      [3, nameA, '干衣机', 'GB/T 20292-2006 家用滚筒干衣机', 'IEC 61121:2012 Tumble dryers', '', '是'],
    ]),
    headers: { 'content-type': 'text/csv' },
  });
  expectStatus(imp, 200, 'list import');
  for (const c of [cN, cZ, cA, cH, cB]) versions.set(`campaigns:${c.id}`, c.version);
  const support = expectStatus(await tech.get('/support-requests?status=open'), 200).body.items;
  if (support[0]) expectStatus(await tech.post(`/support-requests/${support[0].id}/actions`, { action: 'take', note: '已安排' }), 200, 'take');

  log('附件3 progress reports and planning indicators (when the binary has them)');
  const reports = [];
  const reportVersions = new Map();
  let period = null;
  const desk = await countyA.get(`/campaigns/${cA.id}/reports`);
  if (desk.status === 200) {
    period = desk.body.period;
    const narratives = Object.fromEntries((desk.body.narrative_rows || []).map((n) => [n.key, `${n.label}：已落实`]));
    let rep = await countyA.put(`/campaigns/${cA.id}/reports/${period}`, { industries_text: '家用电器', scale_enterprises: 120, narratives, version: 0 });
    if (rep.status === 200) {
      rep = await countyA.post(`/campaigns/${cA.id}/reports/${period}/submit`, { version: rep.body.version });
      if (rep.status === 200) { reports.push(rep.body.id); reportVersions.set(`reports:${rep.body.id}`, rep.body.version); }
    }
    const own = await cityA.put(`/campaigns/${cA.id}/reports/${period}`, { industries_text: '家用电器', scale_enterprises: 300, narratives: {}, version: 0 });
    if (own.status === 200) { reports.push(own.body.id); reportVersions.set(`report:${cA.id}:${period}:city_a`, own.body.version); }
  }
  const planning = await provA.get('/planning-indicators?page_size=50');
  const planningIds = planning.status === 200 ? planning.body.items.map((x) => x.id) : [];
  const planningTemplate = planningIds.length ? (await getBinary(provA, '/planning-indicators/template.xlsx')).buf : null;

  log('information services (when the binary has them): notices, circulars, questions, the directory');
  const info = { notices: [], attachments: [], circulars: [], questions: [], directory: [] };
  const keep = (pool, r, status = [200, 201]) => {
    if (status.includes(r.status) && r.body && r.body.id) {
      info[pool].push(r.body.id);
      if (Number.isInteger(r.body.version)) versions.set(`${pool}:${r.body.id}`, r.body.version);
      for (const a of r.body.attachments || []) if (!info.attachments.includes(a.id)) info.attachments.push(a.id);
      return r.body;
    }
    return null;
  };
  const noticeBody = (o) => ({ title: '关于开展对标达标工作的通知', body: '各区县：\n请按要求组织。', audience: 'subtree', ...o });
  let n = keep('notices', await cityA.post('/notices', noticeBody({})));
  if (n) {
    const att = await cityA.request('POST', `/notices/${n.id}/attachments?name=a.pdf`, { body: PDF, headers: { 'content-type': 'application/pdf' } });
    if (att.status === 201) { n = att.body; for (const a of n.attachments) info.attachments.push(a.id); }
    const pub = await cityA.post(`/notices/${n.id}/actions`, { action: 'publish', version: n.version });
    if (pub.status === 200) versions.set(`notices:${n.id}`, pub.body.version);
    keep('notices', await cityA.post('/notices', noticeBody({ title: '宁波草稿' })));
    const p2 = keep('notices', await national.post('/notices', noticeBody({ title: '公开公告', audience: 'public' })));
    if (p2) {
      const r2 = await national.post(`/notices/${p2.id}/actions`, { action: 'publish', version: p2.version });
      if (r2.status === 200) versions.set(`notices:${p2.id}`, r2.body.version);
    }
    keep('notices', await countyB.post('/notices', noticeBody({ title: '西湖监管', audience: 'offices' })));
    const c1 = keep('circulars', await cityA.post('/circulars', { title: '进展通报', body: '正文', recipients: ['330203', '330205'] }));
    if (c1) {
      const sent = await cityA.post(`/circulars/${c1.id}/send`, { version: c1.version });
      if (sent.status === 200) versions.set(`circulars:${c1.id}`, sent.body.version);
    }
    keep('circulars', await cityA.post('/circulars', { title: '通报草稿', body: '正文', recipients: ['330203'] }));
    const q1 = keep('questions', await entA.post('/questions', { title: '噪声如何对标', body: '请指导', target: 'expert' }));
    const q2 = keep('questions', await entA.post('/questions', { title: '能效如何对标', body: '请指导', target: 'regulator' }));
    if (q2) {
      const a2 = await countyA.post(`/questions/${q2.id}/answer`, { answer: '按 GB 12021.4', version: q2.version });
      if (a2.status === 200) {
        const f2 = await countyA.post(`/questions/${q2.id}/faq`, { version: a2.body.version });
        versions.set(`questions:${q2.id}`, f2.status === 200 ? f2.body.version : a2.body.version);
      }
    }
    keep('questions', await entB.post('/questions', { title: '西湖企业提问', body: '内容', target: 'regulator' }));
    if (q1) void q1;
    keep('directory', await cityA.post('/directory', { kind: 'lab', name: '宁波检测院', fields: ['38'], region_code: '330200', phone: '0574-1' }));
    keep('directory', await national.post('/directory', { kind: 'expert', name: '李明', organization: '标准化研究院', fields: ['C'], region_code: '110000' }));
  }

  log('xlsx files to mutate');
  const xlsx = {
    standards: (await getBinary(anon, '/standards/template.xlsx')).buf,
    list: (await getBinary(cityA, `/campaigns/${cA.id}/list/template.xlsx`)).buf,
    listExport: (await getBinary(cityA, `/campaigns/${cA.id}/list/export.xlsx`)).buf,
    planning: planningTemplate,
  };
  log('领跑者: a published evaluation plan with a declaring round (declarations of both sides), a draft plan');
  const leaderBody = (product) => ({
    product, evaluator: '中国标准化研究院', basis_standard: 'GB/T 4288-2018', tier_cuts: [34, 67, 100],
    indicators: [{ name: '洗净比', unit: '', direction: 'higher', baseline: '≥0.70' }, { name: '噪声', unit: 'dB(A)', direction: 'lower', baseline: '≤62 dB(A)' }],
  });
  let lp = expectStatus(await tech.post('/leader-plans', leaderBody('家用电动洗衣机')), 201, 'leader plan').body;
  lp = expectStatus(await tech.post(`/leader-plans/${lp.id}/actions`, { action: 'notice', notice_start: today, notice_end: today }), 200, 'leader notice').body;
  lp = expectStatus(await tech.post(`/leader-plans/${lp.id}/actions`, { action: 'publish' }), 200, 'leader publish').body;
  const lpDraft = expectStatus(await tech.post('/leader-plans', leaderBody('电冰箱')), 201, 'leader draft').body;
  const lr = expectStatus(await tech.post(`/leader-plans/${lp.id}/rounds`, {}), 201, 'leader round').body;
  const ldA = expectStatus(await entA.post(`/leader-rounds/${lr.id}/declarations`, { standard_number: 'Q/NBHS 001-2020', values: ['≥0.85', '≤55'] }), 201, 'declaration a').body;
  const ldB = expectStatus(await entB.post(`/leader-rounds/${lr.id}/declarations`, { standard_number: 'Q/HZ 002-2021', values: ['≥0.80', '≤58'] }), 201, 'declaration b').body;
  const standardsCsv = expectStatus(await anon.get('/standards/template.csv'), 200).text;

  const roles = {
    anon: toRole('anon', anon, { role: 'anonymous' }),
    admin: toRole('admin', admin),
    national: toRole('national', national), tech: toRole('tech', tech), expert: toRole('expert', expert),
    county_a: toRole('county_a', countyA), city_a: toRole('city_a', cityA), prov_a: toRole('prov_a', provA),
    county_b: toRole('county_b', countyB), city_b: toRole('city_b', cityB), prov_b: toRole('prov_b', provB),
    ent_a: toRole('ent_a', entA), ent_b: toRole('ent_b', entB),
  };
  // ids per entity; `a`/`b` mark the region (or owner) a row belongs to, for "other region" picks
  const pools = {
    enterprises: [entIdA, entIdB, entIdC],
    users: Object.values(roles).map((x) => x.userId).filter(Boolean),
    plans: [plan1, plan2, plan3, plan4, plan5, plan6, plan7, plan8].map((p) => p.id),
    planNumbers: [plan1.plan_number, plan2.plan_number, plan6.plan_number, plan8.plan_number, 'DBFA-2099-000000-9999'],
    objections: [obj1.id, obj2.id],
    leaderPlans: [lp.id, lpDraft.id],
    leaderRounds: [lr.id],
    leaderDeclarations: [ldA.id, ldB.id],
    products: [...pa, ...pb].map((p) => p.id),
    results: Object.values(states).map((x) => x.id),
    resultCodes: Object.values(states).map((x) => x.code),
    hashes: [hashA, hashB, '0'.repeat(64)],
    campaigns: [cN, cZ, cA, cH, cB].map((c) => c.id),
    listRows: [],
    support: support.map((s) => s.id),
    notifications: [],
    audit: [],
    standards: [],
    reports,
    reportJobs: [],
    planning: planningIds,
    notices: info.notices,
    attachments: info.attachments,
    circulars: info.circulars,
    questions: info.questions,
    directory: info.directory,
    periods: period ? [period, `${Number(period.slice(0, 4)) - 1}-H2`, `${period.slice(0, 4)}-H${period.endsWith('1') ? 2 : 1}`] : ['2026-H1', '2026-H2'],
    years: ['2016', '2020', '2021', '2023', '2025'],
    regions: ['330203', '330106', '330200', '330100', '330000', '460000', '460100', '110000', '000000', '330200Z01', '330205',
      '999999', '33020', '3302031', ''],
  };
  const owner = {
    // which region side a row belongs to: 'a' (Ningbo / ent_a), 'b' (Hangzhou, Hainan / ent_b)
    [`enterprises:${entIdA}`]: 'a', [`enterprises:${entIdB}`]: 'b', [`enterprises:${entIdC}`]: 'a',
    ...Object.fromEntries(pa.map((p) => [`products:${p.id}`, 'a'])), ...Object.fromEntries(pb.map((p) => [`products:${p.id}`, 'b'])),
    ...Object.fromEntries(Object.entries(states).map(([k, x]) => [`results:${x.id}`, ['accepted', 'published', 'draft_b', 'submitted_b'].includes(k) ? 'b' : 'a'])),
    [`campaigns:${cA.id}`]: 'a', [`campaigns:${cH.id}`]: 'b', [`campaigns:${cB.id}`]: 'b',
    [`leaderDeclarations:${ldA.id}`]: 'a', [`leaderDeclarations:${ldB.id}`]: 'b',
  };
  const more = expectStatus(await cityA.get(`/campaigns/${cA.id}/list?page_size=50`), 200).body.items;
  pools.listRows = more.map((x) => x.id);
  pools.audit = expectStatus(await admin.get('/audit?page_size=40'), 200).body.items.map((x) => x.id);
  pools.standards = expectStatus(await anon.get('/standards?page_size=30'), 200).body.items.map((x) => x.id);
  for (const c of [admin, national, countyA, cityA, provA, countyB, cityB, entA, entB]) {
    const n = await c.get('/notifications?page_size=50');
    if (n.status === 200) pools.notifications.push(...n.body.items.map((x) => x.id));
  }
  // the clients' csrf tokens may have been refreshed since toRole()
  for (const [name, api] of Object.entries({ admin, national, tech, expert, county_a: countyA, city_a: cityA, prov_a: provA,
    county_b: countyB, city_b: cityB, prov_b: provB, ent_a: entA, ent_b: entB, anon })) {
    roles[name].jar = new Map(api.cookies);
    roles[name].csrf = api.csrf;
    roles[name].password = api.password || roles[name].password;
  }
  for (const [k, v] of reportVersions) versions.set(k, v);
  // what the fuzzer knows of row states, to pick requests that can succeed (kept up to date
  // from the answers)
  const resultInfo = new Map(Object.values(states).map((x) => [x.id, { status: x.status, stage: x.stage, stageRegion: x.stage_region_code }]));
  const planStatus = new Map([[plan1.id, 'published'], [plan2.id, 'published'], [plan3.id, 'notice'], [plan4.id, 'consultation'],
    [plan5.id, 'draft'], [plan6.id, 'withdrawn'], [plan7.id, 'draft'], [plan8.id, 'published']]);
  const supportStatus = new Map(support.map((x, i) => [x.id, i === 0 ? 'taken' : x.status]));
  const pairs = {
    objections: [[plan3.id, obj1.id], [plan3.id, obj2.id]],
    members: [[cA.id, entIdA], [cA.id, entIdC], [cZ.id, entIdA], [cZ.id, entIdB], [cN.id, entIdB], [cB.id, entIdB]],
    listRows: more.map((x) => [cA.id, x.id]),
    actuals: [],
  };
  return {
    base, today, roles, pools, owner, versions, xlsx, standardsCsv, resultInfo, planStatus, supportStatus, pairs,
    names: { enterpriseA: nameA, enterpriseB: regB.enterprise.name },
    ids: { cA: cA.id, cZ: cZ.id, cN: cN.id, cH: cH.id, cB: cB.id, plan1: plan1.id, plan2: plan2.id, plan3: plan3.id, entA: entIdA, entB: entIdB },
    states: Object.fromEntries(Object.entries(states).map(([k, x]) => [k, x.id])),
  };
}
