// The workbench (GET /api/v1/workbench) and the starter catalog (POST /api/v1/standards/starter)
// as a matrix of role × own / other region, on the demo data (`duibiao demo load`).
//
// Rules the tables encode:
//   - no session → 401;
//   - every signed-in role gets its own workbench (200) whose figures are those of its scope: each
//     count equals the total of the list behind it, read independently through that list's own
//     route by the same caller (so a figure can never show more than the list it links to);
//   - two counties of one city, and a city of another province, see different figures, each its own;
//   - campaign_id of a campaign whose statistics the caller may not read → 404 (the answer never
//     tells whether it exists), a malformed one → 422 naming campaign_id;
//   - the starter catalog: national office and administrators only (403 for every other role,
//     the catalog unchanged), loading twice adds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { binary } from '../lib/server.mjs';
import { startServer, loginAs, expectStatus, expectError, expectFields, Api, enterpriseBody, userBody } from './fixtures.mjs';

let dataDir, server;
const accounts = {};
const A = {};
const REGULATORS = ['demo_haishu', 'demo_yinzhou', 'demo_ningbo', 'demo_hangzhou', 'demo_zhejiang', 'demo_national'];
const ALL = ['admin', ...REGULATORS, 'demo_tech', 'demo_expert', 'demo_ent1'];

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'duibiao-workbench-'));
  // WORKBENCH_TEST_DB: an empty PostgreSQL database to run the same matrix on (the demo refuses
  // a database that holds data, so it cannot share DUIBIAO_TEST_PG_API with the other suites)
  const db = process.env.WORKBENCH_TEST_DB;
  const out = execFileSync(binary, ['demo', 'load', '--data', dataDir, ...(db ? ['--db', db] : [])], { encoding: 'utf8' });
  for (const m of out.matchAll(/^\s+(\S+)\s{2}(\S+)\s{2}/gm)) accounts[m[1]] = m[2];
  server = await startServer({ dataDir, db });
  for (const u of ALL) A[u] = await loginAs(server.base, u, accounts[u]);
  A.anon = new Api(server.base, 'anon');
  await A.anon.prepare();
});

