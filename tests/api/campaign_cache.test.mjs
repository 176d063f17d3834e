// The campaign answers kept per process under the statistics epoch (migration 16): the dashboard
// (GET /campaigns/{id}/stats), the results drill-down (GET /campaigns/{id}/results) and the members
// page (GET /campaigns/{id}/members). After every kind of write, the answers of a server whose
// cache was warm must equal those of a process started afresh on the same database (empty cache),
// and must show the change, counted here independently. A second long-running process checks that
// writes made elsewhere are seen at once.
// DUIBIAO_CACHE_PG=postgresql://… runs this file against PostgreSQL (usernames are unique, so a
// shared database will do).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminClient, createUser, registerEnterprise, Api, expectStatus, publishPlan, todayCst, suffix,
} from './fixtures.mjs';

const PG_DB = process.env.DUIBIAO_CACHE_PG || null;
const today = todayCst();
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const YEAR = Number(today.slice(0, 4));
const tag = suffix();

let server, other, admin, national, tech, county, city, province, plan, campaign;
let entHs, entHs2, entJb;

const campaignBody = (o = {}) => ({
  name: `${YEAR}年宁波市对标达标缓存测试 ${tag}`,
  year: YEAR,
  start_date: addDays(today, -30),
  end_date: addDays(today, 300),
  industries: ['38'],
  batches: [],
  phases: [
    { key: 'select', name: '确定对标产业和企业', due_date: addDays(today, -1) },
    { key: 'results', name: '形成对标达标成果', due_date: addDays(today, 150) },
  ],
  targets: [{ metric: 'enterprises', value: 450, due_date: addDays(today, 290) }, { metric: 'results_submitted', value: 10 }],
  regions: [{ region_code: '330203', quota: 10 }, { region_code: '330205', quota: 8 }],
  ...o,
});

const rows = () => [
  { enterprise_requirement: '≥0.85', measured_value: '0.88', report_number: 'BG-1', lab: '宁波市产品质量检验研究院', report_date: today },
  { enterprise_requirement: '≤60 dB(A)', measured_value: '58', report_number: 'BG-1', lab: '宁波市产品质量检验研究院', report_date: today },
  { enterprise_requirement: '≤0.75 mA', measured_value: '0.5', report_number: 'BG-2', lab: '宁波市产品质量检验研究院', report_date: today },
];

