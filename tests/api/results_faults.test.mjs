// Benchmarking results under faults:
//   (a) two server processes on one PostgreSQL reviewing the same results at once: no lost update
//       (a stale review is refused with 409, never applied twice);
//   (b) kill -9 during a burst of submissions and county passes: nothing acknowledged is lost, and
//       every result is left in a state the review chain allows, with events that explain it.
// PostgreSQL parts use DUIBIAO_TEST_PG (as durability.test.mjs does); without it they are skipped,
// unless DUIBIAO_REQUIRE_PG=1, which makes a missing database a failure.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  PG, Api, startServer, expectStatus, show, adminClient, createUser, loginAs, registerEnterprise,
  publishPlan, todayCst, suffix, sleep,
} from './fixtures.mjs';

const REQUIRE_PG = process.env.DUIBIAO_REQUIRE_PG === '1';
const toStop = [];   // servers to stop at the end
const toClean = [];  // cleanup functions
after(async () => {
  for (const s of toStop) await s.stop('SIGKILL').catch(() => {});
  for (const f of toClean) f();
});

// Skips a PostgreSQL test when no database is configured; fails instead when one is required.
function needPg(t) {
  if (PG) return true;
  if (REQUIRE_PG) assert.fail('DUIBIAO_REQUIRE_PG=1 but DUIBIAO_TEST_PG is not set');
  t.skip('DUIBIAO_TEST_PG not set (PostgreSQL not configured)');
  return false;
}

const rows = () => [
  { enterprise_requirement: '≥0.85', measured_value: '0.88', report_number: 'BG-2026-201', lab: '宁波市产品质量检验研究院', report_date: todayCst() },
  { enterprise_requirement: '≤60 dB(A)', measured_value: '58', report_number: 'BG-2026-201', lab: '宁波市产品质量检验研究院', report_date: todayCst() },
  { enterprise_requirement: '≤0.75 mA', measured_value: '0.5', report_number: 'BG-2026-202', lab: '宁波市产品质量检验研究院', report_date: todayCst() },
];

// n complete drafts of one enterprise against `plan`; products are selected only while their
// result is created (at most 3 selected at a time).
async function drafts(ent, plan, n, tag) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const p = expectStatus(await ent.post('/products', {
      name: `${tag}洗衣机${i}`, model: 'XQB80', category: '洗衣机', industry_code: '38',
      standards: ['GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020',
    }), 201, 'product').body;
    expectStatus(await ent.post(`/products/${p.id}/selection`, { selected: true }), 200, 'select');
    const r = expectStatus(await ent.post('/results', { product_id: p.id, plan_id: plan.id }), 201, 'new result').body;
    expectStatus(await ent.post(`/products/${p.id}/selection`, { selected: false }), 200, 'unselect');
    const filled = expectStatus(await ent.put(`/results/${r.id}`, {
      version: r.version, enterprise_standard: 'Q/NBHS 001-2020', indicators: rows(), conclusion: '各项指标达到或优于对标标准',
    }), 200, 'fill').body;
    out.push(filled);
  }
  return out;
}

// Users and a published plan on a server; usernames carry a tag (a shared PostgreSQL outlives runs).
async function people(srv, db, tag, regs) {
  const admin = await adminClient(srv, db ? { db } : {});
  const made = {};
  await Promise.all(regs.map(async ([name, role, region_code]) => {
    made[name] = await createUser(admin, { username: `${tag}_${name}`, role, region_code, name });
  }));
  return { admin, made };
}

