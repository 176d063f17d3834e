// The detail page of a result (GET /results/{id}) is kept per process once rendered and used
// again while the row still has the fingerprint it was rendered from (service/result_service.cpp,
// result_page): its version, the joined names, the top of its chain and its overdue flag. After
// every kind of write that changes what the page shows — including writes that leave the result's
// version alone (a product renamed, the review settings) and writes made through another
// process — the warm server's page must equal a fresh process's (empty cache) and show the change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminClient, createUser, registerEnterprise, Api, expectStatus, publishPlan, todayCst, suffix, sleep, PG,
} from './fixtures.mjs';

const today = todayCst();
const tag = suffix();
let server, other, admin, national, tech, county, city, ent, plan, product, result;

const rows = (measured) => [
  { enterprise_requirement: '≥0.85', measured_value: measured, report_number: 'BG-1', lab: '宁波市产品质量检验研究院', report_date: today },
  { enterprise_requirement: '≤60 dB(A)', measured_value: '58', report_number: 'BG-1', lab: '宁波市产品质量检验研究院', report_date: today },
  { enterprise_requirement: '≤0.75 mA', measured_value: '0.5', report_number: 'BG-2', lab: '宁波市产品质量检验研究院', report_date: today },
];
const productBody = (name) => ({
  name, model: 'XQB80', category: '洗衣机', industry_code: '38', standards: ['GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020',
});
const via = (client, srv) => Object.assign(new Api(srv.base, `${client.name}@${srv.port}`), { cookies: new Map(client.cookies), csrf: client.csrf });

// Who may read the page now: regulators only once it has been submitted.
let readers = () => [ent];

async function read(srv) {
  const out = new Map();
  for (const c of readers()) {
    const api = srv === server ? c : via(c, srv);
    out.set(c.name, expectStatus(await api.get(`/results/${result.id}`), 200, `${c.name} GET result`).body);
  }
  return out;
}

async function afterWrite(what, write, { otherLagMs = 0 } = {}) {
  const prev = await read(server);
  assert.deepEqual(await read(server), prev, `${what}: a repeated read gives the same page`);
  await write();
  const warm = await read(server);
  const fresh = await startServer(PG ? { dataDir: server.dataDir, db: PG } : { dataDir: server.dataDir });
  try {
    const cold = await read(fresh);
    for (const [who, page] of cold) assert.deepEqual(warm.get(who), page, `${what}: ${who}'s page equals a fresh process's`);
  } finally {
    await fresh.stop();
  }
  if (otherLagMs) await sleep(otherLagMs);  // the other process re-reads the settings every 5 s
  const seen = await read(other);
  for (const [who, page] of seen) assert.deepEqual(page, warm.get(who), `${what}: ${who}'s page is the same on the other process`);
  return { prev: prev.get(ent.name), now: warm.get(ent.name) };
}

before(async () => {
  server = await startServer(PG ? { db: PG } : {});
  other = await startServer(PG ? { dataDir: server.dataDir, db: PG } : { dataDir: server.dataDir });
  admin = await adminClient(server, { db: PG });
  const mk = async (key, role, region_code) => (await createUser(admin, { username: `rp_${key}_${tag}`, role, region_code, name: `${key}_${tag}` })).client;
  [national, tech, county, city] = await Promise.all([
    mk('national', 'national_office'), mk('tech', 'technical_body', '330200'), mk('county', 'county_regulator', '330203'),
    mk('city', 'city_regulator', '330200'),
  ]);
  const e = await registerEnterprise(server.base, { region: '330203', actor: `rp_ent_${tag}`, name: `页面缓存${tag}电器有限公司`, industry: '38' });
  ent = e.client;
  plan = await publishPlan(tech, national);
  product = expectStatus(await ent.post('/products', productBody(`滚筒洗衣机${tag}`)), 201, 'product').body;
  expectStatus(await ent.post(`/products/${product.id}/selection`, { selected: true }), 200, 'select');
  result = expectStatus(await ent.post('/results', { product_id: product.id, plan_id: plan.id }), 201, 'result').body;
  result = expectStatus(await ent.put(`/results/${result.id}`, {
    version: result.version, enterprise_standard: 'Q/NBHS 001-2020', indicators: rows('0.88'), conclusion: '达到对标要求', improvements: [],
  }), 200, 'fill').body;
});
after(async () => {
  await other?.stop();
  await server?.stop();
  server?.cleanup();
});

test('result page: kept pages follow every write that changes them, on this process and another', async () => {
  const save = (api, measured, conclusion, improvements = []) => async () => {
    result = expectStatus(await api.put(`/results/${result.id}`, {
      version: result.version, enterprise_standard: 'Q/NBHS 001-2020', indicators: rows(measured), conclusion, improvements,
    }), 200, 'save').body;
  };
  // the content saved
  let { prev, now } = await afterWrite('draft saved', save(ent, '0.82', '各项指标达到对标要求'));
  assert.equal(prev.indicators[0].measured_value, '0.88');
  assert.equal(now.indicators[0].measured_value, '0.82');
  assert.equal(now.indicators[0].measured_verdict, 'pass');
  assert.equal(now.conclusion, '各项指标达到对标要求');
  assert.equal(now.version, prev.version + 1);

  // the product renamed: the result's own version does not move, its page must change anyway
  ({ prev, now } = await afterWrite('product renamed', async () => {
    expectStatus(await ent.put(`/products/${product.id}`, productBody(`改名洗衣机${tag}`)), 200, 'rename');
  }));
  assert.equal(now.version, prev.version, 'the result row itself is unchanged');
  assert.equal(now.product_name, `改名洗衣机${tag}`);

  // submitted: the offices may read it from now on
  ({ prev, now } = await afterWrite('submitted', async () => {
    result = expectStatus(await ent.post(`/results/${result.id}/submit`, { version: result.version }), 200, 'submit').body;
    readers = () => [ent, county, city];
  }));
  assert.equal(prev.status, 'draft');
  assert.equal(now.status, 'submitted');
  assert.deepEqual(now.chain.map((s) => [s.level, s.state]).slice(0, 2), [['county', 'current'], ['city', 'todo']]);

  // the top of the chain set by the platform's settings: no write to the result at all
  const settings = expectStatus(await national.get('/settings/review'), 200).body;
  ({ prev, now } = await afterWrite('chain top changed', async () => {
    expectStatus(await national.put('/settings/review', { review_top: 'province', review_days: settings.review_days }), 200, 'settings');
  }, { otherLagMs: 5500 }));
  assert.equal(prev.chain.at(-1).level, settings.review_top);
  assert.equal(now.chain.at(-1).level, 'province');
  assert.equal(now.version, prev.version);

  // reviewed, then returned, then saved through the other process
  ({ prev, now } = await afterWrite('reviewed', async () => {
    result = expectStatus(await county.post(`/results/${result.id}/review`, { version: result.version, action: 'pass', comment: '同意' }), 200).body;
  }));
  assert.equal(now.status, 'county_reviewed');
  assert.deepEqual(now.chain.map((s) => [s.level, s.state]).slice(0, 2), [['county', 'done'], ['city', 'current']]);
  ({ prev, now } = await afterWrite('returned', async () => {
    result = expectStatus(await city.post(`/results/${result.id}/review`, { version: result.version, action: 'return', comment: '请补充' }), 200).body;
  }));
  assert.equal(now.status, 'returned');
  // below the benchmark's ≥0.80 this time: the verdict of the row and the gaps change too
  ({ prev, now } = await afterWrite('saved through the other process', save(via(ent, other), '0.75', '洗净比未达到',
    [{ indicator: '洗净比', action: '改进洗涤程序', responsible: '技术部', target_date: today }])));
  assert.equal(now.indicators[0].measured_value, '0.75');
  assert.equal(now.indicators[0].measured_verdict, 'fail');
  assert.ok(now.gaps.length > prev.gaps.length, 'a gap for the failed row');
  assert.equal(now.conclusion, '洗净比未达到');
  assert.deepEqual(now.improvements.map((i) => i.action), ['改进洗涤程序']);
  // submitted again: the page lists what changed since the first submission
  ({ prev, now } = await afterWrite('resubmitted', async () => {
    result = expectStatus(await ent.post(`/results/${result.id}/submit`, { version: result.version }), 200, 'resubmit').body;
  }));
  assert.deepEqual(prev.changes, []);
  assert.ok(now.changes.length > 0, 'what the second submission changed');
  expectStatus(await national.put('/settings/review', settings), 200, 'settings back');
});

test('result page: a kept page is never shown to whom the result is not visible', async () => {
  // the county of 江北 and another enterprise: the page is kept on this process by now
  const other330205 = (await createUser(admin, { username: `rp_jb_${tag}`, role: 'county_regulator', region_code: '330205', name: 'jb' })).client;
  const stranger = (await registerEnterprise(server.base, { region: '330203', actor: `rp_ent2_${tag}`, name: `旁人${tag}电器有限公司`, industry: '38' })).client;
  expectStatus(await ent.get(`/results/${result.id}`), 200);
  expectStatus(await other330205.get(`/results/${result.id}`), 404, 'another county');
  expectStatus(await stranger.get(`/results/${result.id}`), 404, 'another enterprise');
  expectStatus(await new Api(server.base, 'anonymous').get(`/results/${result.id}`), 401, 'no session');
});