async function draftResult(client, name) {
  const p = expectStatus(await client.post('/products', {
    name, model: 'XQB80', category: '洗衣机', industry_code: '38', standards: ['GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020',
  }), 201, 'product').body;
  expectStatus(await client.post(`/products/${p.id}/selection`, { selected: true }), 200, 'select');
  let r = expectStatus(await client.post('/results', { product_id: p.id, plan_id: plan.id }), 201, 'result').body;
  r = expectStatus(await client.put(`/results/${r.id}`, {
    version: r.version, enterprise_standard: 'Q/NBHS 001-2020', indicators: rows(), conclusion: '各项指标达到或优于对标标准', improvements: [],
  }), 200, 'fill result').body;
  return r;
}

// What the city and county offices look at; every answer but generated_at is compared.
const views = () => [
  ['city', `/campaigns/${campaign.id}/stats`],
  ['city', `/campaigns/${campaign.id}/stats?region_code=330203`],
  ['county', `/campaigns/${campaign.id}/stats`],
  ['national', `/campaigns/${campaign.id}/stats`],
  ['city', `/campaigns/${campaign.id}/results?status=reported`],
  ['city', `/campaigns/${campaign.id}/results`],
  ['county', `/campaigns/${campaign.id}/results?status=published`],
  ['city', `/campaigns/${campaign.id}/members?page=1`],
  ['city', `/campaigns/${campaign.id}/members?result_status=reported`],
  ['county', `/campaigns/${campaign.id}/members?page=1&page_size=1`],
];
const clients = () => ({ city, county, national });
const strip = (body) => (body && typeof body === 'object' && 'generated_at' in body ? { ...body, generated_at: 0 } : body);

// The same user's session on another process of the same database.
const via = (client, srv) => Object.assign(new Api(srv.base, `${client.name}@${srv.port}`), { cookies: new Map(client.cookies), csrf: client.csrf });

async function read(srv) {
  const out = {};
  for (const [who, url] of views()) {
    const c = srv === server ? clients()[who] : via(clients()[who], srv);
    out[`${who} ${url}`] = strip(expectStatus(await c.get(url), 200, `${who} GET ${url}`).body);
  }
  return out;
}

// Reads every view twice on the warm server (the second read is served from its cache), runs the
// write, then compares the warm server's answers with a fresh process's and returns both reads.
async function afterWrite(what, write) {
  const prev = await read(server);
  assert.deepEqual(await read(server), prev, `${what}: a repeated read gives the same answer`);
  await write();
  const warm = await read(server);
  const fresh = await startServer(PG_DB ? { dataDir: server.dataDir, db: PG_DB } : { dataDir: server.dataDir });
  try {
    const cold = await read(fresh);
    for (const k of Object.keys(cold)) assert.deepEqual(warm[k], cold[k], `${what}: ${k} equals a fresh computation`);
  } finally {
    await fresh.stop();
  }
  const seen = await read(other);
  for (const k of Object.keys(seen)) assert.deepEqual(seen[k], warm[k], `${what}: ${k} is the same on the other process`);
  return { prev, now: warm };
}

const S = (r, who = 'city', q = '') => r[`${who} /campaigns/${campaign.id}/stats${q}`];
const L = (r, who, q) => r[`${who} /campaigns/${campaign.id}/${q}`];
const statusCount = (s, status) => s.results_by_status.find((x) => x.status === status).count;

before(async () => {
  server = await startServer(PG_DB ? { db: PG_DB } : {});
  other = await startServer(PG_DB ? { dataDir: server.dataDir, db: PG_DB } : { dataDir: server.dataDir });
  admin = await adminClient(server, { db: PG_DB });
  const mk = async (key, role, region_code) => (await createUser(admin, { username: `cc_${key}_${tag}`, role, region_code, name: `${key}_${tag}` })).client;
  [national, tech, county, city, province] = await Promise.all([
    mk('national', 'national_office'), mk('tech', 'technical_body', '330200'), mk('county', 'county_regulator', '330203'),
    mk('city', 'city_regulator', '330200'), mk('prov', 'province_regulator', '330000'),
  ]);
  [entHs, entHs2, entJb] = await Promise.all([
    ['330203', 'hs'], ['330203', 'hs2'], ['330205', 'jb'],
  ].map(([region, k]) => registerEnterprise(server.base, { region, actor: `cc_ent_${k}_${tag}`, name: `缓存测试${k}电器有限公司${tag}`, industry: '38' })));
  plan = await publishPlan(tech, national);
  campaign = expectStatus(await city.post('/campaigns', campaignBody()), 201, 'campaign').body;
  expectStatus(await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [entHs.enterprise.id] }), 200);
});
after(async () => {
  await other?.stop();
  await server?.stop();
  server?.cleanup();
});

let r1, r2;