// The transitions the chain allows (docs/api.md: county → city → province → national; return at any level).
const NEXT_PASS = { submitted: 'county_reviewed', county_reviewed: 'city_recommended', city_recommended: 'province_recommended', province_recommended: 'accepted' };
const UNDER_REVIEW = ['submitted', 'county_reviewed', 'city_recommended', 'province_recommended', 'accepted'];
function allowedStep(e) {
  switch (e.action) {
    case 'submit': return ['draft', 'returned'].includes(e.from_status) && e.to_status === 'submitted';
    case 'pass': return NEXT_PASS[e.from_status] === e.to_status;
    case 'return': return UNDER_REVIEW.includes(e.from_status) && e.to_status === 'returned';
    case 'publish': return e.from_status === 'accepted' && e.to_status === 'published';
    default: return false;
  }
}
// The status / stage pairs a Zhejiang county result may be in (stage region for a 海曙/江北 county).
function allowedPlace(r, county) {
  const place = {
    draft: ['', ''], returned: ['', ''], published: ['', ''],
    submitted: ['county', county], county_reviewed: ['city', '330200'], city_recommended: ['province', '330000'],
    province_recommended: ['national', ''], accepted: ['national', ''],
  }[r.status];
  return !!place && place[0] === r.stage && place[1] === r.stage_region_code;
}
const ORDER = ['draft', 'submitted', 'county_reviewed', 'city_recommended', 'province_recommended', 'accepted', 'published'];

