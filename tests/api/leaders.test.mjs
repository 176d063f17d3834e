// 企业标准“领跑者” evaluation over real HTTP: plan drafting with bad input, 公示 with objections,
// publication; a round with declarations (one taken from a published result), the ranking into
// tiers checked against values worked out by hand here, the shortlist, commitment letters,
// 名单公示, the published list on the public side, a second round that keeps the first readable,
// and a round whose values are all equal (no ranking).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, expectStatus, todayCst, namesField, getBinary, xlsxText } from './fixtures.mjs';
import { setUpActors, publishedResult, planBody, publishLeaderPlan, uploadPdf, INDICATORS } from './leader_common.mjs';

let server, A, ents, result, plan, round;
const D = {}; // enterprise key → declaration

before(async () => {
  server = await startServer();
  ({ A, ents } = await setUpActors(server, [['hn', '469001'], ['bl', '330206']]));
  result = await publishedResult(A);
});
after(async () => {
  await server.stop();
  server.cleanup();
});

test('drafting a plan: who may, and bad input named by field', async () => {
  assert.equal((await A.anon.post('/leader-plans', planBody())).status, 401);
  for (const who of ['ent_hs', 'county_hs', 'national', 'expert'])
    assert.equal((await A[who].post('/leader-plans', planBody())).status, 403, who);
  let r = await A.tech.post('/leader-plans', { ...planBody(), product: '', indicators: [{ name: '能效', direction: 'up', baseline: '见附录' }, { name: '', direction: 'lower', baseline: '≤1 W' }] });
  expectStatus(r, 422);
  for (const f of ['product', 'indicators[0].direction', 'indicators[1].name']) assert.ok(namesField(r.body.error, f), `${f}: ${r.text}`);
  r = await A.tech.post('/leader-plans', { ...planBody(), indicators: [{ name: '能效', unit: '%', direction: 'higher', baseline: '见附录' }] });
  expectStatus(r, 422);
  assert.ok(namesField(r.body.error, 'indicators[0].baseline'), r.text);
  r = await A.tech.post('/leader-plans', { ...planBody(), tier_cuts: [50, 20, 100] });
  expectStatus(r, 422);
  assert.ok(namesField(r.body.error, 'tier_cuts'), r.text);
  r = await A.tech.post('/leader-plans', { ...planBody(), tier_cuts: 'x' });
  expectStatus(r, 400);
  r = await A.tech.post('/leader-plans', { ...planBody(), indicators: [{ name: 5 }] });
  expectStatus(r, 400);
  r = await A.tech.post('/leader-plans', { ...planBody(), basis_standard: 'not a number' });
  expectStatus(r, 422);
  assert.ok(namesField(r.body.error, 'basis_standard'), r.text);
  r = await A.tech.request('POST', '/leader-plans', { body: '{bad json', headers: { 'content-type': 'application/json' } });
  expectStatus(r, 400);
});

