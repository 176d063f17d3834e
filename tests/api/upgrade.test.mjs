// Upgrade with data (issue 11 §4): a data directory made by serving at an older schema
// (`--migrate-up-to 11`, the schema before analysis reports, 领跑者, information services and the
// statistics epoch) and filled through the API, then served by the current binary: every later
// migration is applied on start, nothing made before is lost, and the campaign's statistics
// (counters kept by triggers since schema 9, cached since 16) count the members made before.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminClient, createUser, registerEnterprise, expectStatus, listAll, todayCst, loginAs,
} from './fixtures.mjs';

const OLD_SCHEMA = 11;
const servers = [];
after(async () => {
  for (const s of servers) await s.stop('SIGKILL').catch(() => {});
  servers[0]?.cleanup();
});

const today = todayCst();
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

test(`a data directory at schema ${OLD_SCHEMA} with data is upgraded on start and keeps its data`, { timeout: 180000 }, async () => {
  const old = await startServer({ extraArgs: ['--migrate-up-to', String(OLD_SCHEMA)] });
  servers.push(old);
  const admin = await adminClient(old);
  assert.equal(expectStatus(await admin.get('/health'), 200).body.schema_version, OLD_SCHEMA, 'served at the old schema');
  const city = (await createUser(admin, { username: 'up_city', role: 'city_regulator', region_code: '330200' })).client;
  const ents = [];
  for (let n = 0; n < 3; n++) ents.push(await registerEnterprise(old.base, { region: n === 2 ? '330205' : '330203', industry: '38' }));
  const campaign = expectStatus(await city.post('/campaigns', {
    name: '升级测试专项行动', year: Number(today.slice(0, 4)), description: '', start_date: addDays(today, -10), end_date: addDays(today, 200),
    industries: ['38'], batches: [], phases: [{ key: 'select', name: '确定对标企业', due_date: addDays(today, 30) }],
    targets: [{ metric: 'enterprises', value: 10 }], regions: [{ region_code: '330203', quota: 5 }, { region_code: '330205', quota: 5 }],
  }), 201).body;
  expectStatus(await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: ents.map((e) => e.enterprise.id) }), 200);
  const before = (await listAll(admin, '/enterprises')).map((e) => e.credit_code).sort();
  await old.stop();

  const now = await startServer({ dataDir: old.dataDir });
  servers.push(now);
  const admin2 = await adminClient(now);
  const health = expectStatus(await admin2.get('/health'), 200).body;
  assert.ok(health.schema_version > OLD_SCHEMA, `migrated past ${OLD_SCHEMA} (now ${health.schema_version})`);
  assert.deepEqual((await listAll(admin2, '/enterprises')).map((e) => e.credit_code).sort(), before, 'the enterprises are kept');
  // the office and the enterprises log in with their old passwords
  const city2 = await loginAs(now.base, 'up_city', city.password, 'city');
  const stats = expectStatus(await city2.get(`/campaigns/${campaign.id}/stats`), 200).body;
  assert.equal(stats.totals.enterprises, 3, 'the members made before the upgrade are counted');
  const ent = await loginAs(now.base, ents[0].username, ents[0].password, 'ent');
  expectStatus(await ent.get('/enterprises/mine'), 200);
  // features of the later schemas work on the upgraded data
  expectStatus(await city2.post('/notices', { title: '升级后的通知', body: '正文', audience: 'subtree' }), 201, 'notices (schema 14)');
  expectStatus(await city2.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [(await registerEnterprise(now.base, { region: '330203', industry: '38' })).enterprise.id] }), 200);
  const after = expectStatus(await city2.get(`/campaigns/${campaign.id}/stats`), 200).body;
  assert.equal(after.totals.enterprises, 4, 'a member added after the upgrade is counted too');
  await now.stop();
});
