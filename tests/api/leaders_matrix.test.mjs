// 领跑者 evaluation: every route × role × own / other region. Regions: 海曙 330203 (own) and 江北
// 330205 (other) under 宁波 330200; a technical body of 宁波 drafts and evaluates (tech), one of
// 杭州 does not (tech2).
//
// Rules the table encodes (src/service/leader_service.cpp):
//   - no session → 401 on every non-public route that needs one; plans, rounds and the public
//     lists read without one;
//   - a draft plan is seen by its author, administrators and the national office only (404 else);
//   - the evaluator (the plan's author; administrators) moves plans and rounds; the national
//     office may publish, return and withdraw; everyone else 403;
//   - declarations: the evaluator and the national office see all, regulators their subtree,
//     enterprises their own (404 outside), other technical bodies and experts none (403 on lists);
//   - writes of declarations: enterprises only (403), their own (404);
//   - probes that pass the permission check end in 409/422 so that nothing changes; the test
//     checks at the end that nothing did.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, expectStatus, todayCst } from './fixtures.mjs';
import { setUpActors, planBody, publishLeaderPlan, uploadPdf } from './leader_common.mjs';

let server, A;
const F = {};
const ACTORS = ['anon', 'admin', 'national', 'tech', 'tech2', 'expert', 'county_hs', 'county_jb', 'city_nb', 'ent_hs', 'ent_jb'];

before(async () => {
  server = await startServer();
  ({ A } = await setUpActors(server));
  F.draft = expectStatus(await A.tech.post('/leader-plans', planBody({ product: '草稿方案' })), 201).body;
  F.plan = await publishLeaderPlan(A.tech);
  F.round = expectStatus(await A.tech.post(`/leader-plans/${F.plan.id}/rounds`, {}), 201).body;
  F.hs = expectStatus(await A.ent_hs.post(`/leader-rounds/${F.round.id}/declarations`, { standard_number: 'Q/HS 1-2020', values: ['≥0.9', '≤50'] }), 201).body;
  F.jb = expectStatus(await A.ent_jb.post(`/leader-rounds/${F.round.id}/declarations`, { standard_number: 'Q/JB 1-2020', values: ['≥0.8', '≤60'] }), 201).body;
  // a second plan whose round is published, with a commitment letter
  F.plan2 = await publishLeaderPlan(A.tech, { product: '电冰箱' });
  F.round2 = expectStatus(await A.tech.post(`/leader-plans/${F.plan2.id}/rounds`, {}), 201).body;
  F.hs2 = expectStatus(await A.ent_hs.post(`/leader-rounds/${F.round2.id}/declarations`, { standard_number: 'Q/HS 2-2020', values: ['≥0.9', '≤50'] }), 201).body;
  expectStatus(await A.ent_jb.post(`/leader-rounds/${F.round2.id}/declarations`, { standard_number: 'Q/JB 2-2020', values: ['≥0.8', '≤60'] }), 201);
  expectStatus(await A.tech.post(`/leader-rounds/${F.round2.id}/actions`, { action: 'shortlist' }), 200);
  F.hs2 = expectStatus(await A.ent_hs.get(`/leader-declarations/${F.hs2.id}`), 200).body;
  const file = await uploadPdf(A.ent_hs);
  F.hs2 = expectStatus(await A.ent_hs.post(`/leader-declarations/${F.hs2.id}/commitment`, { file_hash: file.hash, version: F.hs2.version }), 200).body;
  const today = todayCst();
  expectStatus(await A.tech.post(`/leader-rounds/${F.round2.id}/actions`, { action: 'notice', notice_start: today, notice_end: today }), 200);
  expectStatus(await A.tech.post(`/leader-rounds/${F.round2.id}/actions`, { action: 'publish' }), 200);
});
after(async () => {
  await server.stop();
  server.cleanup();
});