test('公示 with objections, then publication with a stable number; drafts stay private', async () => {
  let p = expectStatus(await A.tech.post('/leader-plans', { ...planBody(), basis_standard: '' }), 201).body;
  assert.equal(p.status, 'draft');
  assert.equal(p.rule.description, '第1档：前34%；第2档：前67%；第3档：前100%；领跑者：第1档及以内；跟跑者：第2档及以内');
  assert.equal((await A.anon.get(`/leader-plans/${p.id}`)).status, 404, 'a draft is not public');
  assert.equal((await A.tech2.get(`/leader-plans/${p.id}`)).status, 404);
  assert.equal((await A.tech2.put(`/leader-plans/${p.id}`, { ...planBody(), version: p.version })).status, 404);
  // a stale edit is refused
  p = expectStatus(await A.tech.put(`/leader-plans/${p.id}`, { ...planBody(), version: p.version }), 200).body;
  assert.equal((await A.tech.put(`/leader-plans/${p.id}`, { ...planBody(), version: p.version - 1 })).status, 409);
  assert.equal((await A.tech.put(`/leader-plans/${p.id}`, planBody())).status, 422, 'version is required');
  const today = todayCst();
  let r = await A.tech.post(`/leader-plans/${p.id}/actions`, { action: 'notice', notice_start: 'tomorrow', notice_end: today });
  expectStatus(r, 422);
  assert.ok(namesField(r.body.error, 'notice_start'));
  assert.equal((await A.tech.post(`/leader-plans/${p.id}/actions`, { action: 'fly' })).status, 422);
  assert.equal((await A.national.post(`/leader-plans/${p.id}/actions`, { action: 'notice', notice_start: today, notice_end: today })).status, 403);
  p = expectStatus(await A.tech.post(`/leader-plans/${p.id}/actions`, { action: 'notice', notice_start: today, notice_end: '2099-12-31' }), 200).body;
  assert.equal(p.status, 'notice');
  // public during the notice; objections from signed-in users, answered by the drafting body
  expectStatus(await A.anon.get(`/leader-plans/${p.id}`), 200);
  assert.equal((await A.anon.post(`/leader-plans/${p.id}/objections`, { text: '异议' })).status, 401);
  assert.equal((await A.ent_jb.post(`/leader-plans/${p.id}/objections`, { text: '' })).status, 422);
  r = await A.ent_jb.post(`/leader-plans/${p.id}/objections`, { text: '异'.repeat(2001) });
  expectStatus(r, 422);
  assert.ok(namesField(r.body.error, 'text'), 'the 2001-character objection names the field');
  r = await A.ent_jb.post(`/leader-plans/${p.id}/objections`, { text: 7 });
  expectStatus(r, 400);
  assert.ok(namesField(r.body.error, 'text'), 'a number is not a text');
  const o = expectStatus(await A.ent_jb.post(`/leader-plans/${p.id}/objections`, { text: '  噪声基准值应引用 GB 4706.24 \n' }), 201).body;
  assert.equal(o.text, '噪声基准值应引用 GB 4706.24', 'stored trimmed');
  r = await A.tech.post(`/leader-plans/${p.id}/objections/${o.id}/answer`, { answer: ' ' });
  expectStatus(r, 422);
  assert.ok(namesField(r.body.error, 'answer'));
  assert.equal((await A.ent_hs.post(`/leader-plans/${p.id}/objections/${o.id}/answer`, { answer: '不' })).status, 403);
  expectStatus(await A.tech.post(`/leader-plans/${p.id}/objections/${o.id}/answer`, { answer: '已核对，保持 GB/T 4288' }), 200);
  const list = expectStatus(await A.anon.get(`/leader-plans/${p.id}/objections`), 200).body.items;
  assert.equal(list.length, 1);
  assert.equal(list[0].answer, '已核对，保持 GB/T 4288');
  // not before the notice period ends
  r = await A.tech.post(`/leader-plans/${p.id}/actions`, { action: 'publish' });
  expectStatus(r, 409);
  assert.match(r.body.error.message, /2099-12-31/);
  // the national office may return it with a reason
  assert.equal((await A.national.post(`/leader-plans/${p.id}/actions`, { action: 'reject' })).status, 422);
  p = expectStatus(await A.national.post(`/leader-plans/${p.id}/actions`, { action: 'reject', comment: '公示期过长' }), 200).body;
  assert.equal(p.status, 'draft');
  assert.equal(p.last_reason, '公示期过长');
  // the plan used below: published today
  plan = await publishLeaderPlan(A.tech);
  assert.match(plan.plan_number, new RegExp(`^LPPJ-${today.slice(0, 4)}-330200-\\d{4}$`));
  assert.equal(plan.status, 'published');
  assert.deepEqual(plan.joint_evaluators, ['宁波市标准化研究院', '浙江省家电行业协会']);
  const pub = expectStatus(await A.anon.get('/leader-plans?status=published'), 200).body;
  assert.ok(pub.items.some((x) => x.id === plan.id));
  assert.ok(!pub.items.some((x) => x.status === 'draft'));
  assert.equal((await A.anon.get('/leader-plans?status=bogus')).status, 422);
});

