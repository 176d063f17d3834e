// Benchmarking technical plans: drafting with computed verdicts, the lifecycle
// draft → 征求意见 → 公示 → published → superseded / withdrawn, objections, numbers, visibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';
import { unzipEntries } from './fixtures.mjs';

let server, admin, national, tech, tech2, county, anon;
const pw = 'Passw0rd-plans01';
const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const future = new Date(Date.now() + 8 * 3600 * 1000 + 10 * 86400 * 1000).toISOString().slice(0, 10);

async function userClient(username, role, region_code) {
  const r = await admin.post('/api/v1/users', { username, display_name: `${username}单位`, role, region_code, password: pw });
  assert.equal(r.status, 201, r.text);
  const c = new Client(server.base);
  await c.login(username, pw);
  return c;
}

const draftBody = () => ({
  product: '家用电动洗衣机',
  industry_code: '38',
  author_org: '宁波市标准化研究院',
  summary: '洗衣机安全与性能指标对标 IEC',
  standards: [
    { role: 'domestic', number: 'GB 4706.24—2008' },
    { role: 'benchmark', number: 'IEC 60335-2-7:2008+A1:2011' },
  ],
  indicators: [
    { name: '洗净比', unit: '', domestic_requirement: '≥0.70', benchmark_requirement: '≥0.80', core: true },
    { name: '噪声', unit: 'dB(A)', domestic_requirement: '≤62', benchmark_requirement: '不大于65 dB(A)', core: true },
    { name: '泄漏电流', unit: 'mA', domestic_requirement: '≤0.75 mA', benchmark_requirement: '≤0.75mA', safety: true },
  ],
});

before(async () => {
  server = await startServer();
  admin = new Client(server.base);
  await admin.login('admin', server.adminPassword);
  national = await userClient('plan_national', 'national_office');
  tech = await userClient('plan_tech', 'technical_body', '330200');
  tech2 = await userClient('plan_tech2', 'technical_body');
  county = await userClient('plan_county', 'county_regulator', '330203');
  anon = new Client(server.base);
  const r = await national.post('/api/v1/standards', { number: 'IEC 60335-2-7:2008+A1:2011', title_zh: '家用电器安全 洗衣机的特殊要求' });
  assert.equal(r.status, 201, r.text);
});
after(async () => {
  await server.stop();
  server.cleanup();
});

let plan;

test('a technical body drafts a plan; verdicts are computed for every row', async () => {
  const r = await tech.post('/api/v1/plans', draftBody());
  assert.equal(r.status, 201, r.text);
  plan = r.body;
  assert.equal(plan.status, 'draft');
  assert.equal(plan.plan_number, null, 'numbers are assigned on publication');
  assert.deepEqual(plan.indicators.map((i) => i.verdict), ['worse', 'better', 'equal']);
  assert.deepEqual(plan.indicators.map((i) => i.verdict_label), ['低于', '优于', '达到']);
  assert.equal(plan.roll_up.kind, 'not_met');
  assert.deepEqual(plan.roll_up.gaps, ['洗净比']);
  assert.equal(plan.standards[0].number, 'GB 4706.24-2008');
  assert.equal(plan.standards[1].title, '家用电器安全 洗衣机的特殊要求', 'titles come from the catalog');
});

test('drafts are visible to their author and the national office only', async () => {
  assert.equal((await anon.get(`/api/v1/plans/${plan.id}`)).status, 404);
  assert.equal((await county.get(`/api/v1/plans/${plan.id}`)).status, 404);
  assert.equal((await tech2.get(`/api/v1/plans/${plan.id}`)).status, 404);
  assert.equal((await national.get(`/api/v1/plans/${plan.id}`)).status, 200);
  assert.equal((await tech.get(`/api/v1/plans/${plan.id}`)).status, 200);
  const list = await anon.get('/api/v1/plans');
  assert.equal(list.body.total, 0);
});

