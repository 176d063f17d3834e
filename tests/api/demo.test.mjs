// `duibiao demo load`: a newcomer's living campaign in one command, and never into a real database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { binary } from '../lib/server.mjs';
import { startServer, loginAs, expectStatus, registerEnterprise } from './fixtures.mjs';

let dataDir;
let server;
const accounts = {};

function demoLoad(dir) {
  try {
    return { code: 0, out: execFileSync(binary, ['demo', 'load', '--data', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { code: e.status, out: String(e.stdout) + String(e.stderr) };
  }
}

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'duibiao-demo-'));
  const r = demoLoad(dataDir);
  assert.equal(r.code, 0, r.out);
  for (const m of r.out.matchAll(/^\s+(\S+)\s{2}(\S+)\s{2}/gm)) accounts[m[1]] = m[2];
  server = await startServer({ dataDir });
});

after(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the demo prints one account per role, each of which can log in straight away', async () => {
  for (const u of ['admin', 'demo_national', 'demo_zhejiang', 'demo_ningbo', 'demo_haishu', 'demo_tech', 'demo_expert', 'demo_ent1'])
    assert.ok(accounts[u], `account ${u} printed: ${JSON.stringify(Object.keys(accounts))}`);
  for (const [u, pw] of Object.entries(accounts)) {
    const c = await loginAs(server.base, u, pw);
    assert.equal(c.user.username, u);
    if (u !== 'admin') assert.equal(c.user.must_change_password, false, `${u} is not asked to change its password`);
  }
});

test('the seeds\' three campaigns, nested, with Ningbo\'s 附件1 quotas and its 附件2 list', async () => {
  const ningbo = await loginAs(server.base, 'demo_ningbo', accounts.demo_ningbo);
  const list = expectStatus(await ningbo.get('/campaigns'), 200).body.items;
  assert.equal(list.length, 3, 'national, Zhejiang and Ningbo are all visible to Ningbo');
  const nb = list.find((c) => c.level === 'city');
  const zj = list.find((c) => c.level === 'province');
  const nat = list.find((c) => c.level === 'national');
  assert.equal(nb.parent_id, zj.id);
  assert.equal(zj.parent_id, nat.id);
  assert.equal(nb.quota_total, 120, 'the 附件1 total');
  assert.equal(nb.regions.length, 15, '10 districts and counties and 5 functional zones');
  assert.deepEqual(nat.batches.map((b) => b.batch), [1, 2, 3]);
  assert.deepEqual(nb.phases.map((p) => p.key), ['select', 'plans', 'results', 'summary']);
  const rows = expectStatus(await ningbo.get(`/campaigns/${nb.id}/list?page_size=50`), 200).body;
  assert.equal(rows.total, 9, 'the Ningbo enterprises came in through the 附件2 list');
  assert.ok(rows.items.every((r) => r.plan_number.startsWith('DBFA-')), 'each row names a published plan');
  assert.equal(rows.items.filter((r) => r.support_needed).length, 1);
  const stats = expectStatus(await ningbo.get(`/campaigns/${nb.id}/stats`), 200).body;
  assert.equal(stats.totals.enterprises, 9);
  assert.ok(stats.totals.submitted > 0 && stats.totals.published > 0, JSON.stringify(stats.totals));
  assert.ok(stats.conversion.denominator > 0 && stats.consistency.denominator > 0, 'rates have something to count');
  const year = new Date(Date.now() + 8 * 3600e3).getUTCFullYear();
  const desk = expectStatus(await ningbo.get(`/campaigns/${nb.id}/reports?period=${year}-H1`), 200).body;
  const byRegion = Object.fromEntries(desk.children.map((c) => [c.region_code, c.status]));
  assert.equal(byRegion['330203'], 'submitted', '海曙 has submitted its 附件3 report');
  assert.equal(byRegion['330212'], 'draft', '鄞州 is still drafting');
  assert.equal(desk.children_submitted, 1);
  const tech = await loginAs(server.base, 'demo_tech', accounts.demo_tech);
  const requests = expectStatus(await tech.get('/support-requests?status=open'), 200).body;
  assert.equal(requests.total, 1, 'the row asking for support is in the technical body\'s queue');
});

test('results in every state of the review chain', async () => {
  const national = await loginAs(server.base, 'demo_national', accounts.demo_national);
  const nat = expectStatus(await national.get('/campaigns?level=national'), 200).body.items[0];
  const stats = expectStatus(await national.get(`/campaigns/${nat.id}/stats`), 200).body;
  const byStatus = Object.fromEntries(stats.results_by_status.map((s) => [s.status, s.count]));
  for (const s of ['draft', 'returned', 'submitted', 'county_reviewed', 'city_recommended', 'province_recommended', 'accepted', 'published'])
    assert.ok(byStatus[s] >= 1, `a result in ${s}: ${JSON.stringify(byStatus)}`);
  const provinces = stats.regions.filter((r) => r.enterprises > 0).map((r) => r.region_code);
  assert.deepEqual(provinces, ['330000']);
});

test('the demo never loads into a database that holds data', async () => {
  const again = demoLoad(dataDir);
  assert.notEqual(again.code, 0, 'a second load is refused');
  assert.match(again.out, /演示数据只装入新建的数据库/);
  // A real platform: one registered enterprise is enough to refuse.
  const real = mkdtempSync(path.join(tmpdir(), 'duibiao-real-'));
  const s = await startServer({ dataDir: real });
  try {
    await registerEnterprise(s.base, {});
  } finally {
    await s.stop();
  }
  const r = demoLoad(real);
  rmSync(real, { recursive: true, force: true });
  assert.notEqual(r.code, 0, r.out);
  assert.match(r.out, /演示数据只装入新建的数据库/);
});