test('a round: declarations with bad input, one taken from a published result', async () => {
  assert.equal((await A.tech2.post(`/leader-plans/${plan.id}/rounds`, {})).status, 403);
  assert.equal((await A.ent_hs.post(`/leader-plans/${plan.id}/rounds`, {})).status, 403);
  round = expectStatus(await A.tech.post(`/leader-plans/${plan.id}/rounds`, { title: '2026年度' }), 201).body;
  assert.equal(round.status, 'declaring');
  assert.equal(round.round_no, 1);
  assert.equal((await A.tech.post(`/leader-plans/${plan.id}/rounds`, {})).status, 409, 'one open round at a time');
  const url = `/leader-rounds/${round.id}/declarations`;
  assert.equal((await A.anon.post(url, { standard_number: 'Q/NBHS 001-2020' })).status, 401);
  assert.equal((await A.county_hs.post(url, { standard_number: 'Q/NBHS 001-2020' })).status, 403);
  let r = await A.ent_hs.post(url, { standard_number: '', values: ['≥0.9'] });
  expectStatus(r, 422);
  assert.ok(namesField(r.body.error, 'standard_number'));
  r = await A.ent_hs.post(url, { standard_number: 'Q/NBHS 001-2020', values: ['1', '2', '3'] });
  expectStatus(r, 422);
  assert.ok(namesField(r.body.error, 'values'));
  assert.equal((await A.ent_hs.post(url, { standard_number: 'Q/NBHS 001-2020', values: 'x' })).status, 400);
  assert.equal((await A.ent_hs.post(url, { standard_number: 'Q/NBHS 001-2020', values: [1, 2] })).status, 400);
  r = await A.ent_jb.post(url, { standard_number: 'Q/NBJB 001-2021', result_code: result.code });
  expectStatus(r, 422, "another enterprise's result");
  assert.ok(namesField(r.body.error, 'result_code'));
  // from the published result: the values of the indicators with the same names
  D.hs = expectStatus(await A.ent_hs.post(url, { standard_number: 'Q/NBHS 001-2020', result_code: result.code.toLowerCase() }), 201).body;
  assert.deepEqual(D.hs.values, ['≥0.85', '≤60 dB(A)']);
  assert.equal(D.hs.result_code, result.code);
  assert.equal(D.hs.product_name, '家用电动洗衣机');
  assert.equal((await A.ent_hs.post(url, { standard_number: 'Q/NBHS 001-2020', values: ['≥0.9', '≤50'] })).status, 409, 'declared twice');
  // the enterprise revises one value (versioned)
  assert.equal((await A.ent_hs.put(`/leader-declarations/${D.hs.id}`, { standard_number: 'Q/NBHS 001-2020', result_code: result.code, values: ['', '≤52 dB(A)'], version: D.hs.version + 5 })).status, 409);
  assert.equal((await A.ent_hs2.put(`/leader-declarations/${D.hs.id}`, { standard_number: 'Q/X 1-2020', values: [], version: D.hs.version })).status, 404, "another enterprise's declaration");
  D.hs = expectStatus(await A.ent_hs.put(`/leader-declarations/${D.hs.id}`, { standard_number: 'Q/NBHS 001-2020', result_code: result.code, values: ['', '≤52 dB(A)'], version: D.hs.version }), 200).body;
  assert.deepEqual(D.hs.values, ['≥0.85', '≤52 dB(A)']);
  D.hs2 = expectStatus(await A.ent_hs2.post(url, { standard_number: 'Q/NBHS2 003-2022', values: ['≥0.80', '≤58'] }), 201).body;
  D.jb = expectStatus(await A.ent_jb.post(url, { standard_number: 'Q/NBJB 001-2021', values: ['0.75', '≤61 dB(A)'] }), 201).body;
  D.hn = expectStatus(await A.ent_hn.post(url, { standard_number: 'Q/HN 01-2023', values: ['0.3～0.5', '≤55'] }), 201).body;
  D.bl = expectStatus(await A.ent_bl.post(url, { standard_number: 'Q/BL 9-2020', values: ['≥0.65', '≤50 dB(A)'] }), 201).body;
});