after(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const total = async (who, url) => expectStatus(await A[who].get(url), 200, url).body.total;
const sum = (list) => list.reduce((n, x) => n + x.count, 0);
const wb = async (who, q = '') => expectStatus(await A[who].get('/workbench' + q), 200, `${who} workbench`).body;

test('no session: 401', async () => {
  expectError(await A.anon.get('/workbench'), 401, 'unauthenticated');
});

test('every role gets its own workbench and only its parts', async () => {
  for (const u of ALL) {
    const w = await wb(u);
    assert.equal(w.role, A[u].user.role, u);
    const regulator = REGULATORS.includes(u);
    assert.equal(w.queue_waiting !== null, regulator, `${u}: the queue is a reviewer's`);
    assert.equal(w.system !== null, u === 'admin', `${u}: system health is the administrator's`);
    assert.equal(w.users_by_role.length > 0, u === 'admin', `${u}: users by role`);
    assert.equal(w.audit.length > 0, u === 'admin', `${u}: audit rows`);
    assert.equal('next_step' in w, u === 'demo_ent1', `${u}: the next step is the enterprise's`);
    if (['demo_tech', 'demo_expert', 'demo_ent1'].includes(u)) {
      assert.equal(w.campaign, null, `${u} reads no campaign statistics`);
      assert.equal(w.enterprises, null, u);
      assert.deepEqual(w.activity, [], `${u}: no regulator's feed`);
    }
  }
});

test('reviewers: each figure is the total of the list behind it, for the same caller', async () => {
  const seen = {};
  for (const u of REGULATORS) {
    const w = await wb(u);
    assert.equal(w.queue_waiting, await total(u, '/results?queue=1&page_size=1'), `${u} queue`);
    assert.equal(w.queue_overdue, await total(u, '/results?queue=1&overdue=1&page_size=1'), `${u} overdue`);
    assert.equal(w.enterprises, await total(u, '/enterprises?page_size=1'), `${u} enterprises`);
    assert.equal(sum(w.results_by_status), await total(u, '/results?page_size=1'), `${u} results by status`);
    for (const s of w.results_by_status) {
      assert.notEqual(s.key, 'draft', `${u}: drafts never submitted are not a regulator's business`);
      assert.equal(s.count, await total(u, `/results?status=${s.key}&page_size=1`), `${u} ${s.key}`);
    }
    // the moves in the feed are of results the caller can open
    for (const a of w.activity) expectStatus(await A[u].get(`/results/${a.result_id}`), 200, `${u} activity ${a.result_id}`);
    seen[u] = w;
  }
  // two counties of Ningbo and Hangzhou: each its own figures
  assert.ok(seen.demo_haishu.enterprises > 0 && seen.demo_yinzhou.enterprises > 0);
  assert.equal(seen.demo_haishu.enterprises + seen.demo_yinzhou.enterprises <= seen.demo_ningbo.enterprises, true, 'two counties within their city');
  assert.ok(seen.demo_ningbo.enterprises > seen.demo_hangzhou.enterprises, 'Hangzhou does not count Ningbo');
  assert.ok(seen.demo_national.enterprises >= seen.demo_zhejiang.enterprises);
});

test('the campaign figures are the campaign statistics of the caller, for the nearest campaign', async () => {
  const campaigns = expectStatus(await A.demo_national.get('/campaigns?page_size=50'), 200).body.items;
  const ningbo = campaigns.find((c) => c.level === 'city' && c.region_code === '330200');
  const nat = campaigns.find((c) => c.level === 'national');
  assert.ok(ningbo && nat);
  const expectCampaign = { demo_haishu: ningbo.id, demo_ningbo: ningbo.id, demo_national: nat.id };
  for (const [u, id] of Object.entries(expectCampaign)) {
    const w = await wb(u);
    assert.equal(w.campaign.campaign_id, id, `${u}: the campaign whose region contains its own`);
    const stats = expectStatus(await A[u].get(`/campaigns/${id}/stats`), 200).body;
    assert.deepEqual(w.campaign.totals, stats.totals, `${u}: the same figures as the campaign's dashboard`);
    assert.equal(w.campaign.scope.region_code, stats.scope.region_code);
  }
  const hz = await wb('demo_hangzhou');
  assert.notEqual(hz.campaign?.campaign_id, ningbo.id, 'Hangzhou is not shown Ningbo\'s campaign');
  assert.ok(!hz.campaigns.some((c) => c.id === ningbo.id), 'nor offered it');
  // asking for a campaign outside what the caller reads: 404, whoever asks
  for (const u of ['demo_hangzhou', 'demo_ent1', 'demo_tech', 'demo_expert'])
    expectError(await A[u].get(`/workbench?campaign_id=${ningbo.id}`), 404, 'not_found', u);
  expectError(await A.demo_haishu.get('/workbench?campaign_id=999999'), 404, 'not_found');
  // inside it: the county's part of the city campaign
  const hs = await wb('demo_haishu', `?campaign_id=${ningbo.id}`);
  assert.equal(hs.campaign.scope.region_code, '330203');
  for (const bad of ['abc', '0', '-3', '1.5']) expectFields(await A.demo_haishu.get(`/workbench?campaign_id=${bad}`), ['campaign_id']);
});

// The offices' pages are kept between writes (under the statistics epoch): every write to what
// they count shows at once, for every office it concerns, and each figure still equals its list.
test('kept office pages: a review, a registration and an objection show at once', async () => {
  // the county of Ningbo with a result waiting (the demo has one in every state)
  let county, item;
  for (const u of ['demo_haishu', 'demo_yinzhou']) {
    item = expectStatus(await A[u].get('/results?queue=1&page_size=1'), 200).body.items[0];
    if (item) { county = u; break; }
  }
  assert.ok(item, 'the demo has a result waiting at a county of 宁波');
  const offices = [county, 'demo_ningbo', 'demo_national'];
  const before = {};
  for (const u of offices) { await wb(u); before[u] = await wb(u); } // the second one is kept
  const r = expectStatus(await A[county].get(`/results/${item.id}`), 200).body;
  expectStatus(await A[county].post(`/results/${item.id}/review`, { version: r.version, action: 'pass', comment: '同意' }), 200, 'county passes it on');
  const after = {};
  for (const u of offices) after[u] = await wb(u);
  assert.equal(after[county].queue_waiting, before[county].queue_waiting - 1, `${county}: one less waiting`);
  assert.equal(after.demo_ningbo.queue_waiting, before.demo_ningbo.queue_waiting + 1, '宁波: one more waiting');
  assert.notDeepEqual(after.demo_national.results_by_status, before.demo_national.results_by_status, 'the nation: a result moved on');
  assert.equal(after[county].activity[0].result_id, item.id, `${county}: the latest move first`);
  for (const u of offices) assert.equal(after[u].queue_waiting, await total(u, '/results?queue=1&page_size=1'), `${u} queue after the review`);

  const reg = new Api(server.base, 'reg');
  await reg.prepare();
  const region = county === 'demo_haishu' ? '330203' : '330212';
  expectStatus(await reg.post('/enterprises/register', { enterprise: enterpriseBody({ region }), user: userBody() }), 201, 'an enterprise of the county registers');
  for (const u of offices) {
    const w = await wb(u);
    assert.equal(w.enterprises, after[u].enterprises + 1, `${u}: one more enterprise`);
    assert.equal(w.enterprises, await total(u, '/enterprises?page_size=1'), `${u} enterprises`);
  }

  // a plan of the technical body in 公示 (the demo publishes its own)
  const plan = expectStatus(await A.demo_tech.post('/plans', {
    product: '电热水壶（节能型）', industry_code: '38', author_org: '宁波市标准化研究院', summary: '电热水壶对标 IEC',
    standards: [{ role: 'domestic', number: 'GB 4706.19-2008' }, { role: 'benchmark', number: 'IEC 60335-2-15:2016' }],
    indicators: [{ name: '噪声', unit: 'dB(A)', domestic_requirement: '≤62', benchmark_requirement: '≤65', core: true }],
  }), 201, 'a plan').body;
  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const later = new Date(Date.now() + 8 * 3600 * 1000 + 10 * 86400 * 1000).toISOString().slice(0, 10);
  expectStatus(await A.demo_tech.post(`/plans/${plan.id}/actions`, { action: 'submit' }), 200, 'to consultation');
  expectStatus(await A.demo_tech.post(`/plans/${plan.id}/actions`, { action: 'notice', notice_start: today, notice_end: later }), 200, 'to 公示');
  const open = (await wb('demo_national')).objections_open;
  expectStatus(await A[county].post(`/plans/${plan.id}/objections`, { text: '限值依据是否为最新版标准？' }), 201, 'an objection');
  assert.equal((await wb('demo_national')).objections_open, open + 1, 'the national office: one more objection to see answered');
});

test('the enterprise: its products, results, returned results and next step', async () => {
  const w = await wb('demo_ent1');
  assert.equal(w.products.total, await total('demo_ent1', '/products?page_size=1'));
  assert.equal(sum(w.results_by_status), await total('demo_ent1', '/results?page_size=1'));
  const returned = w.results_by_status.find((s) => s.key === 'returned').count;
  assert.equal(w.returned.length, Math.min(returned, 5));
  for (const r of w.returned) {
    const res = expectStatus(await A.demo_ent1.get(`/results/${r.result_id}`), 200).body;
    assert.equal(res.status, 'returned');
    assert.ok(r.reason.length > 0, 'the reason of the return is given');
  }
  assert.ok(typeof w.next_step.key === 'string' && w.next_step.label.length > 0);
  for (const d of w.deadlines) expectStatus(await A.demo_ent1.get(`/campaigns/${d.campaign_id}`), 200, 'a deadline of a campaign it takes part in');
});

test('the administrator: users by role, audit rows, system health', async () => {
  const w = await wb('admin');
  const users = expectStatus(await A.admin.get('/users?page_size=200'), 200).body;
  for (const r of w.users_by_role)
    assert.equal(r.count, users.items.filter((u) => u.role === r.key && !u.disabled).length, `users with role ${r.key}`);
  const audit = expectStatus(await A.admin.get('/audit?page_size=8'), 200).body.items;
  assert.deepEqual(w.audit.map((a) => a.id), audit.map((a) => a.id), 'the latest audit rows');
  const health = expectStatus(await A.anon.get('/health'), 200).body;
  assert.equal(w.system.database, health.database);
  assert.equal(w.system.schema_version, health.schema_version);
  assert.ok(w.system.disk_free_bytes > 0 && w.system.disk_total_bytes >= w.system.disk_free_bytes, JSON.stringify(w.system));
  assert.equal(path.resolve(w.system.data_dir), path.resolve(dataDir));
  assert.equal(w.system.database, process.env.WORKBENCH_TEST_DB ? 'postgresql' : 'sqlite');
});

test('starter catalog: the national office and administrators load it; nobody else; twice adds nothing', async () => {
  const count = async () => (await A.anon.get('/standards?page_size=1')).body.total;
  const before = await count();
  expectError(await A.anon.post('/standards/starter', {}), 401);
  for (const u of ['demo_ent1', 'demo_haishu', 'demo_ningbo', 'demo_zhejiang', 'demo_tech', 'demo_expert']) {
    expectError(await A[u].post('/standards/starter', {}), 403, 'forbidden', u);
    assert.equal(await count(), before, `${u}'s refusal changed nothing`);
  }
  for (const u of ['demo_national', 'admin']) {
    const r = expectStatus(await A[u].post('/standards/starter', {}), 200, u).body;
    assert.equal(r.imported, 0, 'the demo loaded it already');
    assert.equal(r.already_present, r.total);
    assert.ok(r.total >= 30);
  }
  assert.equal(await count(), before);
  const std = (await A.anon.get('/standards?q=19001&page_size=10')).body.items.find((s) => s.number === 'GB/T 19001-2016');
  assert.equal(std.adoption, 'IDT');
  assert.equal(std.adopted_number, 'ISO 9001:2015');
});
