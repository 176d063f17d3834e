// Benchmarking results: every route of the results section of docs/api.md as a matrix of
// role × own / other region × state. The issue: "A regulator sees and acts only on results of
// enterprises in its own subtree, and only at its own level; the enterprise sees only its own."
//
// Regions: 海曙 330203 and 江北 330205 (宁波 330200, 浙江 330000), and 五指山 469001, a Hainan
// province-administered county (chain county → province → national, no city).
//
// Rules the tables encode (docs/api.md, src/service/result_service.cpp):
//   - no session → 401 on every non-public route;
//   - a role that may never use a route → 403 (writes of results: every role but enterprise;
//     review: enterprise, admin, technical_body, expert; lists: technical_body, expert);
//   - a row outside the caller's scope → 404, and a never-submitted draft is outside the scope of
//     everyone but its enterprise (regulators, national office and administrators alike);
//   - a reviewer in scope whose level / region is not the one the result waits for → 403;
//   - the right reviewer (or the owner) acting in a state that does not allow the action → 409;
//   - a refused request changes nothing (status, stage, version, events).
// Cells that expect success are played on a fresh result brought into the same state, so the
// shared fixtures keep their states for every table.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminClient, createUser, registerEnterprise, Api, expectStatus, publishPlan, todayCst,
  listAll, getBinary, xlsxText, show, suffix,
} from './fixtures.mjs';

let server;
let plan;
const A = {};   // actor → logged-in Api client (anon: pre-session CSRF token only)
const ENT = {}; // enterprise key → {client, enterprise}
const F = {};   // fixture column → result (as first built; re-read for the current state)
let pdf;        // {hash, bytes} uploaded by the 海曙 enterprise

const ACTORS = [
  'anon', 'admin', 'national', 'technical', 'expert',
  'county_hs', 'county_jb', 'city_nb', 'city_hz', 'prov_zj', 'prov_hn', 'county_hn',
  'ent_hs', 'ent_hs2', 'ent_jb', 'ent_hn',
];
const OWNER = { hs: 'ent_hs', hs2: 'ent_hs2', jb: 'ent_jb', hn: 'ent_hn' };

// Review chains by enterprise: the first stage, then per pass the reviewer and where the result goes.
const CHAIN = {
  hs: { first: ['county', '330203'], steps: [
    ['county_hs', 'county_reviewed', 'city', '330200'], ['city_nb', 'city_recommended', 'province', '330000'],
    ['prov_zj', 'province_recommended', 'national', ''], ['national', 'accepted', 'national', '']] },
  jb: { first: ['county', '330205'], steps: [
    ['county_jb', 'county_reviewed', 'city', '330200'], ['city_nb', 'city_recommended', 'province', '330000'],
    ['prov_zj', 'province_recommended', 'national', ''], ['national', 'accepted', 'national', '']] },
  hn: { first: ['county', '469001'], steps: [
    ['county_hn', 'county_reviewed', 'province', '460000'], ['prov_hn', 'province_recommended', 'national', ''],
    ['national', 'accepted', 'national', '']] },
};
CHAIN.hs2 = { first: CHAIN.hs.first, steps: CHAIN.hs.steps };
// Who returns a result in the fixture 'returned' (the second reviewer of the chain).
const RETURNER = { hs: 'city_nb', hs2: 'city_nb', jb: 'city_nb', hn: 'prov_hn' };

// Columns of the per-result tables: [enterprise, state].
const COLS = ['hD', 'hS', 'hCR', 'hCY', 'hPR', 'hA', 'hR', 'hP', 'jS', 'nS', 'nCR'];
const KIND = {
  hD: ['hs', 'draft'], hS: ['hs', 'submitted'], hCR: ['hs', 'county_reviewed'], hCY: ['hs', 'city_recommended'],
  hPR: ['hs', 'province_recommended'], hA: ['hs', 'accepted'], hR: ['hs', 'returned'], hP: ['hs', 'published'],
  jS: ['jb', 'submitted'], nS: ['hn', 'submitted'], nCR: ['hn', 'county_reviewed'],
};
// Fixtures that only appear in lists.
const EXTRA = { h2D: ['hs2', 'draft'], h2S: ['hs2', 'submitted'], jD: ['jb', 'draft'], nD: ['hn', 'draft'] };
const label = (col) => `${col} (${KIND[col] ? KIND[col].join(' ') : EXTRA[col].join(' ')})`;

const rep = (n, v) => Array(n).fill(v);

// ---------------------------------------------------------------- helpers
const rows = (fileHash = '') => [
  { enterprise_requirement: '≥0.85', measured_value: '0.88', report_number: 'BG-2026-101', lab: '宁波市产品质量检验研究院', report_date: todayCst(), file_hash: fileHash, file_name: fileHash ? '报告.pdf' : '' },
  { enterprise_requirement: '≤60 dB(A)', measured_value: '58', report_number: 'BG-2026-101', lab: '宁波市产品质量检验研究院', report_date: todayCst() },
  { enterprise_requirement: '≤0.75 mA', measured_value: '0.5', report_number: 'BG-2026-102', lab: '宁波市产品质量检验研究院', report_date: todayCst() },
];
const content = (version, ent, conclusion = '各项指标达到或优于对标标准') => ({
  version,
  enterprise_standard: 'Q/NBHS 001-2020',
  indicators: rows(ent === 'hs' ? pdf.hash : ''),
  conclusion,
  improvements: [{ indicator: '噪声', action: '优化电机减振', responsible: '张工', target_date: '2027-06-30' }],
});