test('the ranking per core indicator into tiers, with values apart and why', async () => {
  const url = `/leader-rounds/${round.id}/ranking`;
  assert.equal((await A.anon.get(url)).status, 401);
  for (const who of ['tech2', 'county_hs', 'ent_hs', 'expert']) assert.equal((await A[who].get(url)).status, 403, who);
  expectStatus(await A.national.get(url), 200);
  const rk = expectStatus(await A.tech.get(url), 200).body;
  // Worked out by hand, cuts 34/67/100.
  // 洗净比 (higher): 0.85 hs, 0.80 hs2, 0.75 jb ranked (n=3, limits 2,3,3); hn a range; bl 0.65 below 0.70.
  // 噪声 (lower): 50 bl, 52 hs, 55 hn, 58 hs2, 61 jb (n=5, limits 2,4,5).
  const byName = Object.fromEntries(rk.declarations.map((d) => [d.id, d]));
  const tiers = (k) => byName[D[k].id].cells.map((c) => c.tier ?? c.state);
  assert.deepEqual(tiers('hs'), [1, 1]);
  assert.deepEqual(tiers('hs2'), [1, 2]);
  assert.deepEqual(tiers('jb'), [2, 3]);
  assert.deepEqual(tiers('hn'), ['incomparable', 2]);
  assert.deepEqual(tiers('bl'), ['below_baseline', 1]);
  assert.deepEqual(rk.indicators.map((i) => i.tier_counts), [[2, 1, 0], [2, 2, 1]]);
  assert.deepEqual(rk.indicators[0].apart.map((a) => [a.declaration_id, a.state]).sort(), [[D.hn.id, 'incomparable'], [D.bl.id, 'below_baseline']].sort());
  assert.match(rk.indicators[0].apart.find((a) => a.declaration_id === D.hn.id).reason, /范围/);
  assert.equal(byName[D.hs.id].level, 'leader');
  assert.equal(byName[D.hs2.id].level, 'follower');
  assert.equal(byName[D.jb.id].level, null);
  assert.equal(byName[D.hn.id].level, null);
  assert.match(byName[D.hn.id].reason, /不可比/);
  assert.match(byName[D.bl.id].reason, /基准值/);
  assert.equal(rk.leaders, 1);
  assert.equal(rk.followers, 1);
  // the same table as xlsx, for the evaluator only
  const x = await getBinary(A.tech, `/leader-rounds/${round.id}/ranking/export.xlsx`);
  expectStatus(x, 200);
  const text = xlsxText(x);
  for (const s of [ents.hs.enterprise.name, ents.hn.enterprise.name, 'Q/NBHS 001-2020', '第1档', '低于基准值', '不可比', '领跑者', '跟跑者']) assert.ok(text.includes(s), s);
  assert.equal((await getBinary(A.county_hs, `/leader-rounds/${round.id}/ranking/export.xlsx`)).status, 403);
});