test('cache: after every kind of write the warm answers equal a fresh process’s and show the change', async () => {
  // members added (by the county in its county, by the city elsewhere)
  let { prev, now } = await afterWrite('member added', async () => {
    expectStatus(await county.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [entHs2.enterprise.id] }), 200);
    expectStatus(await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [entJb.enterprise.id] }), 200);
  });
  assert.equal(S(now).totals.enterprises, S(prev).totals.enterprises + 2);
  assert.equal(S(now, 'county').totals.enterprises, S(prev, 'county').totals.enterprises + 1, 'the county counts only its own');
  assert.equal(L(now, 'city', 'members?page=1').total, L(prev, 'city', 'members?page=1').total + 2);
  assert.equal(S(now).quotas.find((q) => q.region_code === '330205').enterprises, 1);

  // a draft result, then its submission
  ({ prev, now } = await afterWrite('result drafted', async () => { r1 = await draftResult(entHs.client, `滚筒洗衣机${tag}`); }));
  assert.equal(statusCount(S(now), 'draft'), statusCount(S(prev), 'draft') + 1);
  assert.equal(L(now, 'city', 'results').total, L(prev, 'city', 'results').total + 1);
  assert.equal(L(now, 'city', 'results?status=reported').total, L(prev, 'city', 'results?status=reported').total, 'a draft is not reported');
  ({ prev, now } = await afterWrite('result submitted', async () => {
    r1 = expectStatus(await entHs.client.post(`/results/${r1.id}/submit`, { version: r1.version }), 200).body;
  }));
  assert.equal(S(now).totals.submitted, S(prev).totals.submitted + 1);
  assert.deepEqual(L(now, 'city', 'results?status=reported').items.map((x) => x.id), [r1.id]);
  assert.equal(L(now, 'city', 'members?result_status=reported').total, 1);
  assert.equal(S(now).targets.find((t) => t.metric === 'results_submitted').actual, 1);

  // reviewed up the chain and published
  ({ prev, now } = await afterWrite('result reviewed', async () => {
    r1 = expectStatus(await county.post(`/results/${r1.id}/review`, { version: r1.version, action: 'pass', comment: '同意' }), 200).body;
  }));
  assert.equal(statusCount(S(now), 'county_reviewed'), statusCount(S(prev), 'county_reviewed') + 1);
  assert.equal(statusCount(S(now), 'submitted'), statusCount(S(prev), 'submitted') - 1);
  assert.equal(L(now, 'city', 'results?status=reported').items[0].status, 'county_reviewed');
  ({ prev, now } = await afterWrite('result published', async () => {
    for (const c of [city, province, national])
      r1 = expectStatus(await c.post(`/results/${r1.id}/review`, { version: r1.version, action: 'pass', comment: '同意' }), 200).body;
    r1 = expectStatus(await national.post(`/results/${r1.id}/review`, { version: r1.version, action: 'publish' }), 200).body;
    assert.equal(r1.status, 'published');
  }));
  assert.equal(S(now).totals.published, S(prev).totals.published + 1);
  assert.equal(S(now, 'county').totals.published, 1);
  assert.deepEqual(L(now, 'county', 'results?status=published').items.map((x) => x.id), [r1.id]);

  // a return by the reviewer
  ({ prev, now } = await afterWrite('result returned', async () => {
    r2 = await draftResult(entJb.client, `冰箱${tag}`);
    r2 = expectStatus(await entJb.client.post(`/results/${r2.id}/submit`, { version: r2.version }), 200).body;
    const countyJb = (await createUser(admin, { username: `cc_county_jb_${tag}`, role: 'county_regulator', region_code: '330205', name: 'jb' })).client;
    r2 = expectStatus(await countyJb.post(`/results/${r2.id}/review`, { version: r2.version, action: 'return', comment: '请补充检测报告' }), 200).body;
  }));
  assert.equal(statusCount(S(now), 'returned'), statusCount(S(prev), 'returned') + 1);

  // the campaign edited: a quota, a target and a participating region added
  ({ prev, now } = await afterWrite('campaign edited', async () => {
    const cur = expectStatus(await city.get(`/campaigns/${campaign.id}`), 200).body;
    campaign = expectStatus(await city.put(`/campaigns/${campaign.id}`, {
      ...campaignBody({
        regions: [{ region_code: '330203', quota: 4 }, { region_code: '330205', quota: 8 }, { region_code: '330206', quota: 5 }],
        targets: [{ metric: 'enterprises', value: 500, due_date: addDays(today, 290) }, { metric: 'results_submitted', value: 10 }],
      }),
      version: cur.version,
    }), 200, 'edit').body;
  }));
  assert.equal(S(now).totals.quota, 17);
  assert.equal(S(prev).totals.quota, 18);
  assert.deepEqual(S(now).quotas.map((q) => [q.region_code, q.quota]), [['330203', 4], ['330205', 8], ['330206', 5]]);
  assert.equal(S(now).targets.find((t) => t.metric === 'enterprises').value, 500);

  // a plan published (the plans counted in the scope)
  ({ prev, now } = await afterWrite('plan published', async () => {
    await publishPlan(tech, national, { product: `电冰箱${tag}` });
  }));
  const published = (s) => s.plans_by_status.find((x) => x.status === 'published').count;
  assert.equal(published(S(now)), published(S(prev)) + 1, 'the technical body of Ningbo publishes in the city');

  // a member removed
  ({ prev, now } = await afterWrite('member removed', async () => {
    expectStatus(await city.del(`/campaigns/${campaign.id}/members/${entHs2.enterprise.id}`), 204);
  }));
  assert.equal(S(now).totals.enterprises, S(prev).totals.enterprises - 1);
  assert.equal(L(now, 'city', 'members?page=1').total, L(prev, 'city', 'members?page=1').total - 1);

  // the name of who added the members: users move no epoch, the name is read on every answer
  ({ prev, now } = await afterWrite('user renamed', async () => {
    expectStatus(await admin.patch(`/users/${city.user.id}`, { display_name: `宁波市局${tag}` }), 200);
  }));
  const names = (r) => L(r, 'city', 'members?page=1').items.filter((m) => m.enterprise_id === entHs.enterprise.id || m.enterprise_id === entJb.enterprise.id).map((m) => m.added_by_name);
  assert.deepEqual(names(now), [`宁波市局${tag}`, `宁波市局${tag}`]);
  assert.notDeepEqual(names(prev), names(now));
});