describe('results under faults', () => {
  // The result's UPDATE is the last statement of a submission or review (so that PostgreSQL
  // holds the statistics epoch's lock only for it and the commit): a submission that loses the
  // race must take its event, notification and audit entry back with it.
  it('the same draft submitted 6 times at once: one acknowledged, one event, one notification, one audit entry', { timeout: 120000 }, async () => {
    const srv = await startServer(PG ? { db: PG } : {});
    toStop.push(srv);
    toClean.push(() => srv.cleanup());
    const tag = `rr${suffix(5)}`;
    const [{ admin, made }, ent] = await Promise.all([
      people(srv, PG, tag, [['county', 'county_regulator', '330203'], ['national', 'national_office'], ['tech', 'technical_body']]),
      registerEnterprise(srv.base, { region: '330203', actor: `${tag}ent` }),
    ]);
    const plan = await publishPlan(made.tech.client, made.national.client);
    const [d] = await drafts(ent.client, plan, 1, tag);
    const before = expectStatus(await made.county.client.get('/notifications'), 200).body.total;
    const answers = await Promise.all(Array.from({ length: 6 }, () => ent.client.post(`/results/${d.id}/submit`, { version: d.version })));
    assert.deepEqual(answers.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409], answers.map(show).join(' | '));
    const ev = expectStatus(await admin.get(`/results/${d.id}/events`), 200).body.items;
    assert.equal(ev.filter((e) => e.action === 'submit').length, 1, 'one submit event');
    const after = expectStatus(await made.county.client.get('/notifications'), 200).body.total;
    assert.equal(after - before, 1, 'one notification to the county office');
    const audit = expectStatus(await admin.get(`/audit?entity=result&entity_id=${d.id}&page_size=100`), 200).body.items;
    assert.equal(audit.filter((a) => a.action === 'submit' && String(a.entity_id) === String(d.id)).length, 1, 'one audit entry');
    const now = expectStatus(await ent.client.get(`/results/${d.id}`), 200).body;
    assert.deepEqual([now.status, now.version], ['submitted', d.version + 1]);
    await srv.stop();
  });

  it('two server processes on one PostgreSQL: the same review sent to both is applied once, the other gets 409', { timeout: 180000 }, async (t) => {
    if (!needPg(t)) return;
    const a = await startServer({ db: PG });
    toStop.push(a);
    toClean.push(() => a.cleanup());
    const b = await startServer({ db: PG });
    toStop.push(b);
    toClean.push(() => b.cleanup());
    const tag = `rf${suffix(5)}`;
    const [{ admin, made }, ent] = await Promise.all([
      people(a, PG, tag, [['county', 'county_regulator', '330203'], ['city', 'city_regulator', '330200'], ['national', 'national_office'], ['tech', 'technical_body']]),
      registerEnterprise(a.base, { region: '330203', actor: 'ent' }),
    ]);
    // each reviewer holds one session on each process
    const onB = async (name) => loginAs(b.base, made[name].user.username, made[name].password, `${name}@b`);
    const county = { a: made.county.client, b: await onB('county') };
    const city = { a: made.city.client, b: await onB('city') };
    const adminB = await loginAs(b.base, admin.user.username, admin.password, 'admin@b');
    const plan = await publishPlan(made.tech.client, made.national.client);
    const results = [];
    for (const d of await drafts(ent.client, plan, 20, tag)) {
      const r = expectStatus(await ent.client.post(`/results/${d.id}/submit`, { version: d.version }), 200, 'submit').body;
      assert.deepEqual([r.status, r.stage, r.stage_region_code], ['submitted', 'county', '330203']);
      results.push(r);
    }

    // Round 1: the county pass, same version, from both processes at once.
    const answers = await Promise.all(results.flatMap((r) => ['a', 'b'].map(async (p) => ({
      id: r.id, p, r: await county[p].post(`/results/${r.id}/review`, { version: r.version, action: 'pass', comment: `通过（${p}）` }),
    }))));
    const problems = [];
    for (const r of results) {
      const mine = answers.filter((x) => x.id === r.id);
      const statuses = mine.map((x) => x.r.status).sort();
      if (JSON.stringify(statuses) !== JSON.stringify([200, 409])) problems.push(`result ${r.id}: answers ${mine.map((x) => `${x.p}: ${show(x.r).slice(0, 200)}`).join(' | ')}`);
      for (const x of mine.filter((y) => y.r.status === 409))
        if (x.r.body?.error?.code !== 'conflict') problems.push(`result ${r.id}: 409 without code conflict: ${show(x.r)}`);
      const now = expectStatus(await adminB.get(`/results/${r.id}`), 200).body;
      if (now.status !== 'county_reviewed' || now.version !== r.version + 1) problems.push(`result ${r.id}: now ${now.status} v${now.version}, expected county_reviewed v${r.version + 1}`);
      const ev = expectStatus(await admin.get(`/results/${r.id}/events`), 200).body.items;
      const passes = ev.filter((e) => e.action === 'pass');
      if (passes.length !== 1) problems.push(`result ${r.id}: ${passes.length} pass events`);
      const winner = mine.find((x) => x.r.status === 200);
      if (winner && passes.length === 1 && passes[0].comment !== `通过（${winner.p}）`) problems.push(`result ${r.id}: the event is not the acknowledged pass (${passes[0].comment} vs ${winner.p})`);
    }
    const wins = answers.filter((x) => x.r.status === 200);
    t.diagnostic(`county round: ${wins.filter((x) => x.p === 'a').length} won on process a, ${wins.filter((x) => x.p === 'b').length} on b`);
    assert.deepEqual(problems, [], 'county pass from two processes');

    // Round 2: the city bulk pass of all 20, from both processes at once: each item once.
    const current = [];
    for (const r of results) current.push(expectStatus(await admin.get(`/results/${r.id}`), 200).body);
    const items = current.map((r) => ({ id: r.id, version: r.version }));
    const [ba, bb] = await Promise.all(['a', 'b'].map((p) => city[p].post('/results/review', { action: 'pass', comment: `批量（${p}）`, items })));
    expectStatus(ba, 200);
    expectStatus(bb, 200);
    for (const r of current) {
      const oa = ba.body.items.find((x) => x.id === r.id);
      const ob = bb.body.items.find((x) => x.id === r.id);
      const oks = [oa, ob].filter((o) => o?.ok).length;
      const refused = [oa, ob].filter((o) => o && !o.ok);
      if (oks !== 1 || refused.length !== 1 || refused[0].status_code !== 409) problems.push(`bulk, result ${r.id}: a=${JSON.stringify(oa)} b=${JSON.stringify(ob)}`);
      const now = expectStatus(await adminB.get(`/results/${r.id}`), 200).body;
      if (now.status !== 'city_recommended' || now.version !== r.version + 1) problems.push(`bulk, result ${r.id}: now ${now.status} v${now.version}, expected city_recommended v${r.version + 1}`);
      const ev = expectStatus(await adminB.get(`/results/${r.id}/events`), 200).body.items;
      const cityPasses = ev.filter((e) => e.action === 'pass' && e.actor_role === 'city_regulator');
      if (cityPasses.length !== 1) problems.push(`bulk, result ${r.id}: ${cityPasses.length} city pass events`);
    }
    assert.deepEqual(problems, [], 'city bulk pass from two processes');
    await a.stop();
    await b.stop();
  });

  // One run of (b) on a database: SQLite in a fresh data directory, or the shared PostgreSQL.
  async function killBurst(t, db) {
    const srv = await startServer(db ? { db } : {});
    toStop.push(srv);
    toClean.push(() => srv.cleanup());
    const tag = `kb${suffix(5)}`;
    const ents = { hs1: ['330203', 'county_hs'], hs2: ['330203', 'county_hs'], jb: ['330205', 'county_jb'] };
    const [{ admin, made }, ...registered] = await Promise.all([
      people(srv, db, tag, [['county_hs', 'county_regulator', '330203'], ['county_jb', 'county_regulator', '330205'], ['national', 'national_office'], ['tech', 'technical_body']]),
      ...Object.keys(ents).map((k) => registerEnterprise(srv.base, { region: ents[k][0], actor: k })),
    ]);
    const E = {};
    Object.keys(ents).forEach((k, i) => { E[k] = registered[i]; });
    const plan = await publishPlan(made.tech.client, made.national.client);
    // 60 complete drafts, 20 per enterprise, prepared concurrently per enterprise
    const prepared = await Promise.all(Object.keys(ents).map((k) => drafts(E[k].client, plan, 20, `${tag}${k}`)));
    const work = [];
    Object.keys(ents).forEach((k, i) => {
      for (const d of prepared[i]) work.push({ ent: k, county: ents[k][1], countyRegion: ents[k][0], id: d.id, prepVersion: d.version });
    });
    // interleave the enterprises
    work.sort((x, y) => (x.id * 7919) % 61 - (y.id * 7919) % 61 || x.id - y.id);

    const acks = [];        // {id, action, version, status}
    const unexpected = [];  // answers other than 200 before the kill
    let killed = false;
    let next = 0;
    const total = work.length * 2;
    const worker = async () => {
      while (!killed && next < work.length) {
        const w = work[next++];
        try {
          const s = await E[w.ent].client.post(`/results/${w.id}/submit`, { version: w.prepVersion });
          if (s.status === 200) acks.push({ id: w.id, action: 'submit', version: s.body.version, status: s.body.status });
          else { if (!killed) unexpected.push(show(s)); continue; }
          const p = await made[w.county].client.post(`/results/${w.id}/review`, { version: s.body.version, action: 'pass', comment: '突发审核' });
          if (p.status === 200) acks.push({ id: w.id, action: 'pass', version: p.body.version, status: p.body.status });
          else if (!killed) unexpected.push(show(p));
        } catch (e) {
          if (!killed) unexpected.push(`${w.id}: ${e.message}`);
          return; // the server is gone
        }
      }
    };
    const start = Date.now();
    const workers = Array.from({ length: 6 }, worker);
    // kill in the middle: once about a third of the 120 writes is acknowledged (or after 5 s)
    while (acks.length < total / 3 && Date.now() - start < 5000 && next < work.length) await sleep(2);
    killed = true;
    const ackedAtKill = acks.length;
    assert.equal(await srv.stop('SIGKILL'), 'SIGKILL');
    await Promise.all(workers);
    t.diagnostic(`${db ? 'PostgreSQL' : 'SQLite'}: kill -9 after ${Date.now() - start} ms with ${ackedAtKill} of ${total} writes acknowledged (${acks.length} acknowledged in all)`);
    assert.deepEqual(unexpected, [], 'every request before the kill is answered 200');
    assert.ok(ackedAtKill > 0 && ackedAtKill < total, `the kill must fall inside the burst (${ackedAtKill} of ${total} acknowledged)`);

    const srv2 = await startServer({ dataDir: srv.dataDir, ...(db ? { db } : {}) });
    toStop.push(srv2);
    const owner = {};
    for (const k of Object.keys(ents)) owner[k] = await loginAs(srv2.base, E[k].username, E[k].password, k);
    const problems = [];
    const seen = {};
    for (const w of work) {
      const g = await owner[w.ent].get(`/results/${w.id}`);
      if (g.status !== 200) { problems.push(`result ${w.id}: ${show(g)}`); continue; }
      const r = g.body;
      const ev = expectStatus(await owner[w.ent].get(`/results/${w.id}/events`), 200).body.items.filter((e) => e.action !== 'create');
      seen[r.status] = (seen[r.status] || 0) + 1;
      const where = `result ${w.id} (${r.status} at ${r.stage || '-'} ${r.stage_region_code || ''}, v${r.version})`;
      if (!allowedPlace(r, w.countyRegion)) problems.push(`${where}: a status/stage pair the chain does not allow`);
      // the events form a path from the draft to the current status, by allowed steps
      let at = 'draft';
      for (const e of ev) {
        if (e.from_status !== at || !allowedStep(e)) problems.push(`${where}: event ${e.action} ${e.from_status}→${e.to_status} after ${at}`);
        at = e.to_status;
      }
      if (at !== r.status) problems.push(`${where}: events end in ${at}`);
      if (ev.filter((e) => e.action === 'submit').length > 1 || ev.filter((e) => e.action === 'pass').length > 1) problems.push(`${where}: an event twice: ${ev.map((e) => e.action)}`);
      // each write adds one version, each state change one event: no version skipped or counted twice
      if (r.version !== w.prepVersion + ev.length) problems.push(`${where}: version ${r.version} but ${w.prepVersion} after preparation + ${ev.length} events`);
      // what was acknowledged is there
      for (const ack of acks.filter((x) => x.id === w.id)) {
        if (ORDER.indexOf(r.status) < ORDER.indexOf(ack.status)) problems.push(`${where}: acknowledged ${ack.action} to ${ack.status} lost`);
        if (!ev.some((e) => e.action === ack.action)) problems.push(`${where}: acknowledged ${ack.action} has no event`);
        if (r.version < ack.version) problems.push(`${where}: acknowledged version ${ack.version} lost`);
      }
    }
    t.diagnostic(`after restart: ${JSON.stringify(seen)}`);
    assert.deepEqual(problems, [], 'state after kill -9 and restart');
    // the restarted server carries on: a draft is submitted, a submitted result passed
    const county2 = {};
    for (const name of ['county_hs', 'county_jb']) county2[name] = await loginAs(srv2.base, made[name].user.username, made[name].password, name);
    const admin2 = await loginAs(srv2.base, admin.user.username, admin.password, 'admin');
    expectStatus(await admin2.get('/health'), 200);
    for (const w of work) {
      const r = expectStatus(await owner[w.ent].get(`/results/${w.id}`), 200).body;
      if (r.status === 'draft') {
        const s = expectStatus(await owner[w.ent].post(`/results/${w.id}/submit`, { version: r.version }), 200, 'submit after restart').body;
        expectStatus(await county2[w.county].post(`/results/${w.id}/review`, { version: s.version, action: 'pass' }), 200, 'pass after restart');
        break;
      }
    }
    const waiting = work.find((w) => acks.some((x) => x.id === w.id && x.action === 'submit') && !acks.some((x) => x.id === w.id && x.action === 'pass'));
    if (waiting) {
      const r = expectStatus(await owner[waiting.ent].get(`/results/${waiting.id}`), 200).body;
      if (r.status === 'submitted')
        expectStatus(await county2[waiting.county].post(`/results/${waiting.id}/review`, { version: r.version, action: 'pass' }), 200, 'pass after restart');
    }
    await srv2.stop();
  }

  it('kill -9 during a burst of submissions and county passes (SQLite): nothing acknowledged is lost, every state is one the chain allows', { timeout: 180000 }, async (t) => {
    await killBurst(t, null);
  });

  it('kill -9 during a burst of submissions and county passes (PostgreSQL)', { timeout: 180000 }, async (t) => {
    if (!needPg(t)) return;
    await killBurst(t, PG);
  });
});