test('declarations are scoped: evaluator all, regulators their subtree, enterprises their own', async () => {
  const url = `/leader-rounds/${round.id}/declarations`;
  const ids = async (who) => {
    const r = expectStatus(await A[who].get(url + '?page_size=200'), 200, who).body;
    return r.items.map((d) => d.id).sort((a, b) => a - b);
  };
  const sorted = (...k) => k.map((x) => D[x].id).sort((a, b) => a - b);
  assert.deepEqual(await ids('tech'), sorted('hs', 'hs2', 'jb', 'hn', 'bl'));
  assert.deepEqual(await ids('national'), sorted('hs', 'hs2', 'jb', 'hn', 'bl'));
  assert.deepEqual(await ids('county_hs'), sorted('hs', 'hs2'));
  assert.deepEqual(await ids('county_jb'), sorted('jb'));
  assert.deepEqual(await ids('city_nb'), sorted('hs', 'hs2', 'jb', 'bl'));
  assert.deepEqual(await ids('ent_hs'), sorted('hs'));
  for (const who of ['tech2', 'expert']) assert.equal((await A[who].get(url)).status, 403, who);
  assert.equal((await A.anon.get(url)).status, 401);
  assert.equal((await A.county_jb.get(`/leader-declarations/${D.hs.id}`)).status, 404);
  assert.equal((await A.ent_hs2.get(`/leader-declarations/${D.hs.id}`)).status, 404);
  expectStatus(await A.county_hs.get(`/leader-declarations/${D.hs.id}`), 200);
});

test('shortlist → commitment letter → 名单公示 → published list; the public finds the entry', async () => {
  const act = (who, body) => A[who].post(`/leader-rounds/${round.id}/actions`, body);
  assert.equal((await act('tech2', { action: 'shortlist' })).status, 403);
  assert.equal((await act('national', { action: 'shortlist' })).status, 403);
  assert.equal((await act('tech', { action: 'publish' })).status, 409);
  round = expectStatus(await act('tech', { action: 'shortlist', version: round.version }), 200).body;
  assert.equal(round.status, 'shortlisted');
  assert.equal(round.ranking_summary.leaders, 1);
  const get = async (k, who = 'ent_' + k) => expectStatus(await A[who].get(`/leader-declarations/${D[k].id}`), 200).body;
  for (const [k, status, level] of [['hs', 'shortlisted', 'leader'], ['hs2', 'shortlisted', 'follower'], ['jb', 'not_shortlisted', null], ['hn', 'not_shortlisted', null], ['bl', 'not_shortlisted', null]]) {
    D[k] = await get(k);
    assert.equal(D[k].status, status, k);
    assert.equal(D[k].level, level, k);
  }
  assert.equal((await A.ent_hs.put(`/leader-declarations/${D.hs.id}`, { standard_number: 'Q/NBHS 001-2020', values: [], version: D.hs.version })).status, 409, 'closed for edits');
  // the commitment letter: uploaded through /files, then attached
  const file = await uploadPdf(A.ent_hs);
  const other = await uploadPdf(A.ent_jb, 'x.pdf', Buffer.from('%PDF-1.4\nother\n%%EOF\n'));
  let r = await A.ent_hs.post(`/leader-declarations/${D.hs.id}/commitment`, { file_hash: other.hash, version: D.hs.version });
  expectStatus(r, 422, "another enterprise's file");
  assert.equal((await A.ent_hs.post(`/leader-declarations/${D.hs.id}/commitment`, { file_hash: 'abc', version: D.hs.version })).status, 422);
  assert.equal((await A.ent_jb.post(`/leader-declarations/${D.jb.id}/commitment`, { file_hash: other.hash, version: D.jb.version })).status, 409, 'not shortlisted');
  assert.equal((await A.tech.post(`/leader-declarations/${D.hs.id}/commitment`, { file_hash: file.hash, version: D.hs.version })).status, 403);
  D.hs = expectStatus(await A.ent_hs.post(`/leader-declarations/${D.hs.id}/commitment`, { file_hash: file.hash, version: D.hs.version }), 200).body;
  assert.equal(D.hs.status, 'committed');
  const letter = await A.tech.get(`/leader-declarations/${D.hs.id}/commitment`);
  expectStatus(letter, 200);
  assert.equal(letter.headers.get('content-type'), 'application/pdf');
  assert.equal((await A.tech2.get(`/leader-declarations/${D.hs.id}/commitment`)).status, 404);
  // 公示, then publication (the notice ends today)
  assert.equal((await A.anon.get(`/public/leader-rounds/${round.id}`)).status, 404, 'not public before publication');
  const today = todayCst();
  round = expectStatus(await act('tech', { action: 'notice', notice_start: today, notice_end: today }), 200).body;
  round = expectStatus(await act('tech', { action: 'publish' }), 200).body;
  assert.equal(round.status, 'published');
  assert.equal((await get('hs')).status, 'listed');
  const hs2 = await get('hs2');
  assert.equal(hs2.status, 'dropped');
  assert.match(hs2.reason, /承诺书/);
  // public side
  const name = ents.hs.enterprise.name;
  let pub = expectStatus(await A.anon.get(`/public/leaders?q=${encodeURIComponent(name)}`), 200).body;
  assert.equal(pub.total, 1);
  const e = pub.items[0];
  assert.equal(e.enterprise_name, name);
  assert.equal(e.level, 'leader');
  assert.equal(e.result_code, result.code);
  assert.equal(e.plan_number, plan.plan_number);
  assert.deepEqual(e.tiers.map((c) => c.tier), [1, 1]);
  for (const hidden of ['values', 'commitment', 'enterprise_id', 'reason', 'version']) assert.ok(!(hidden in e), `public entry exposes ${hidden}`);
  expectStatus(await A.anon.get(`/public/results/${e.result_code}`), 200);
  pub = expectStatus(await A.anon.get('/public/leaders'), 200).body;
  assert.deepEqual(pub.items.map((x) => x.enterprise_name), [name], 'only listed entries are public');
  assert.equal((await A.anon.get('/public/leaders?level=boss')).status, 422);
  assert.equal((await A.anon.get('/public/leaders?round_id=abc')).status, 422);
  const x = await getBinary(A.anon, `/public/leaders/export.xlsx?q=${encodeURIComponent(name)}`);
  expectStatus(x, 200);
  const text = xlsxText(x);
  assert.ok(text.includes(name) && text.includes(result.code) && text.includes(plan.plan_number), 'the list as xlsx');
  assert.ok(!text.includes('≤52'), 'no declared values in the public export');
  assert.ok(!xlsxText(await getBinary(A.anon, '/public/leaders/export.xlsx')).includes(ents.hs2.enterprise.name), 'dropped entries are not exported');
  const pr = expectStatus(await A.anon.get(`/public/leader-rounds/${round.id}`), 200).body;
  assert.ok(!('declarations' in pr) && !('author_id' in pr.plan));
});