// expected status per actor, in ACTORS order
const row = (anon, admin, national, tech, tech2, expert, county_hs, county_jb, city_nb, ent_hs, ent_jb) =>
  ({ anon, admin, national, tech, tech2, expert, county_hs, county_jb, city_nb, ent_hs, ent_jb });
const all = (s) => row(s, s, s, s, s, s, s, s, s, s, s);

const CASES = () => [
  ['GET /leader-plans', 'GET', '/leader-plans', null, all(200)],
  ['POST /leader-plans (empty product)', 'POST', '/leader-plans', { product: '' }, row(401, 422, 403, 422, 422, 403, 403, 403, 403, 403, 403)],
  ['GET /leader-plans/{draft}', 'GET', `/leader-plans/${F.draft.id}`, null, row(404, 200, 200, 200, 404, 404, 404, 404, 404, 404, 404)],
  ['GET /leader-plans/{published}', 'GET', `/leader-plans/${F.plan.id}`, null, all(200)],
  ['PUT /leader-plans/{draft} (stale)', 'PUT', `/leader-plans/${F.draft.id}`, { ...planBody(), version: 999 }, row(401, 409, 403, 409, 404, 404, 404, 404, 404, 404, 404)],
  ['POST /leader-plans/{draft}/actions publish', 'POST', `/leader-plans/${F.draft.id}/actions`, { action: 'publish' }, row(401, 409, 409, 409, 404, 404, 404, 404, 404, 404, 404)],
  ['GET /leader-plans/{id}/objections', 'GET', `/leader-plans/${F.plan.id}/objections`, null, all(200)],
  ['POST /leader-plans/{id}/objections (not in notice)', 'POST', `/leader-plans/${F.plan.id}/objections`, { text: '异议' }, row(401, 409, 409, 409, 409, 409, 409, 409, 409, 409, 409)],
  ['POST /leader-plans/{id}/objections/{oid}/answer', 'POST', `/leader-plans/${F.plan.id}/objections/999999/answer`, { answer: '答复' }, row(401, 404, 403, 404, 403, 403, 403, 403, 403, 403, 403)],
  ['GET /leader-plans/{id}/rounds', 'GET', `/leader-plans/${F.plan.id}/rounds`, null, all(200)],
  ['POST /leader-plans/{id}/rounds (one open)', 'POST', `/leader-plans/${F.plan.id}/rounds`, {}, row(401, 409, 403, 409, 403, 403, 403, 403, 403, 403, 403)],
  ['GET /leader-rounds/{id}', 'GET', `/leader-rounds/${F.round.id}`, null, all(200)],
  ['POST /leader-rounds/{id}/actions publish (declaring)', 'POST', `/leader-rounds/${F.round.id}/actions`, { action: 'publish' }, row(401, 409, 409, 409, 403, 403, 403, 403, 403, 403, 403)],
  ['GET /leader-rounds/{id}/ranking', 'GET', `/leader-rounds/${F.round.id}/ranking`, null, row(401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403)],
  ['GET /leader-rounds/{id}/declarations', 'GET', `/leader-rounds/${F.round.id}/declarations`, null, row(401, 200, 200, 200, 403, 403, 200, 200, 200, 200, 200)],
  ['POST /leader-rounds/{id}/declarations (no number)', 'POST', `/leader-rounds/${F.round.id}/declarations`, { standard_number: '' }, row(401, 403, 403, 403, 403, 403, 403, 403, 403, 422, 422)],
  ['GET /leader-declarations/{own}', 'GET', `/leader-declarations/${F.hs.id}`, null, row(401, 200, 200, 200, 404, 404, 200, 404, 200, 200, 404)],
  ['PUT /leader-declarations/{own} (stale)', 'PUT', `/leader-declarations/${F.hs.id}`, { standard_number: 'Q/HS 1-2020', values: [], version: 999 }, row(401, 403, 403, 403, 403, 403, 403, 403, 403, 409, 404)],
  ['POST /leader-declarations/{own}/commitment (round declaring)', 'POST', `/leader-declarations/${F.hs.id}/commitment`, { file_hash: '0'.repeat(64), version: F.hs.version }, row(401, 403, 403, 403, 403, 403, 403, 403, 403, 409, 404)],
  ['GET /leader-declarations/{own}/commitment', 'GET', `/leader-declarations/${F.hs2.id}/commitment`, null, row(401, 200, 200, 200, 404, 404, 200, 404, 200, 200, 404)],
  ['GET /public/leaders', 'GET', '/public/leaders', null, all(200)],
  ['GET /public/leaders/export.xlsx', 'GET', '/public/leaders/export.xlsx', null, all(200)],
  ['GET /leader-rounds/{id}/ranking/export.xlsx', 'GET', `/leader-rounds/${F.round.id}/ranking/export.xlsx`, null, row(401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403)],
  ['GET /public/leader-rounds/{declaring}', 'GET', `/public/leader-rounds/${F.round.id}`, null, all(404)],
  ['GET /public/leader-rounds/{published}', 'GET', `/public/leader-rounds/${F.round2.id}`, null, all(200)],
];