test('only technical bodies draft; only the author edits a draft; bad content is refused', async () => {
  assert.equal((await county.post('/api/v1/plans', draftBody())).status, 403);
  assert.equal((await national.post('/api/v1/plans', draftBody())).status, 403);
  const a = await new Client(server.base).prepare();
  assert.equal((await a.post('/api/v1/plans', draftBody())).status, 401);
  assert.equal((await tech2.put(`/api/v1/plans/${plan.id}`, draftBody())).status, 404, 'another body cannot see the draft');
  let r = await tech.post('/api/v1/plans', { ...draftBody(), product: '', standards: [{ role: 'x', number: 'GB 1-2000' }, { role: 'domestic', number: 'hello' }], indicators: [{ name: '' }] });
  assert.equal(r.status, 422);
  for (const key of ['product', 'standards[0].role', 'standards[1].number', 'indicators[0].name']) assert.ok(r.body.error.fields[key], key);
  r = await tech.post('/api/v1/plans', { ...draftBody(), indicators: 'many' });
  assert.equal(r.status, 400);
  r = await tech.post('/api/v1/plans', { ...draftBody(), indicators: [{ name: 5 }] });
  assert.equal(r.status, 400);
  assert.ok(r.body.error.fields['indicators[0].name']);
  r = await tech.put(`/api/v1/plans/${plan.id}`, { ...draftBody(), indicators: [...draftBody().indicators, { name: '脱水率', domestic_requirement: '不低于 45 %', benchmark_requirement: '≥45%' }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.indicators[3].verdict, 'equal');
});

test('lifecycle: consultation, notice with objections, publication with a stable number', async () => {
  let r = await national.post(`/api/v1/plans/${plan.id}/actions`, { action: 'publish' });
  assert.equal(r.status, 409, 'a draft cannot be published');
  r = await tech.post(`/api/v1/plans/${plan.id}/actions`, { action: 'submit' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'consultation');
  assert.equal((await county.get(`/api/v1/plans/${plan.id}`)).status, 200, 'logged-in users read plans in consultation');
  assert.equal((await anon.get(`/api/v1/plans/${plan.id}`)).status, 404, 'not yet public');
  assert.equal((await tech.put(`/api/v1/plans/${plan.id}`, draftBody())).status, 409, 'no edits after submission');
  r = await national.post(`/api/v1/plans/${plan.id}/actions`, { action: 'reject' });
  assert.equal(r.status, 422, 'a rejection needs a reason');
  r = await national.post(`/api/v1/plans/${plan.id}/actions`, { action: 'reject', comment: '请补充检测方法' });
  assert.equal(r.body.status, 'draft');
  assert.equal(r.body.last_reason, '请补充检测方法');
  await tech.post(`/api/v1/plans/${plan.id}/actions`, { action: 'submit' });
  r = await tech.post(`/api/v1/plans/${plan.id}/actions`, { action: 'notice', notice_start: today, notice_end: 'tomorrow' });
  assert.equal(r.status, 422);
  r = await tech.post(`/api/v1/plans/${plan.id}/actions`, { action: 'notice', notice_start: today, notice_end: future });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'notice');
  assert.equal((await anon.get(`/api/v1/plans/${plan.id}`)).status, 200, '公示 is public');
  r = await national.post(`/api/v1/plans/${plan.id}/actions`, { action: 'publish' });
  assert.equal(r.status, 409, 'not before the notice period ends');
  assert.match(r.body.error.message, /公示期/);
  // Objections: anyone logged in, answered by the author.
  assert.equal((await anon.post(`/api/v1/plans/${plan.id}/objections`, { text: 'x' })).status, 403, 'CSRF / login needed');
  r = await county.post(`/api/v1/plans/${plan.id}/objections`, { text: '噪声限值是否应区分洗涤与脱水？' });
  assert.equal(r.status, 201, r.text);
  const oid = r.body.id;
  assert.equal((await county.post(`/api/v1/plans/${plan.id}/objections/${oid}/answer`, { answer: 'x' })).status, 403);
  assert.equal((await county.post(`/api/v1/plans/${plan.id}/objections`, { text: '   ' })).status, 422, 'an empty objection');
  assert.equal((await county.post(`/api/v1/plans/${plan.id}/objections`, { text: 5 })).status, 400);
  assert.equal((await tech.post(`/api/v1/plans/${plan.id}/objections/999999/answer`, { answer: 'x' })).status, 404);
  assert.equal((await tech.post(`/api/v1/plans/${plan.id}/objections/${oid}/answer`, { answer: '' })).status, 422);
  r = await tech.post(`/api/v1/plans/${plan.id}/objections/${oid}/answer`, { answer: '按 GB/T 4288 分别测量' });
  assert.equal(r.status, 200, r.text);
  r = await anon.get(`/api/v1/plans/${plan.id}/objections`);
  assert.equal(r.body.items[0].answer, '按 GB/T 4288 分别测量');
  // Shorten the notice to end today through a reject / resubmit cycle, then publish.
  await national.post(`/api/v1/plans/${plan.id}/actions`, { action: 'reject', comment: '公示期改为当日结束' });
  await tech.post(`/api/v1/plans/${plan.id}/actions`, { action: 'submit' });
  await tech.post(`/api/v1/plans/${plan.id}/actions`, { action: 'notice', notice_start: today, notice_end: today });
  assert.equal((await tech.post(`/api/v1/plans/${plan.id}/actions`, { action: 'publish' })).status, 403, 'authors do not publish');
  r = await national.post(`/api/v1/plans/${plan.id}/actions`, { action: 'publish' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'published');
  assert.match(r.body.plan_number, new RegExp(`^DBFA-${today.slice(0, 4)}-330200-0001$`));
  plan = r.body;
  r = await anon.get(`/api/v1/plans/by-number/${plan.plan_number}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.id, plan.id);
  r = await anon.get(`/api/v1/plans?q=${encodeURIComponent(plan.plan_number)}`);
  assert.deepEqual(r.body.items.map((p) => p.id), [plan.id]);
  r = await anon.get(`/api/v1/plans?standard=${encodeURIComponent('IEC 60335-2-7:2008+A1:2011')}`);
  assert.equal(r.body.total, 1);
  r = await anon.get(`/api/v1/plans?q=${encodeURIComponent('洗衣机')}`);
  assert.equal(r.body.total, 1);
  const events = await anon.get(`/api/v1/plans/${plan.id}/events`);
  assert.deepEqual(events.body.items.map((e) => e.action).filter((a) => a !== 'objection' && a !== 'answer'),
    ['create', 'submit', 'reject', 'submit', 'notice', 'reject', 'submit', 'notice', 'publish']);
});

test('published versions are immutable; a new version supersedes the old one and keeps the number', async () => {
  assert.equal((await tech.put(`/api/v1/plans/${plan.id}`, draftBody())).status, 409);
  let r = await tech.post(`/api/v1/plans/${plan.id}/versions`, {});
  assert.equal(r.status, 201, r.text);
  const v2 = r.body;
  assert.equal(v2.version, 2);
  assert.equal(v2.replaces_id, plan.id);
  assert.equal(v2.plan_number, plan.plan_number);
  assert.equal(v2.status, 'draft');
  r = await tech.put(`/api/v1/plans/${v2.id}`, { ...draftBody(), indicators: [{ name: '洗净比', domestic_requirement: '≥0.85', benchmark_requirement: '≥0.80', core: true }] });
  assert.equal(r.body.roll_up.kind, 'all_better');
  await tech.post(`/api/v1/plans/${v2.id}/actions`, { action: 'submit' });
  await tech.post(`/api/v1/plans/${v2.id}/actions`, { action: 'notice', notice_start: today, notice_end: today });
  r = await national.post(`/api/v1/plans/${v2.id}/actions`, { action: 'publish' });
  assert.equal(r.status, 200, r.text);
  assert.equal((await anon.get(`/api/v1/plans/${plan.id}`)).body.status, 'superseded');
  r = await anon.get(`/api/v1/plans/by-number/${plan.plan_number}`);
  assert.equal(r.body.id, v2.id, 'the number finds the current version');
  r = await national.post(`/api/v1/plans/${v2.id}/actions`, { action: 'withdraw', comment: '标准已废止' });
  assert.equal(r.body.status, 'withdrawn');
  assert.equal((await anon.get(`/api/v1/plans/by-number/${plan.plan_number}`)).status, 404);
  assert.equal((await anon.get(`/api/v1/plans/${v2.id}`)).status, 404, 'withdrawn plans are not public');
  assert.equal((await county.get(`/api/v1/plans/${v2.id}`)).status, 200);
  r = await national.post(`/api/v1/plans/${v2.id}/actions`, { action: 'fly' });
  assert.equal(r.status, 422);
  const x = await anon.get(`/api/v1/plans/${plan.id}/export.xlsx`);
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
});

test('export as a Word document laid out like the paper plan; hostile text is escaped', async () => {
  const body = { ...draftBody(), product: '洗衣机 <w:p>&"x"', indicators: [{ name: '噪声]]></w:t>', domestic_requirement: '≤62', benchmark_requirement: '≤65' }] };
  const created = await tech.post('/api/v1/plans', body);
  assert.equal(created.status, 201, created.text);
  const res = await fetch(`${server.base}/api/v1/plans/${created.body.id}/export.docx`, { headers: { cookie: tech.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /wordprocessingml/);
  const files = unzipEntries(Buffer.from(await res.arrayBuffer()));
  assert.ok(files['[Content_Types].xml'] && files['_rels/.rels']);
  const xml = files['word/document.xml'];
  assert.match(xml, /对标技术方案/);
  assert.match(xml, /关键技术指标对比/);
  assert.match(xml, /洗衣机 &lt;w:p&gt;&amp;&quot;x&quot;/, 'the product name is escaped');
  assert.ok(!xml.includes('<w:p>&'), 'no raw markup from user text');
  assert.match(xml, /优于/, 'the computed verdict is in the table');
  const anonRes = await fetch(`${server.base}/api/v1/plans/${created.body.id}/export.docx`);
  assert.equal(anonRes.status, 404, 'a draft is not exported to anonymous visitors');
});

test('guards: complete rows before submission, real notice dates, one revision at a time, file names', async () => {
  let r = await tech.post('/api/v1/plans', { ...draftBody(), standards: [], indicators: [{ name: '只有名称' }] });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  r = await tech.post(`/api/v1/plans/${id}/actions`, { action: 'submit' });
  assert.equal(r.status, 422);
  assert.match(r.body.error.fields.standards, /国内标准.*对标标准/, 'both missing kinds are named');
  assert.ok(r.body.error.fields['indicators[0].domestic_requirement']);
  assert.ok(r.body.error.fields['indicators[0].benchmark_requirement']);
  r = await tech.put(`/api/v1/plans/${id}`, draftBody());
  assert.equal(r.status, 200);
  await tech.post(`/api/v1/plans/${id}/actions`, { action: 'submit' });
  r = await tech.post(`/api/v1/plans/${id}/actions`, { action: 'notice', notice_start: '2026-02-30', notice_end: '2026-02-31' });
  assert.equal(r.status, 422, 'no such dates');
  r = await tech.post(`/api/v1/plans/${id}/actions`, { action: 'notice', notice_start: today, notice_end: today });
  assert.equal(r.status, 200);
  r = await national.post(`/api/v1/plans/${id}/actions`, { action: 'reject', comment: '重新公示' });
  assert.equal(r.body.notice_start, '', 'a rejected plan keeps no stale notice period');
  assert.equal(r.body.notice_end, '');
  await tech.post(`/api/v1/plans/${id}/actions`, { action: 'submit' });
  await tech.post(`/api/v1/plans/${id}/actions`, { action: 'notice', notice_start: today, notice_end: today });
  r = await national.post(`/api/v1/plans/${id}/actions`, { action: 'publish' });
  assert.equal(r.status, 200, r.text);
  const number = r.body.plan_number;
  r = await tech.post(`/api/v1/plans/${id}/versions`, {});
  assert.equal(r.status, 201);
  r = await tech.post(`/api/v1/plans/${id}/versions`, {});
  assert.equal(r.status, 409, 'one revision at a time');
  r = await tech.put(`/api/v1/plans/${id}`, draftBody());
  assert.equal(r.status, 409);
  assert.match(r.body.error.message, /已发布/, 'the status is named in Chinese');
  const res = await fetch(`${server.base}/api/v1/plans/${id}/export.docx`);
  assert.match(res.headers.get('content-disposition'), new RegExp(`${number}-v1\\.docx`));
});