test('a new round keeps the old list readable; all-equal values are not ranked', async () => {
  const r2 = expectStatus(await A.tech.post(`/leader-plans/${plan.id}/rounds`, { title: '2027年度' }), 201).body;
  assert.equal(r2.round_no, 2);
  const url = `/leader-rounds/${r2.id}/declarations`;
  expectStatus(await A.ent_hs.post(url, { standard_number: 'Q/NBHS 001-2020', values: ['≥0.80', '≤55 dB(A)'] }), 201);
  expectStatus(await A.ent_jb.post(url, { standard_number: 'Q/NBJB 001-2021', values: ['0.8', '≤55'] }), 201);
  const rk = expectStatus(await A.tech.get(`/leader-rounds/${r2.id}/ranking`), 200).body;
  assert.deepEqual(rk.indicators.map((i) => i.status), ['all_equal', 'all_equal']);
  assert.equal(rk.any_ranked, false);
  const r = await A.tech.post(`/leader-rounds/${r2.id}/actions`, { action: 'shortlist' });
  expectStatus(r, 409);
  assert.match(r.body.error.message, /相同/);
  const old = expectStatus(await A.anon.get(`/public/leaders?round_id=${round.id}`), 200).body;
  assert.equal(old.total, 1);
  assert.equal(old.items[0].round_no, 1);
  expectStatus(await A.anon.get(`/public/leader-rounds/${round.id}`), 200);
  assert.equal(INDICATORS.length, 2);
});