test('role × own / other region on every 领跑者 route', async () => {
  const failures = [];
  for (const [label, method, url, body, expected] of CASES()) {
    for (const actor of ACTORS) {
      const c = A[actor];
      const r = body === null ? await c.request(method, url) : await c.request(method, url, { json: body });
      if (r.status !== expected[actor]) failures.push(`${label} as ${actor}: ${r.status} (expected ${expected[actor]}) ${String(r.text).slice(0, 160)}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('lists answer with what each caller may see, counted here', async () => {
  const n = async (who) => expectStatus(await A[who].get(`/leader-rounds/${F.round.id}/declarations`), 200).body.items.map((d) => d.id).sort();
  const both = [F.hs.id, F.jb.id].sort();
  for (const who of ['admin', 'national', 'tech', 'city_nb']) assert.deepEqual(await n(who), both, who);
  for (const who of ['county_hs', 'ent_hs']) assert.deepEqual(await n(who), [F.hs.id], who);
  for (const who of ['county_jb', 'ent_jb']) assert.deepEqual(await n(who), [F.jb.id], who);
  const plans = async (who) => expectStatus(await A[who].get('/leader-plans?page_size=200'), 200).body.items.map((p) => p.id);
  for (const who of ['admin', 'national', 'tech']) assert.ok((await plans(who)).includes(F.draft.id), who);
  for (const who of ['anon', 'tech2', 'expert', 'county_hs', 'ent_hs']) assert.ok(!(await plans(who)).includes(F.draft.id), who);
  const pub = expectStatus(await A.anon.get('/public/leaders'), 200).body;
  assert.deepEqual(pub.items.map((e) => e.id), [F.hs2.id], 'only the committed, published entry');
});

test('the refused requests changed nothing', async () => {
  const round = expectStatus(await A.tech.get(`/leader-rounds/${F.round.id}`), 200).body;
  assert.equal(round.status, 'declaring');
  assert.equal(round.version, F.round.version);
  assert.equal(round.declarations, 2);
  const hs = expectStatus(await A.tech.get(`/leader-declarations/${F.hs.id}`), 200).body;
  assert.equal(hs.version, F.hs.version);
  assert.equal(hs.status, 'declared');
  const draft = expectStatus(await A.tech.get(`/leader-plans/${F.draft.id}`), 200).body;
  assert.equal(draft.status, 'draft');
  assert.equal(draft.version, F.draft.version);
  const objections = expectStatus(await A.anon.get(`/leader-plans/${F.plan.id}/objections`), 200).body.items;
  assert.equal(objections.length, 0);
  const plans = expectStatus(await A.admin.get('/leader-plans?page_size=200'), 200).body;
  assert.equal(plans.total, 3);
});