let productSeq = 0;
// A complete draft: a new product, selected only while the result is created (3 at most).
async function newDraft(ent) {
  const c = ENT[ent].client;
  const p = expectStatus(await c.post('/products', {
    name: `洗衣机${++productSeq}`, model: 'XQB80', category: '洗衣机', industry_code: '38',
    standards: ['GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020',
  }), 201, 'product').body;
  expectStatus(await c.post(`/products/${p.id}/selection`, { selected: true }), 200, 'select');
  const r = expectStatus(await c.post('/results', { product_id: p.id, plan_id: plan.id }), 201, 'new result').body;
  expectStatus(await c.post(`/products/${p.id}/selection`, { selected: false }), 200, 'unselect');
  const filled = expectStatus(await c.put(`/results/${r.id}`, content(r.version, ent)), 200, 'fill').body;
  assert.equal(filled.version, r.version + 1);
  filled.ent = ent;
  return filled;
}

function checkAt(r, status, stage, region, what) {
  assert.deepEqual([r.status, r.stage, r.stage_region_code], [status, stage, region], `${what}: result ${r.id} v${r.version}`);
}

// A new result of enterprise `ent` brought to `state` through the chain; every step is checked.
async function makeIn(ent, state) {
  let r = await newDraft(ent);
  if (state === 'draft') return r;
  const owner = ENT[ent].client;
  r = expectStatus(await owner.post(`/results/${r.id}/submit`, { version: r.version }), 200, `submit (${ent})`).body;
  checkAt(r, 'submitted', ...CHAIN[ent].first, `submit (${ent})`);
  const review = async (who, action, comment = '') =>
    expectStatus(await A[who].post(`/results/${r.id}/review`, { version: r.version, action, comment }), 200, `${action} by ${who} toward ${state}`).body;
  if (state === 'returned') {
    const [who1, st1, sg1, rg1] = CHAIN[ent].steps[0];
    r = await review(who1, 'pass');
    checkAt(r, st1, sg1, rg1, `pass by ${who1}`);
    r = await review(RETURNER[ent], 'return', '检测报告不全，请补充');
    checkAt(r, 'returned', '', '', `return by ${RETURNER[ent]}`);
    r.ent = ent;
    return r;
  }
  for (const [who, st, sg, rg] of CHAIN[ent].steps) {
    if (r.status === state) break;
    r = await review(who, 'pass');
    checkAt(r, st, sg, rg, `pass by ${who}`);
  }
  if (state === 'published') {
    r = await review('national', 'publish');
    checkAt(r, 'published', '', '', 'publish');
  }
  assert.equal(r.status, state, `could not bring a ${ent} result to ${state}`);
  r.ent = ent;
  return r;
}

// The current state of a result as its enterprise sees it ('gone' once deleted).
async function snap(fx) {
  const r = await ENT[fx.ent].client.get(`/results/${fx.id}`);
  if (r.status === 404) return { gone: true };
  expectStatus(r, 200, 'owner re-read');
  const b = r.body;
  return { status: b.status, stage: b.stage, stage_region_code: b.stage_region_code, version: b.version, updated_at: b.updated_at, conclusion: b.conclusion };
}
async function eventCount(fx) {
  const r = expectStatus(await ENT[fx.ent].client.get(`/results/${fx.id}/events`), 200, 'owner events');
  return r.body.items.length;
}
const ids = (items) => items.map((x) => x.id).sort((a, b) => a - b);
const idsOf = (cols) => cols.map((c) => F[c].id).sort((a, b) => a - b);

// ---------------------------------------------------------------- setup
before(async () => {
  server = await startServer();
  A.admin = await adminClient(server);
  A.anon = await new Api(server.base, 'anon').prepare();
  // password hashing dominates the setup: register and create users concurrently
  const registering = Promise.all([['hs', '330203', 'ent_hs'], ['hs2', '330203', 'ent_hs2'], ['jb', '330205', 'ent_jb'], ['hn', '469001', 'ent_hn']]
    .map(async ([key, region, actor]) => {
      ENT[key] = await registerEnterprise(server.base, { region, actor });
      A[actor] = ENT[key].client;
    }));
  const defs = [
    ['national', 'national_office'], ['technical', 'technical_body'], ['expert', 'expert'],
    ['county_hs', 'county_regulator', '330203'], ['county_jb', 'county_regulator', '330205'],
    ['city_nb', 'city_regulator', '330200'], ['city_hz', 'city_regulator', '330100'],
    ['prov_zj', 'province_regulator', '330000'], ['prov_hn', 'province_regulator', '460000'],
    ['county_hn', 'county_regulator', '469001'],
  ];
  await Promise.all(defs.map(async ([name, role, region_code]) => {
    A[name] = (await createUser(A.admin, { username: `rm_${name}`, role, region_code, name })).client;
  }));
  await registering;
  plan = await publishPlan(A.technical, A.national);
  // a test report of the 海曙 enterprise, referenced by its results
  const bytes = Buffer.from(`%PDF-1.4\n% results matrix ${suffix(12)}\n%%EOF\n`);
  const up = await ENT.hs.client.request('POST', '/files?name=' + encodeURIComponent('报告.pdf'), { body: bytes, headers: { 'content-type': 'application/pdf' } });
  expectStatus(up, 201, 'upload');
  pdf = { hash: up.body.hash, bytes };
  for (const [col, [ent, state]] of Object.entries({ ...KIND, ...EXTRA })) F[col] = await makeIn(ent, state);
});
after(async () => {
  await server?.stop();
  server?.cleanup();
});

// ---------------------------------------------------------------- tables
// GET /results/{id} and GET /results/{id}/events.
//                 hD   hS   hCR  hCY  hPR  hA   hR   hP   jS   nS   nCR
const READ = {
  anon:      rep(11, 401),
  admin:     [404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  national:  [404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  technical: rep(11, 404),
  expert:    rep(11, 404),
  county_hs: [404, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404],
  county_jb: [404, 404, 404, 404, 404, 404, 404, 404, 200, 404, 404],
  city_nb:   [404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404],
  city_hz:   rep(11, 404),
  prov_zj:   [404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404],
  prov_hn:   [404, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200],
  county_hn: [404, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200],
  ent_hs:    [200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404],
  ent_hs2:   rep(11, 404),
  ent_jb:    [404, 404, 404, 404, 404, 404, 404, 404, 200, 404, 404],
  ent_hn:    [404, 404, 404, 404, 404, 404, 404, 404, 404, 200, 200],
};
const NOT_ENTERPRISE = { anon: rep(11, 401), admin: rep(11, 403), national: rep(11, 403), technical: rep(11, 403), expert: rep(11, 403),
  county_hs: rep(11, 403), county_jb: rep(11, 403), city_nb: rep(11, 403), city_hz: rep(11, 403), prov_zj: rep(11, 403),
  prov_hn: rep(11, 403), county_hn: rep(11, 403), ent_hs2: rep(11, 404) };
// PUT /results/{id} and POST /results/{id}/submit: the owner, draft or returned.
//                 hD   hS   hCR  hCY  hPR  hA   hR   hP   jS   nS   nCR
const EDIT = { ...NOT_ENTERPRISE,
  ent_hs:    [200, 409, 409, 409, 409, 409, 200, 409, 404, 404, 404],
  ent_jb:    [404, 404, 404, 404, 404, 404, 404, 404, 409, 404, 404],
  ent_hn:    [404, 404, 404, 404, 404, 404, 404, 404, 404, 409, 409],
};
// DELETE /results/{id}: the owner, never submitted.
const DELETE = { ...NOT_ENTERPRISE,
  ent_hs:    [204, 409, 409, 409, 409, 409, 409, 409, 404, 404, 404],
  ent_jb:    [404, 404, 404, 404, 404, 404, 404, 404, 409, 404, 404],
  ent_hn:    [404, 404, 404, 404, 404, 404, 404, 404, 404, 409, 409],
};
const NOT_REVIEWER = { anon: rep(11, 401), admin: rep(11, 403), technical: rep(11, 403), expert: rep(11, 403),
  ent_hs: rep(11, 403), ent_hs2: rep(11, 403), ent_jb: rep(11, 403), ent_hn: rep(11, 403), city_hz: rep(11, 404) };
// POST /results/{id}/review action=pass (and each item of POST /results/review).
//                 hD   hS   hCR  hCY  hPR  hA   hR   hP   jS   nS   nCR
const PASS = { ...NOT_REVIEWER,
  national:  [404, 403, 403, 403, 200, 409, 409, 409, 403, 403, 403],
  county_hs: [404, 200, 403, 403, 403, 403, 409, 409, 404, 404, 404],
  county_jb: [404, 404, 404, 404, 404, 404, 404, 404, 200, 404, 404],
  city_nb:   [404, 403, 200, 403, 403, 403, 409, 409, 403, 404, 404],
  prov_zj:   [404, 403, 403, 200, 403, 403, 409, 409, 403, 404, 404],
  prov_hn:   [404, 404, 404, 404, 404, 404, 404, 404, 404, 403, 200],
  county_hn: [404, 404, 404, 404, 404, 404, 404, 404, 404, 200, 403],
};
// action=return (comment given): as pass, and the national office may return an accepted result.
const RETURN = { ...PASS,
  national:  [404, 403, 403, 403, 200, 200, 409, 409, 403, 403, 403],
};
// action=publish: only an accepted result, by the top level.
const PUBLISH = { ...NOT_REVIEWER,
  national:  [404, 403, 403, 403, 409, 200, 409, 409, 403, 403, 403],
  county_hs: [404, 409, 403, 403, 403, 403, 409, 409, 404, 404, 404],
  county_jb: [404, 404, 404, 404, 404, 404, 404, 404, 409, 404, 404],
  city_nb:   [404, 403, 409, 403, 403, 403, 409, 409, 403, 404, 404],
  prov_zj:   [404, 403, 403, 409, 403, 403, 409, 409, 403, 404, 404],
  prov_hn:   [404, 404, 404, 404, 404, 404, 404, 404, 404, 403, 409],
  county_hn: [404, 404, 404, 404, 404, 404, 404, 404, 404, 409, 403],
};
for (const t of [READ, EDIT, DELETE, PASS, RETURN, PUBLISH]) {
  assert.deepEqual(Object.keys(t).sort(), [...ACTORS].sort(), 'every table has a row per actor');
  for (const row of Object.values(t)) assert.equal(row.length, COLS.length);
}

// Where an allowed action leaves the result: [status, stage, stage_region_code].
const PASS_TO = {
  hS: ['county_reviewed', 'city', '330200'], hCR: ['city_recommended', 'province', '330000'],
  hCY: ['province_recommended', 'national', ''], hPR: ['accepted', 'national', ''],
  jS: ['county_reviewed', 'city', '330200'], nS: ['county_reviewed', 'province', '460000'],
  nCR: ['province_recommended', 'national', ''],
};
const ERROR_CODE = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

// Runs one action table. send(client, fx, snapshot) → response; after(col, before, after, response) →
// list of problems for an allowed cell (played on a fresh result in the same state).
async function actionTable(route, table, send, afterAllowed) {
  const problems = [];
  const eventsBefore = {};
  for (const col of COLS) eventsBefore[col] = await eventCount(F[col]);
  for (const actor of ACTORS) {
    for (let i = 0; i < COLS.length; i++) {
      const col = COLS[i];
      const want = table[actor][i];
      const allowed = want < 300;
      const fx = allowed ? await makeIn(...KIND[col]) : F[col];
      const before = await snap(fx);
      const eventsAtStart = allowed ? await eventCount(fx) : 0;
      const r = await send(A[actor], fx, before);
      const where = `${route} as ${actor} on ${label(col)}`;
      if (r.status !== want) {
        problems.push(`${where}: expected ${want}, got ${r.status} ${String(r.text).slice(0, 160)}`);
      } else if (!allowed && r.body?.error?.code !== ERROR_CODE[want]) {
        problems.push(`${where}: error code ${r.body?.error?.code}, expected ${ERROR_CODE[want]}`);
      }
      const now = await snap(fx);
      if (allowed) {
        if (r.status === want) problems.push(...(await afterAllowed(col, before, now, r, fx, eventsAtStart)).map((p) => `${where}: ${p}`));
      } else if (JSON.stringify(now) !== JSON.stringify(before)) {
        problems.push(`${where}: refused with ${r.status} but the result changed: ${JSON.stringify(before)} → ${JSON.stringify(now)}`);
      }
    }
  }
  for (const col of COLS) {
    const n = await eventCount(F[col]);
    if (n !== eventsBefore[col]) problems.push(`${route}: events of ${label(col)} changed from ${eventsBefore[col]} to ${n} after refused actions`);
  }
  assert.deepEqual(problems, [], `${route}: ${problems.length} cells differ from the table`);
}

// Checks a move made by an allowed action: new state, version + 1, one new event.
function moved(action, to) {
  return async (col, before, now, r, fx, eventsAtStart) => {
    const out = [];
    const [status, stage, region] = to(col);
    if (now.gone) return ['result disappeared'];
    if (now.status !== status || now.stage !== stage || now.stage_region_code !== region)
      out.push(`expected ${status}/${stage}/${region}, now ${now.status}/${now.stage}/${now.stage_region_code}`);
    if (now.version !== before.version + 1) out.push(`version ${before.version} → ${now.version}, expected +1`);
    if (r.body.status !== now.status || r.body.version !== now.version) out.push(`answer ${r.body.status} v${r.body.version} differs from the stored result`);
    const ev = expectStatus(await ENT[fx.ent].client.get(`/results/${fx.id}/events`), 200).body.items;
    if (ev.length !== eventsAtStart + 1) out.push(`events ${eventsAtStart} → ${ev.length}, expected one more`);
    const last = ev[ev.length - 1];
    if (!last || last.action !== action || last.from_status !== before.status || last.to_status !== status)
      out.push(`last event ${JSON.stringify(last && [last.action, last.from_status, last.to_status])}, expected ${action} ${before.status}→${status}`);
    return out;
  };
}

// ---------------------------------------------------------------- tests
describe('results: role × region × state', () => {
  it('the fixtures reached their states along the chain of their region', async () => {
    const want = {
      hD: ['draft', '', ''], hS: ['submitted', 'county', '330203'], hCR: ['county_reviewed', 'city', '330200'],
      hCY: ['city_recommended', 'province', '330000'], hPR: ['province_recommended', 'national', ''],
      hA: ['accepted', 'national', ''], hR: ['returned', '', ''], hP: ['published', '', ''],
      jS: ['submitted', 'county', '330205'], nS: ['submitted', 'county', '469001'], nCR: ['county_reviewed', 'province', '460000'],
      h2D: ['draft', '', ''], h2S: ['submitted', 'county', '330203'], jD: ['draft', '', ''], nD: ['draft', '', ''],
    };
    const chains = {
      hs: [['county', '330203'], ['city', '330200'], ['province', '330000'], ['national', '']],
      jb: [['county', '330205'], ['city', '330200'], ['province', '330000'], ['national', '']],
      hn: [['county', '469001'], ['province', '460000'], ['national', '']],
    };
    chains.hs2 = chains.hs;
    const paths = {
      hD: [], hS: ['submit'], hCR: ['submit', 'pass'], hCY: ['submit', 'pass', 'pass'], hPR: ['submit', 'pass', 'pass', 'pass'],
      hA: ['submit', 'pass', 'pass', 'pass', 'pass'], hR: ['submit', 'pass', 'return'], hP: ['submit', 'pass', 'pass', 'pass', 'pass', 'publish'],
      jS: ['submit'], nS: ['submit'], nCR: ['submit', 'pass'],
    };
    for (const [col, [status, stage, region]] of Object.entries(want)) {
      const r = expectStatus(await ENT[F[col].ent].client.get(`/results/${F[col].id}`), 200).body;
      assert.deepEqual([r.status, r.stage, r.stage_region_code], [status, stage, region], label(col));
      assert.deepEqual(r.chain.map((s) => [s.level, s.region_code]), chains[F[col].ent], `chain of ${label(col)}`);
      if (paths[col]) {
        const ev = expectStatus(await ENT[F[col].ent].client.get(`/results/${F[col].id}/events`), 200).body.items;
        assert.deepEqual(ev.map((e) => e.action).filter((a) => a !== 'create'), paths[col], `events of ${label(col)}`);
        let at = 'draft';
        for (const e of ev.filter((x) => x.action !== 'create')) {
          assert.equal(e.from_status, at, `events of ${label(col)} form a path`);
          at = e.to_status;
        }
        assert.equal(at, status, `the last event of ${label(col)} ends in its status`);
      }
    }
    // the chain of a result waiting at the city: county done, city current, the rest to do
    const cr = expectStatus(await A.city_nb.get(`/results/${F.hCR.id}`), 200).body;
    assert.deepEqual(cr.chain.map((s) => s.state), ['done', 'current', 'todo', 'todo']);
    const ac = expectStatus(await A.national.get(`/results/${F.hA.id}`), 200).body;
    assert.deepEqual(ac.chain.map((s) => s.state), ['done', 'done', 'done', 'done']);
    // the events name who acted, with role and region
    const ev = expectStatus(await A.county_hs.get(`/results/${F.hP.id}/events`), 200).body.items.filter((e) => e.action !== 'create');
    assert.deepEqual(ev.map((e) => [e.action, e.actor_role, e.actor_region_code]), [
      ['submit', 'enterprise', ''], ['pass', 'county_regulator', '330203'], ['pass', 'city_regulator', '330200'],
      ['pass', 'province_regulator', '330000'], ['pass', 'national_office', ''], ['publish', 'national_office', ''],
    ]);
  });

  it('GET /results/{id} and /events: own enterprise and the regulators above it; drafts only to their enterprise', async () => {
    const problems = [];
    for (const actor of ACTORS) {
      for (let i = 0; i < COLS.length; i++) {
        const col = COLS[i];
        const want = READ[actor][i];
        for (const url of [`/results/${F[col].id}`, `/results/${F[col].id}/events`]) {
          const r = await A[actor].get(url);
          if (r.status !== want) problems.push(`GET ${url} as ${actor} on ${label(col)}: expected ${want}, got ${r.status} ${String(r.text).slice(0, 120)}`);
          else if (want === 200 && !url.endsWith('/events') && r.body.id !== F[col].id) problems.push(`GET ${url} as ${actor}: another row`);
          else if (want !== 200 && r.body?.error?.code !== ERROR_CODE[want]) problems.push(`GET ${url} as ${actor}: error code ${r.body?.error?.code}`);
          else if (want === 404 && r.text.includes(F[col].code)) problems.push(`GET ${url} as ${actor}: the 404 names the result`);
        }
      }
    }
    // unknown and malformed ids
    for (const actor of ['admin', 'county_hs', 'ent_hs']) {
      for (const id of ['999999', 'abc', '0']) {
        const r = await A[actor].get(`/results/${id}`);
        if (r.status !== 404) problems.push(`GET /results/${id} as ${actor}: ${r.status}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('GET /results lists exactly the rows in scope; regulators never see drafts that were never submitted', async () => {
    const submitted = ['hS', 'hCR', 'hCY', 'hPR', 'hA', 'hR', 'hP', 'h2S', 'jS', 'nS', 'nCR'];
    const hsSub = ['hS', 'hCR', 'hCY', 'hPR', 'hA', 'hR', 'hP', 'h2S'];
    const expected = {
      admin: submitted, national: submitted,
      county_hs: hsSub, county_jb: ['jS'], city_nb: [...hsSub, 'jS'], city_hz: [], prov_zj: [...hsSub, 'jS'],
      prov_hn: ['nS', 'nCR'], county_hn: ['nS', 'nCR'],
      ent_hs: ['hD', 'hS', 'hCR', 'hCY', 'hPR', 'hA', 'hR', 'hP'], ent_hs2: ['h2D', 'h2S'], ent_jb: ['jD', 'jS'], ent_hn: ['nD', 'nS', 'nCR'],
    };
    for (const [actor, cols] of Object.entries(expected)) {
      const r = expectStatus(await A[actor].get('/results?page_size=200'), 200, `list as ${actor}`);
      assert.deepEqual(ids(r.body.items), idsOf(cols), `GET /results as ${actor}: ${cols.join(',')}`);
      assert.equal(r.body.total, cols.length, `total as ${actor}`);
    }
    for (const [actor, status] of [['anon', 401], ['technical', 403], ['expert', 403]]) {
      const r = await A[actor].get('/results');
      assert.equal(r.status, status, `GET /results as ${actor}: ${r.text}`);
      assert.equal(r.body.error.code, ERROR_CODE[status]);
    }
    // filters never widen the scope
    const filtered = [
      ['county_hs', '?region_code=330205', []], ['city_hz', '?region_code=330203', []], ['county_jb', '?region_code=330200', ['jS']],
      ['prov_hn', '?region_code=330000', []], ['county_hs', '?status=draft', []], ['national', '?status=draft', []],
      ['admin', '?status=draft', []], ['ent_hs', '?status=draft', ['hD']], ['national', '?status=accepted', ['hA']],
      ['city_nb', '?stage=county', ['hS', 'h2S', 'jS']], ['county_jb', `?plan_number=${plan.plan_number}`, ['jS']],
      ['ent_jb', `?region_code=330203`, []], ['ent_hs2', `?q=${encodeURIComponent(F.hS.enterprise_name)}`, []],
      ['county_hs', `?q=${encodeURIComponent(F.h2D.enterprise_name)}`, ['h2S']],
    ];
    for (const [actor, query, cols] of filtered) {
      const r = expectStatus(await A[actor].get(`/results${query}${query ? '&' : '?'}page_size=200`), 200, `${actor} ${query}`);
      assert.deepEqual(ids(r.body.items), idsOf(cols), `GET /results${query} as ${actor}`);
    }
    // never-submitted drafts are nowhere in a regulator's pages, whatever the page size
    const drafts = new Set(idsOf(['hD', 'h2D', 'jD', 'nD']));
    for (const actor of ['admin', 'national', 'prov_zj', 'city_nb']) {
      const all = await listAll(A[actor], '/results', { pageSize: 3 });
      assert.ok(!all.some((x) => drafts.has(x.id)), `a draft in the pages of ${actor}`);
    }
  });

  it('GET /results?queue=1: what waits for the caller’s own level and region', async () => {
    const expected = {
      county_hs: ['hS', 'h2S'], county_jb: ['jS'], city_nb: ['hCR'], city_hz: [], prov_zj: ['hCY'],
      prov_hn: ['nCR'], county_hn: ['nS'], national: ['hPR', 'hA'],
    };
    for (const [actor, cols] of Object.entries(expected)) {
      const r = expectStatus(await A[actor].get('/results?queue=1&page_size=200'), 200, `queue of ${actor}`);
      assert.deepEqual(ids(r.body.items), idsOf(cols), `GET /results?queue=1 as ${actor}`);
    }
    for (const [actor, status] of [['anon', 401], ['admin', 403], ['technical', 403], ['expert', 403], ['ent_hs', 403], ['ent_hn', 403]]) {
      const r = await A[actor].get('/results?queue=1');
      assert.equal(r.status, status, `GET /results?queue=1 as ${actor}: ${r.text}`);
    }
  });

  it('GET /results/export.xlsx: the same rows as the list, the same refusals', async () => {
    const all = [...COLS, ...Object.keys(EXTRA)];
    const submitted = all.filter((c) => !['hD', 'h2D', 'jD', 'nD'].includes(c));
    const hsSub = ['hS', 'hCR', 'hCY', 'hPR', 'hA', 'hR', 'hP', 'h2S'];
    const expected = {
      anon: 401, technical: 403, expert: 403,
      admin: submitted, national: submitted, county_hs: hsSub, county_jb: ['jS'], city_nb: [...hsSub, 'jS'], city_hz: [],
      prov_zj: [...hsSub, 'jS'], prov_hn: ['nS', 'nCR'], county_hn: ['nS', 'nCR'],
      ent_hs: ['hD', 'hS', 'hCR', 'hCY', 'hPR', 'hA', 'hR', 'hP'], ent_hs2: ['h2D', 'h2S'], ent_jb: ['jD', 'jS'], ent_hn: ['nD', 'nS', 'nCR'],
    };
    assert.deepEqual(Object.keys(expected).sort(), [...ACTORS].sort());
    for (const [actor, want] of Object.entries(expected)) {
      const r = await getBinary(A[actor], '/results/export.xlsx');
      if (typeof want === 'number') {
        assert.equal(r.status, want, `export as ${actor}: ${r.text}`);
        continue;
      }
      assert.equal(r.status, 200, `export as ${actor}: ${r.text}`);
      const text = xlsxText(r);
      const present = all.filter((c) => text.includes(F[c].code));
      assert.deepEqual(present.sort(), [...want].sort(), `rows of the export as ${actor}`);
    }
    // a queue export is the queue
    const r = await getBinary(A.national, '/results/export.xlsx?queue=1');
    const text = xlsxText(r);
    assert.deepEqual(all.filter((c) => text.includes(F[c].code)).sort(), ['hA', 'hPR']);
  });

  it('public list and verification page: published results only, no internals', async () => {
    for (const who of ['anon', 'ent_jb', 'county_hs']) {
      const r = expectStatus(await A[who].get('/public/results?page_size=200'), 200, `public list as ${who}`);
      assert.deepEqual(ids(r.body.items), idsOf(['hP']), `GET /public/results as ${who}`);
      for (const item of r.body.items)
        for (const k of ['version', 'stage', 'stage_region_code', 'enterprise_id', 'product_id']) assert.ok(!(k in item), `public summary has ${k}`);
    }
    let r = expectStatus(await A.anon.get('/public/results?region_code=330203'), 200);
    assert.deepEqual(ids(r.body.items), idsOf(['hP']));
    r = expectStatus(await A.anon.get('/public/results?region_code=330205'), 200);
    assert.deepEqual(r.body.items, []);
    r = expectStatus(await A.anon.get(`/public/results?q=${encodeURIComponent(F.hS.enterprise_name)}`), 200);
    assert.deepEqual(ids(r.body.items), idsOf(['hP']), 'a search by the enterprise name finds only the published one');
    r = expectStatus(await A.anon.get(`/public/results?q=${encodeURIComponent(F.jS.enterprise_name)}`), 200);
    assert.deepEqual(r.body.items, [], 'an enterprise without published results has none in public');

    r = expectStatus(await A.anon.get(`/public/results/${F.hP.code}`), 200, 'verification page');
    assert.equal(r.body.code, F.hP.code);
    assert.equal(r.body.status, 'published');
    for (const k of ['version', 'stage', 'enterprise_id', 'product_id', 'contact_phone', 'contact_email'])
      assert.ok(!(k in r.body), `public detail has ${k}`);
    assert.ok(!r.text.includes(pdf.hash), 'no file hash in public');
    assert.ok(r.body.indicators.every((i) => !('file_hash' in i)));
    // every unpublished code is unknown to the public (14 misses: below the 30-per-10-minutes limit)
    for (const col of [...COLS, ...Object.keys(EXTRA)].filter((c) => c !== 'hP')) {
      const miss = await A.anon.get(`/public/results/${F[col].code}`);
      assert.equal(miss.status, 404, `GET /public/results/{code of ${label(col)}}: ${miss.text}`);
      assert.ok(!miss.text.includes(F[col].enterprise_name), 'the 404 names nobody');
    }
  });

  it('GET /files/{hash}: the uploading enterprise and the regulators above it', async () => {
    const expected = {
      anon: 401, admin: 200, national: 200, technical: 404, expert: 404,
      county_hs: 200, county_jb: 404, city_nb: 200, city_hz: 404, prov_zj: 200, prov_hn: 404, county_hn: 404,
      ent_hs: 200, ent_hs2: 404, ent_jb: 404, ent_hn: 404,
    };
    assert.deepEqual(Object.keys(expected).sort(), [...ACTORS].sort());
    const problems = [];
    for (const [actor, want] of Object.entries(expected)) {
      const r = await getBinary(A[actor], `/files/${pdf.hash}`);
      if (r.status !== want) problems.push(`GET /files as ${actor}: expected ${want}, got ${r.status} ${r.text}`);
      else if (want === 200) {
        if (!r.buf.equals(pdf.bytes)) problems.push(`GET /files as ${actor}: other bytes`);
        if (r.headers.get('x-content-type-options') !== 'nosniff') problems.push(`GET /files as ${actor}: no nosniff`);
        if (!/application\/pdf/.test(r.headers.get('content-type') || '')) problems.push(`GET /files as ${actor}: type ${r.headers.get('content-type')}`);
      }
    }
    assert.deepEqual(problems, []);
    // another enterprise cannot reference the file in its own result
    const jd = await snap(F.jD);
    const put = await A.ent_jb.put(`/results/${F.jD.id}`, { ...content(jd.version, 'jb'), indicators: rows(pdf.hash) });
    assert.equal(put.status, 422, show(put));
    assert.ok(put.body.error.fields['indicators[0].file_hash'], show(put));
    assert.deepEqual(await snap(F.jD), jd, 'nothing changed');
    // only enterprises upload
    for (const [actor, want] of [['anon', 401], ['admin', 403], ['national', 403], ['county_hs', 403], ['technical', 403], ['expert', 403]]) {
      const r = await A[actor].request('POST', '/files?name=x.pdf', { body: Buffer.from('%PDF-1.4\n%%EOF\n'), headers: { 'content-type': 'application/pdf' } });
      assert.equal(r.status, want, `POST /files as ${actor}: ${r.text}`);
    }
  });

  it('POST /results: enterprises only, with their own selected products', async () => {
    const mine = await listAll(A.ent_hs, '/results');
    const p = expectStatus(await A.ent_hs.post('/products', { name: '新洗衣机', standards: ['GB/T 4288-2018'] }), 201).body;
    expectStatus(await A.ent_hs.post(`/products/${p.id}/selection`, { selected: true }), 200);
    for (const [actor, want] of [['anon', 401], ['admin', 403], ['national', 403], ['county_hs', 403], ['city_nb', 403], ['technical', 403], ['expert', 403],
      ['ent_hs2', 422], ['ent_jb', 422]]) {
      const r = await A[actor].post('/results', { product_id: p.id, plan_id: plan.id });
      assert.equal(r.status, want, `POST /results with the 海曙 product as ${actor}: ${r.text}`);
    }
    const now = await listAll(A.ent_hs, '/results');
    assert.equal(now.length, mine.length, 'no result was created for the 海曙 enterprise');
    for (const ent of ['ent_hs2', 'ent_jb']) {
      const theirs = await listAll(A[ent], '/results');
      assert.ok(!theirs.some((x) => x.product_id === p.id), `${ent} got a result for a product not its own`);
    }
    expectStatus(await A.ent_hs.post(`/products/${p.id}/selection`, { selected: false }), 200);
  });

  it('PUT /results/{id}: the owner, draft or returned; nothing changes when refused', async () => {
    await actionTable('PUT /results/{id}', EDIT,
      (c, fx, s) => c.put(`/results/${fx.id}`, content(s.version, fx.ent, `由 ${c.name} 修改`)),
      async (col, before, now, r) => {
        const out = [];
        if (now.status !== before.status) out.push(`status ${before.status} → ${now.status}`);
        if (now.version !== before.version + 1) out.push(`version ${before.version} → ${now.version}`);
        if (now.conclusion !== '由 ent_hs 修改') out.push(`conclusion not saved: ${now.conclusion}`);
        return out;
      });
  });

  it('DELETE /results/{id}: the owner, never-submitted drafts only', async () => {
    await actionTable('DELETE /results/{id}', DELETE, (c, fx) => c.del(`/results/${fx.id}`),
      async (col, before, now, r, fx) => {
        const out = [];
        if (!now.gone) out.push('still there');
        const again = await A.ent_hs.del(`/results/${fx.id}`);
        if (again.status !== 404) out.push(`second DELETE: ${again.status}`);
        return out;
      });
  });

  it('POST /results/{id}/submit: the owner, draft or returned; to the county of its region', async () => {
    await actionTable('POST /results/{id}/submit', EDIT, (c, fx, s) => c.post(`/results/${fx.id}/submit`, { version: s.version }),
      moved('submit', () => ['submitted', 'county', '330203']));
  });

  it('POST /results/{id}/review pass: only the level and region the result waits for', async () => {
    await actionTable('review pass', PASS,
      (c, fx, s) => c.post(`/results/${fx.id}/review`, { version: s.version, action: 'pass', comment: '同意' }),
      moved('pass', (col) => PASS_TO[col]));
  });

  it('POST /results/{id}/review return: the same reviewer, with a reason', async () => {
    await actionTable('review return', RETURN,
      (c, fx, s) => c.post(`/results/${fx.id}/review`, { version: s.version, action: 'return', comment: '请补充检测报告' }),
      moved('return', () => ['returned', '', '']));
  });

  it('POST /results/{id}/review publish: only accepted results, by the top level', async () => {
    await actionTable('review publish', PUBLISH,
      (c, fx, s) => c.post(`/results/${fx.id}/review`, { version: s.version, action: 'publish', comment: '' }),
      async (col, before, now, r, fx, eventsAtStart) => {
        const out = await moved('publish', () => ['published', '', ''])(col, before, now, r, fx, eventsAtStart);
        const pub = await A.anon.get(`/public/results/${r.body.code}`);
        if (pub.status !== 200) out.push(`published but the verification page answers ${pub.status}`);
        return out;
      });
  });

  it('POST /results/review (bulk pass): each item as the single route would answer it', async () => {
    const problems = [];
    const eventsBefore = {};
    for (const col of COLS) eventsBefore[col] = await eventCount(F[col]);
    for (const actor of ACTORS) {
      const items = [];
      const cells = []; // {col, fx, want, before}
      for (let i = 0; i < COLS.length; i++) {
        const col = COLS[i];
        const want = PASS[actor][i];
        const fx = want === 200 ? await makeIn(...KIND[col]) : F[col];
        const before = await snap(fx);
        items.push({ id: fx.id, version: before.version });
        cells.push({ col, fx, want, before });
      }
      const r = await A[actor].post('/results/review', { action: 'pass', comment: '批量通过', items });
      // the route is for regulators and the national office; an enterprise, admin, technical body or expert is refused as a whole
      const wantWhole = actor === 'anon' ? 401 : ['admin', 'technical', 'expert', 'ent_hs', 'ent_hs2', 'ent_jb', 'ent_hn'].includes(actor) ? 403 : 200;
      if (r.status !== wantWhole) {
        problems.push(`POST /results/review as ${actor}: expected ${wantWhole}, got ${r.status} ${r.text.slice(0, 160)}`);
      } else if (wantWhole === 200) {
        const byId = new Map(r.body.items.map((x) => [x.id, x]));
        if (r.body.items.length !== items.length) problems.push(`bulk as ${actor}: ${r.body.items.length} answers for ${items.length} items`);
        for (const p of cells) {
          const o = byId.get(p.fx.id);
          const where = `bulk pass as ${actor} on ${label(p.col)}`;
          if (!o) { problems.push(`${where}: no answer`); continue; }
          if (p.want === 200) {
            if (o.ok !== true || o.status !== PASS_TO[p.col][0]) problems.push(`${where}: expected ok → ${PASS_TO[p.col][0]}, got ${JSON.stringify(o)}`);
          } else if (o.ok !== false || o.status_code !== p.want || o.error?.code !== ERROR_CODE[p.want]) {
            problems.push(`${where}: expected refused with ${p.want}, got ${JSON.stringify(o).slice(0, 200)}`);
          }
        }
      }
      for (const p of cells) {
        const now = await snap(p.fx);
        const where = `bulk pass as ${actor} on ${label(p.col)}`;
        if (p.want === 200 && r.status === 200) {
          const [st, sg, rg] = PASS_TO[p.col];
          if (now.status !== st || now.stage !== sg || now.stage_region_code !== rg || now.version !== p.before.version + 1)
            problems.push(`${where}: now ${JSON.stringify(now)}`);
        } else if (p.want !== 200 && JSON.stringify(now) !== JSON.stringify(p.before)) {
          problems.push(`${where}: refused but changed ${JSON.stringify(p.before)} → ${JSON.stringify(now)}`);
        }
      }
    }
    for (const col of COLS) {
      const n = await eventCount(F[col]);
      if (n !== eventsBefore[col]) problems.push(`bulk: events of ${label(col)} changed ${eventsBefore[col]} → ${n}`);
    }
    assert.deepEqual(problems, []);
    // the request itself is validated: pass only, 1–200 items
    for (const body of [{ action: 'return', comment: 'x', items: [{ id: F.hS.id, version: 1 }] }, { action: 'pass', items: [] },
      { action: 'pass', items: Array.from({ length: 201 }, () => ({ id: F.hS.id, version: 1 })) }]) {
      const r = await A.county_hs.post('/results/review', body);
      assert.equal(r.status, 422, show(r));
    }
  });

  it('wrong state and stale versions give 409 and change nothing', async () => {
    const problems = [];
    const cases = [
      // [label, actor, fixture, request(version)]
      ['stale PUT', 'ent_hs', 'hD', (v) => A.ent_hs.put(`/results/${F.hD.id}`, content(v - 1, 'hs', '过期的修改'))],
      ['stale PUT of a returned result', 'ent_hs', 'hR', (v) => A.ent_hs.put(`/results/${F.hR.id}`, content(v - 1, 'hs', '过期的修改'))],
      ['stale submit', 'ent_hs', 'hD', (v) => A.ent_hs.post(`/results/${F.hD.id}/submit`, { version: v - 1 })],
      ['future version submit', 'ent_hs', 'hR', (v) => A.ent_hs.post(`/results/${F.hR.id}/submit`, { version: v + 1 })],
      ['submit twice', 'ent_hs', 'hS', (v) => A.ent_hs.post(`/results/${F.hS.id}/submit`, { version: v })],
      ['submit a published result', 'ent_hs', 'hP', (v) => A.ent_hs.post(`/results/${F.hP.id}/submit`, { version: v })],
      ['stale pass at the county', 'county_hs', 'hS', (v) => A.county_hs.post(`/results/${F.hS.id}/review`, { version: v - 1, action: 'pass' })],
      ['stale return at the city', 'city_nb', 'hCR', (v) => A.city_nb.post(`/results/${F.hCR.id}/review`, { version: v - 1, action: 'return', comment: 'x' })],
      ['stale publish', 'national', 'hA', (v) => A.national.post(`/results/${F.hA.id}/review`, { version: v - 1, action: 'publish' })],
      ['pass on a returned result', 'county_hs', 'hR', (v) => A.county_hs.post(`/results/${F.hR.id}/review`, { version: v, action: 'pass' })],
      ['publish before acceptance', 'national', 'hPR', (v) => A.national.post(`/results/${F.hPR.id}/review`, { version: v, action: 'publish' })],
      ['pass an accepted result', 'national', 'hA', (v) => A.national.post(`/results/${F.hA.id}/review`, { version: v, action: 'pass' })],
      ['publish twice', 'national', 'hP', (v) => A.national.post(`/results/${F.hP.id}/review`, { version: v, action: 'publish' })],
      ['return a published result', 'national', 'hP', (v) => A.national.post(`/results/${F.hP.id}/review`, { version: v, action: 'return', comment: 'x' })],
      ['delete a returned result', 'ent_hs', 'hR', () => A.ent_hs.del(`/results/${F.hR.id}`)],
      ['PUT a submitted result', 'ent_jb', 'jS', (v) => A.ent_jb.put(`/results/${F.jS.id}`, content(v, 'jb'))],
    ];
    for (const [what, actor, col, send] of cases) {
      const before = await snap(F[col]);
      const events = await eventCount(F[col]);
      const r = await send(before.version);
      if (r.status !== 409 || r.body?.error?.code !== 'conflict') problems.push(`${what} (${actor} on ${label(col)}): expected 409 conflict, got ${r.status} ${r.text.slice(0, 160)}`);
      const now = await snap(F[col]);
      if (JSON.stringify(now) !== JSON.stringify(before)) problems.push(`${what}: changed ${JSON.stringify(before)} → ${JSON.stringify(now)}`);
      if ((await eventCount(F[col])) !== events) problems.push(`${what}: a new event`);
    }
    // a bulk item with a stale version is refused on its own; its neighbour goes through
    const fresh = await makeIn('hs', 'submitted');
    const r = expectStatus(await A.county_hs.post('/results/review', { action: 'pass', items: [{ id: F.hS.id, version: (await snap(F.hS)).version - 1 }, { id: fresh.id, version: fresh.version }] }), 200);
    assert.deepEqual(r.body.items.map((x) => [x.id, x.ok, x.status_code ?? x.status]), [[F.hS.id, false, 409], [fresh.id, true, 'county_reviewed']]);
    assert.equal((await snap(F.hS)).status, 'submitted');
    // return needs a reason; unknown actions; a missing version
    for (const [body, field] of [[{ version: 1, action: 'return', comment: ' ' }, 'comment'], [{ version: 1, action: 'approve' }, 'action'], [{ action: 'pass' }, 'version']]) {
      const x = await A.county_hs.post(`/results/${F.hS.id}/review`, body);
      assert.equal(x.status, 422, show(x));
      assert.ok(x.body.error.fields[field], show(x));
    }
    assert.deepEqual(problems, []);
  });

  it('a review sent with the version the reviewer saw, after the result moved on, is refused as stale (409)', async () => {
    // The county opens the result (version v), someone else's pass lands first (here: the same
    // county office in another tab); the second pass carries v and must be refused as stale.
    const problems = [];
    for (const [ent, first, second] of [['hs', 'county_hs', 'county_hs'], ['hn', 'county_hn', 'county_hn']]) {
      const fx = await makeIn(ent, 'submitted');
      expectStatus(await A[first].post(`/results/${fx.id}/review`, { version: fx.version, action: 'pass' }), 200);
      const before = await snap(fx);
      for (const action of ['pass', 'return', 'publish']) {
        const r = await A[second].post(`/results/${fx.id}/review`, { version: fx.version, action, comment: '迟到的意见' });
        if (r.status !== 409) problems.push(`${action} by ${second} with stale version ${fx.version} (now v${before.version}, ${before.status} at ${before.stage}): expected 409, got ${r.status} ${r.body?.error?.code} ${r.body?.error?.message}`);
      }
      assert.deepEqual(await snap(fx), before, 'nothing changed');
    }
    assert.deepEqual(problems, []);
  });

  it('the same pass sent three times at once with one version: one 200, two 409, one event', async () => {
    const race = await makeIn('hs', 'submitted');
    const answers = await Promise.all([1, 2, 3].map(() => A.county_hs.post(`/results/${race.id}/review`, { version: race.version, action: 'pass' })));
    const ev = expectStatus(await A.county_hs.get(`/results/${race.id}/events`), 200).body.items;
    assert.equal(ev.filter((e) => e.action === 'pass').length, 1, 'one pass event');
    assert.equal((await snap(race)).version, race.version + 1, 'version advanced by one');
    assert.deepEqual(answers.map((x) => x.status).sort(), [200, 409, 409], answers.map(show).join('\n'));
  });

  it('notifications reach only those who may read the result; marking read touches only one’s own', async () => {
    const problems = [];
    const mine = {};
    for (const actor of ACTORS) {
      const r = await A[actor].get('/notifications?page_size=200');
      if (actor === 'anon') { assert.equal(r.status, 401); continue; }
      expectStatus(r, 200, `notifications of ${actor}`);
      mine[actor] = r.body;
      for (const n of r.body.items) {
        if (!n.result_id) continue;
        const g = await A[actor].get(`/results/${n.result_id}`);
        if (g.status !== 200) problems.push(`${actor} was notified about result ${n.result_id} (${n.kind}: ${n.text}) that it cannot read (${g.status})`);
      }
    }
    assert.deepEqual(problems, []);
    const about = (actor, col, kind) => mine[actor].items.some((n) => n.result_id === F[col].id && (!kind || n.kind === kind));
    assert.ok(about('county_hs', 'hS', 'review'), 'the county is told what waits for it');
    assert.ok(about('city_nb', 'hCR', 'review'), 'the city is told what waits for it');
    assert.ok(about('county_hn', 'nS', 'review') && about('prov_hn', 'nCR', 'review'), 'Hainan offices are told');
    assert.ok(about('ent_hs', 'hR', 'returned') && about('ent_hs', 'hP', 'published'), 'the enterprise is told');
    assert.ok(!about('county_jb', 'hS') && !about('city_hz', 'hS') && !about('ent_hs2', 'hS') && !about('prov_hn', 'hCY'), 'others are not told');
    assert.ok(!about('city_nb', 'nCR') && !about('county_hs', 'jS'), 'other regions are not told');
    // another user's notification ids cannot be marked read
    const theirs = mine.ent_hs.items.filter((n) => !n.read).map((n) => n.id);
    assert.ok(theirs.length > 0);
    let r = expectStatus(await A.ent_jb.post('/notifications/read', { ids: theirs }), 200);
    assert.equal(r.body.unread, mine.ent_jb.unread);
    r = expectStatus(await A.ent_hs.get('/notifications'), 200);
    assert.equal(r.body.unread, mine.ent_hs.unread, 'ent_jb marked ent_hs’s notifications read');
    r = expectStatus(await A.county_jb.post('/notifications/read', { all: true }), 200);
    assert.equal(r.body.unread, 0);
    assert.equal(expectStatus(await A.ent_hs.get('/notifications'), 200).body.unread, mine.ent_hs.unread);
    assert.equal((await A.anon.post('/notifications/read', { all: true })).status, 401);
  });

  it('GET/PUT /settings/review: everyone with a session reads; only admin and the national office write', async () => {
    const current = expectStatus(await A.admin.get('/settings/review'), 200).body;
    assert.deepEqual(current, { review_top: 'national', review_days: current.review_days });
    for (const actor of ACTORS) {
      const r = await A[actor].get('/settings/review');
      if (actor === 'anon') assert.equal(r.status, 401);
      else assert.deepEqual(expectStatus(r, 200, actor).body, current, `settings as ${actor}`);
    }
    const other = { review_top: 'province', review_days: current.review_days === 7 ? 8 : 7 };
    for (const actor of ACTORS.filter((a) => !['admin', 'national'].includes(a))) {
      const r = await A[actor].put('/settings/review', other);
      assert.equal(r.status, actor === 'anon' ? 401 : 403, `PUT /settings/review as ${actor}: ${r.text}`);
      assert.deepEqual(expectStatus(await A.admin.get('/settings/review'), 200).body, current, `nothing changed after ${actor}`);
    }
    for (const bad of [{ review_top: 'city', review_days: 15 }, { review_top: 'national', review_days: 0 }, { review_top: 'national', review_days: 366 }]) {
      const r = await A.admin.put('/settings/review', bad);
      assert.equal(r.status, 422, show(r));
    }
    assert.deepEqual(expectStatus(await A.national.put('/settings/review', current), 200).body, current);
    assert.deepEqual(expectStatus(await A.admin.get('/settings/review'), 200).body, current);
  });

  it('Hainan (province-administered county): county → province → national, no city step', async () => {
    let r = await makeIn('hn', 'submitted');
    const g = expectStatus(await A.ent_hn.get(`/results/${r.id}`), 200).body;
    assert.deepEqual(g.chain.map((s) => [s.level, s.region_code, s.state]),
      [['county', '469001', 'current'], ['province', '460000', 'todo'], ['national', '', 'todo']]);
    const act = (who, action = 'pass') => A[who].post(`/results/${r.id}/review`, { version: r.version, action, comment: '同意' });
    // nobody but the county acts now
    for (const [who, want] of [['prov_hn', 403], ['national', 403], ['city_nb', 404], ['county_hs', 404], ['prov_zj', 404]])
      assert.equal((await act(who)).status, want, `${who} at the Hainan county stage`);
    r = expectStatus(await act('county_hn'), 200).body;
    checkAt(r, 'county_reviewed', 'province', '460000', 'the county passes to the province');
    for (const [who, want] of [['county_hn', 403], ['national', 403], ['city_nb', 404]])
      assert.equal((await act(who)).status, want, `${who} at the Hainan province stage`);
    r = expectStatus(await act('prov_hn'), 200).body;
    checkAt(r, 'province_recommended', 'national', '', 'the province recommends');
    r = expectStatus(await act('national'), 200).body;
    checkAt(r, 'accepted', 'national', '', 'the national office accepts');
    r = expectStatus(await act('national', 'publish'), 200).body;
    checkAt(r, 'published', '', '', 'published');
    const ev = expectStatus(await A.prov_hn.get(`/results/${r.id}/events`), 200).body.items.filter((e) => e.action !== 'create');
    assert.deepEqual(ev.map((e) => [e.action, e.actor_role, e.to_status]), [
      ['submit', 'enterprise', 'submitted'], ['pass', 'county_regulator', 'county_reviewed'], ['pass', 'province_regulator', 'province_recommended'],
      ['pass', 'national_office', 'accepted'], ['publish', 'national_office', 'published'],
    ]);
    expectStatus(await A.anon.get(`/public/results/${r.code}`), 200);
  });

  it('review_top=province: the province accepts and publishes; restored afterwards', async () => {
    const saved = expectStatus(await A.admin.get('/settings/review'), 200).body;
    try {
      const set = expectStatus(await A.admin.put('/settings/review', { review_top: 'province', review_days: 15 }), 200);
      assert.deepEqual(set.body, { review_top: 'province', review_days: 15 });
      assert.deepEqual(expectStatus(await A.county_hs.get('/settings/review'), 200).body, { review_top: 'province', review_days: 15 });
      let r = await makeIn('hs', 'submitted');
      assert.deepEqual(r.chain.map((s) => [s.level, s.region_code]), [['county', '330203'], ['city', '330200'], ['province', '330000']], 'no national step');
      const act = (who, action = 'pass') => A[who].post(`/results/${r.id}/review`, { version: r.version, action, comment: '同意' });
      r = expectStatus(await act('county_hs'), 200).body;
      r = expectStatus(await act('city_nb'), 200).body;
      checkAt(r, 'city_recommended', 'province', '330000', 'at the province');
      assert.equal((await act('prov_zj', 'publish')).status, 409, 'publish before acceptance');
      r = expectStatus(await act('prov_zj'), 200).body;
      checkAt(r, 'accepted', 'province', '330000', 'the province pass accepts');
      assert.equal((await act('national', 'publish')).status, 403, 'the national office is not the top level now');
      assert.equal((await act('national')).status, 403);
      assert.equal((await act('prov_zj')).status, 409, 'pass an accepted result');
      assert.equal((await act('prov_hn', 'publish')).status, 404, 'another province');
      const q = expectStatus(await A.prov_zj.get('/results?queue=1&page_size=200'), 200).body.items.map((x) => x.id);
      assert.ok(q.includes(r.id), 'the accepted result waits in the province queue for publication');
      r = expectStatus(await act('prov_zj', 'publish'), 200).body;
      checkAt(r, 'published', '', '', 'the province publishes');
      expectStatus(await A.anon.get(`/public/results/${r.code}`), 200);
      // Hainan under the same setting: county → province (accepts)
      let h = await makeIn('hn', 'submitted');
      assert.deepEqual(h.chain.map((s) => s.level), ['county', 'province']);
      h = expectStatus(await A.county_hn.post(`/results/${h.id}/review`, { version: h.version, action: 'pass' }), 200).body;
      h = expectStatus(await A.prov_hn.post(`/results/${h.id}/review`, { version: h.version, action: 'pass' }), 200).body;
      checkAt(h, 'accepted', 'province', '460000', 'the Hainan province accepts');
    } finally {
      expectStatus(await A.admin.put('/settings/review', saved), 200, 'restore the settings');
    }
    assert.deepEqual(expectStatus(await A.admin.get('/settings/review'), 200).body, saved);
    const r = await makeIn('hs', 'submitted');
    assert.equal(r.chain[r.chain.length - 1].level, 'national', 'the national step is back');
  });
});