test('cache: a write through the other process is seen at once by this one', async () => {
  const cityB = via(city, other);
  const countyB = via(county, other);
  const before = await read(server);
  const extra = await registerEnterprise(server.base, { region: '330203', actor: `cc_ent_x_${tag}`, name: `缓存测试x电器有限公司${tag}`, industry: '38' });
  expectStatus(await countyB.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [extra.enterprise.id] }), 200);
  const after = await read(server);
  assert.equal(S(after).totals.enterprises, S(before).totals.enterprises + 1);
  assert.equal(L(after, 'city', 'members?page=1').total, L(before, 'city', 'members?page=1').total + 1);
  assert.ok(L(after, 'city', 'members?page=1').items.some((m) => m.enterprise_id === extra.enterprise.id));
  // and a result submitted through the other process reaches this one's drill-down
  const r = await draftResult(extra.client, `波轮洗衣机${tag}`);
  expectStatus(await via(extra.client, other).post(`/results/${r.id}/submit`, { version: r.version }), 200);
  const again = await read(server);
  assert.ok(L(again, 'city', 'results?status=reported').items.some((x) => x.id === r.id));
  assert.equal(S(again).totals.submitted, S(after).totals.submitted + 1);
  assert.deepEqual(S(again), strip(expectStatus(await cityB.get(`/campaigns/${campaign.id}/stats`), 200).body));
});

test('cache: refusals are not kept — another region, a bad filter, no session', async () => {
  const cityHz = (await createUser(admin, { username: `cc_city_hz_${tag}`, role: 'city_regulator', region_code: '330100', name: 'hz' })).client;
  await city.get(`/campaigns/${campaign.id}/stats`); // warm
  assert.equal((await cityHz.get(`/campaigns/${campaign.id}/stats`)).status, 404);
  assert.equal((await cityHz.get(`/campaigns/${campaign.id}/results`)).status, 404);
  assert.equal((await cityHz.get(`/campaigns/${campaign.id}/members`)).status, 404);
  assert.equal((await tech.get(`/campaigns/${campaign.id}/stats`)).status, 403);
  assert.equal((await county.get(`/campaigns/${campaign.id}/stats?region_code=330205`)).status, 404, 'outside the county');
  assert.equal((await city.get(`/campaigns/${campaign.id}/results?industry_code=ZZZ`)).status, 422);
  assert.equal((await city.get(`/campaigns/${campaign.id}/members?industry_code=ZZZ`)).status, 422);
  assert.equal((await new Api(server.base, 'anon').get(`/campaigns/${campaign.id}/stats`)).status, 401);
  // and the warm answer is still served to the one allowed
  expectStatus(await city.get(`/campaigns/${campaign.id}/stats`), 200);
});
