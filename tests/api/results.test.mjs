// Benchmarking results: entering a result against a published plan with computed verdicts,
// submission rules, the review chain with a return and a resubmission, publication, public
// verification by code, uploads, notifications, bulk pass and the queue export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminClient, createUser, registerEnterprise, Api, expectStatus, publishPlan, getBinary,
  xlsxText,
} from './fixtures.mjs';

let server, admin, ent, ent2, county, city, province, national, tech, anon;
let plan, product, product2;

const fullRows = () => [
  { enterprise_requirement: '≥0.85', measured_value: '0.88', report_number: 'BG-2026-001', lab: '宁波市产品质量检验研究院', report_date: '2026-05-12' },
  { enterprise_requirement: '≤60 dB(A)', measured_value: '58', report_number: 'BG-2026-001', lab: '宁波市产品质量检验研究院', report_date: '2026-05-12' },
  { enterprise_requirement: '≤0.75 mA', measured_value: '0.5', report_number: 'BG-2026-002', lab: '宁波市产品质量检验研究院', report_date: '2026-05-13' },
];

async function newProduct(client, name) {
  const p = expectStatus(await client.post('/products', {
    name, model: 'XQB80', category: '洗衣机', industry_code: '38', standards: ['GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020',
  }), 201).body;
  expectStatus(await client.post(`/products/${p.id}/selection`, { selected: true }), 200);
  return p;
}

before(async () => {
  server = await startServer();
  admin = await adminClient(server);
  const e = await registerEnterprise(server.base, { region: '330203', actor: 'ent' });
  ent = e.client;
  const e2 = await registerEnterprise(server.base, { region: '330203', actor: 'ent2' });
  ent2 = e2.client;
  const mk = async (username, role, region_code) => (await createUser(admin, { username, role, region_code })).client;
  county = await mk('r_county', 'county_regulator', '330203');
  city = await mk('r_city', 'city_regulator', '330200');
  province = await mk('r_prov', 'province_regulator', '330000');
  national = await mk('r_national', 'national_office');
  tech = await mk('r_tech', 'technical_body', '330200');
  anon = await new Api(server.base, 'anon').prepare();
  plan = await publishPlan(tech, national);
  product = await newProduct(ent, '滚筒洗衣机');
  product2 = await newProduct(ent2, '波轮洗衣机');
});
after(async () => {
  await server.stop();
  server.cleanup();
});

let result;

test('an enterprise starts a result for a selected product against a published plan', async () => {
  let r = await ent.post('/results', { product_id: product.id, plan_number: plan.plan_number });
  expectStatus(r, 201);
  result = r.body;
  assert.equal(result.status, 'draft');
  assert.equal(result.version, 1);
  assert.match(result.code, /^[0-9A-HJKMNP-TV-Z]{10}$/);
  assert.equal(result.plan_id, plan.id);
  assert.equal(result.enterprise_standard, 'Q/NBHS 001-2020', 'taken from the product');
  assert.deepEqual(result.indicators.map((i) => i.name), ['洗净比', '噪声', '泄漏电流']);
  assert.deepEqual(result.indicators.map((i) => i.benchmark_requirement), ['≥0.80', '≤65 dB(A)', '≤0.75mA']);
  assert.deepEqual(result.chain.map((s) => [s.level, s.region_code, s.state]),
    [['county', '330203', 'todo'], ['city', '330200', 'todo'], ['province', '330000', 'todo'], ['national', '', 'todo']]);
  // one result per product and plan number
  r = await ent.post('/results', { product_id: product.id, plan_id: plan.id });
  assert.equal(r.status, 409, r.text);
  // an unselected product, another enterprise's product, an unknown plan
  const loose = expectStatus(await ent.post('/products', { name: '未选产品', standards: ['GB/T 4288-2018'] }), 201).body;
  r = await ent.post('/results', { product_id: loose.id, plan_number: plan.plan_number });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.product_id);
  r = await ent.post('/results', { product_id: product2.id, plan_number: plan.plan_number });
  assert.equal(r.status, 422, 'another enterprise’s product is not found');
  r = await ent.post('/results', { product_id: product.id, plan_number: 'DBFA-2099-000000-9999' });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.plan_number);
  r = await ent.post('/results', { product_id: 'x', plan_number: plan.plan_number });
  assert.equal(r.status, 400);
  assert.equal((await county.post('/results', { product_id: product.id, plan_id: plan.id })).status, 403);
  // products with results cannot be deleted
  assert.equal((await ent.del(`/products/${product.id}`)).status, 409);
});

test('saving computes verdicts, roll-up and gaps; drafts keep every keystroke', async () => {
  const rows = fullRows();
  rows[0].enterprise_requirement = '≥0.75';  // looser than the benchmark ≥0.80
  rows[0].measured_value = '0.78';          // and the measured value fails the benchmark
  let r = await ent.put(`/results/${result.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: result.version, indicators: rows, conclusion: '部分指标未达到' });
  expectStatus(r, 200);
  result = r.body;
  assert.equal(result.version, 2);
  assert.deepEqual(result.indicators.map((i) => i.verdict), ['worse', 'better', 'equal']);
  assert.deepEqual(result.indicators.map((i) => i.verdict_label), ['低于', '优于', '达到']);
  assert.deepEqual(result.indicators.map((i) => i.measured_verdict), ['fail', 'pass', 'pass']);
  assert.equal(result.rollup, 'not_met');
  assert.equal(result.rollup_label, '未达到');
  assert.equal(result.compliant, false);
  assert.deepEqual([...new Set(result.gaps.map((g) => g.name))], ['洗净比']);
  // a stale version is refused and nothing is written
  r = await ent.put(`/results/${result.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: 1, indicators: fullRows(), conclusion: 'x' });
  assert.equal(r.status, 409, r.text);
  r = await ent.get(`/results/${result.id}`);
  assert.equal(r.body.version, 2);
  assert.equal(r.body.conclusion, '部分指标未达到');
  // bad input names the field and the row
  r = await ent.put(`/results/${result.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: 2, indicators: [{ report_date: '2026-02-30' }, {}, {}], revised_standard: 'GB/T 1-2000',
    improvements: [{ indicator: '不存在的指标', action: 'x', target_date: '明年' }],
  });
  assert.equal(r.status, 422, r.text);
  for (const key of ['indicators[0].report_date', 'revised_standard', 'improvements[0].indicator', 'improvements[0].target_date'])
    assert.ok(r.body.error.fields[key], key);
  r = await ent.put(`/results/${result.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: 2, indicators: [{}] });
  assert.equal(r.status, 422);
  assert.match(r.body.error.fields.indicators, /应有3行/);
  r = await ent.put(`/results/${result.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: 2, indicators: 'x' });
  assert.equal(r.status, 400);
  r = await ent.put(`/results/${result.id}`, { indicators: [] });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.version);
  assert.equal((await ent.get(`/results/${result.id}`)).body.version, 2, 'refused saves change nothing');
});

test('submission needs every row, the evidence and an improvement action for each gap', async () => {
  let r = await ent.post(`/results/${result.id}/submit`, { version: result.version });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.body.error.fields.improvements, 'the gap 洗净比 needs an action');
  const rows = fullRows();
  rows[0].enterprise_requirement = '≥0.75';
  rows[0].measured_value = '0.78';
  rows[2].lab = '';
  r = await ent.put(`/results/${result.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: result.version, indicators: rows, conclusion: '洗净比低于 IEC 要求，制定提升计划',
    improvements: [{ indicator: '洗净比', action: '改进波轮结构', responsible: '张工', target_date: '2027-06-30' }],
  });
  result = expectStatus(r, 200).body;
  r = await ent.post(`/results/${result.id}/submit`, { version: result.version });
  assert.equal(r.status, 422);
  assert.deepEqual(Object.keys(r.body.error.fields), ['indicators[2].lab']);
  rows[2].lab = '宁波市产品质量检验研究院';
  result = expectStatus(await ent.put(`/results/${result.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: result.version, indicators: rows, conclusion: '洗净比低于 IEC 要求，制定提升计划',
    improvements: [{ indicator: '洗净比', action: '改进波轮结构', responsible: '张工', target_date: '2027-06-30' }],
  }), 200).body;
  r = await ent.post(`/results/${result.id}/submit`, { version: result.version - 1 });
  assert.equal(r.status, 409, 'stale submit');
  r = await ent.post(`/results/${result.id}/submit`, { version: result.version });
  result = expectStatus(r, 200).body;
  assert.equal(result.status, 'submitted');
  assert.equal(result.stage, 'county');
  assert.equal(result.stage_region_code, '330203');
  assert.equal(result.chain[0].state, 'current');
  // locked after submission
  r = await ent.put(`/results/${result.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: result.version, indicators: rows, conclusion: 'x' });
  assert.equal(r.status, 409);
  assert.equal((await ent.post(`/results/${result.id}/submit`, { version: result.version })).status, 409);
  assert.equal((await ent.del(`/results/${result.id}`)).status, 409, 'submitted results are never deleted');
});

test('the county sees it in its queue; a return needs a reason; the enterprise fixes and resubmits', async () => {
  let r = await county.get('/results?queue=1');
  expectStatus(r, 200);
  assert.deepEqual(r.body.items.map((x) => x.id), [result.id]);
  assert.equal((await city.get('/results?queue=1')).body.total, 0, 'not the city’s turn');
  // notifications reached the county office
  r = await county.get('/notifications');
  assert.equal(r.body.unread, 1);
  assert.match(r.body.items[0].text, /待您审核/);
  assert.equal(r.body.items[0].result_id, result.id);
  // out of turn: the city cannot act on it
  r = await city.post(`/results/${result.id}/review`, { version: result.version, action: 'pass' });
  assert.equal(r.status, 403, r.text);
  r = await county.post(`/results/${result.id}/review`, { version: result.version, action: 'return' });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.comment);
  r = await county.post(`/results/${result.id}/review`, { version: result.version, action: 'bogus' });
  assert.equal(r.status, 422);
  r = await county.post(`/results/${result.id}/review`, { version: result.version, action: 'return', comment: '检测报告日期早于标准实施日期，请补充最新报告' });
  result = expectStatus(r, 200).body;
  assert.equal(result.status, 'returned');
  assert.equal(result.stage, '');
  r = await ent.get('/notifications?unread=1');
  assert.ok(r.body.items.some((n) => n.kind === 'returned' && n.text.includes('请补充最新报告')), JSON.stringify(r.body));
  // the enterprise edits and resubmits; the regulator sees what changed
  const rows = result.indicators.map((i) => ({
    enterprise_requirement: i.enterprise_requirement, measured_value: i.measured_value, report_number: i.report_number,
    lab: i.lab, report_date: i.report_date,
  }));
  rows[0].report_date = '2026-09-01';
  rows[0].report_number = 'BG-2026-101';
  result = expectStatus(await ent.put(`/results/${result.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: result.version, indicators: rows, conclusion: result.conclusion, improvements: result.improvements,
  }), 200).body;
  result = expectStatus(await ent.post(`/results/${result.id}/submit`, { version: result.version }), 200).body;
  assert.equal(result.status, 'submitted');
  r = await county.get(`/results/${result.id}`);
  assert.deepEqual(r.body.changes.map((c) => c.field).sort(), ['indicators[0].report_date', 'indicators[0].report_number']);
  const dateChange = r.body.changes.find((c) => c.field === 'indicators[0].report_date');
  assert.deepEqual([dateChange.before, dateChange.after], ['2026-05-12', '2026-09-01']);
  assert.match(dateChange.label, /洗净比/);
});

test('county → city → province → national, then publication; every step is an event', async () => {
  for (const [client, status, stage] of [
    [county, 'county_reviewed', 'city'], [city, 'city_recommended', 'province'],
    [province, 'province_recommended', 'national'], [national, 'accepted', 'national'],
  ]) {
    assert.equal((await national.post(`/results/${result.id}/review`, { version: result.version, action: 'publish' })).status,
      status === 'accepted' ? 409 : 403, 'publish only after acceptance');
    const r = await client.post(`/results/${result.id}/review`, { version: result.version, action: 'pass', comment: '同意' });
    result = expectStatus(r, 200, `pass to ${status}`).body;
    assert.equal(result.status, status);
    assert.equal(result.stage, stage);
  }
  // unpublished: not public
  assert.equal((await anon.get(`/public/results/${result.code}`)).status, 404);
  result = expectStatus(await national.post(`/results/${result.id}/review`, { version: result.version, action: 'publish' }), 200).body;
  assert.equal(result.status, 'published');
  assert.ok(result.published_at);
  assert.ok(result.chain.every((s) => s.state === 'done'));
  const events = expectStatus(await ent.get(`/results/${result.id}/events`), 200).body.items;
  assert.deepEqual(events.map((e) => [e.action, e.to_status]), [
    ['submit', 'submitted'], ['return', 'returned'], ['submit', 'submitted'], ['pass', 'county_reviewed'],
    ['pass', 'city_recommended'], ['pass', 'province_recommended'], ['pass', 'accepted'], ['publish', 'published'],
  ]);
  assert.equal(events[1].comment, '检测报告日期早于标准实施日期，请补充最新报告');
  assert.equal(events[1].actor_role, 'county_regulator');
  assert.equal(events[1].actor_region_code, '330203');
  assert.equal(events[1].actor_region_name, '海曙区');
  assert.deepEqual(events[2].changes.map((c) => c.field).sort(), ['indicators[0].report_date', 'indicators[0].report_number']);
  // no further moves
  assert.equal((await national.post(`/results/${result.id}/review`, { version: result.version, action: 'return', comment: 'x' })).status, 409);
});

test('anyone verifies a published result by its code; unknown codes are throttled', async () => {
  let r = await anon.get(`/public/results/${result.code.toLowerCase()}`);
  expectStatus(r, 200);
  assert.equal(r.body.code, result.code);
  assert.equal(r.body.status, 'published');
  assert.equal(r.body.enterprise_name, result.enterprise_name);
  assert.equal(r.body.plan_number, plan.plan_number);
  assert.equal(r.body.rollup_label, '未达到');
  assert.deepEqual(r.body.indicators.map((i) => i.verdict), ['worse', 'better', 'equal']);
  for (const hidden of ['version', 'changes', 'enterprise_id'])
    assert.equal(r.body[hidden], undefined, `${hidden} is not public`);
  assert.equal(r.body.indicators[0].file_hash, undefined);
  // The page is kept once rendered (published results never change): the same answer again,
  // whatever the spelling of the code.
  const again = await anon.get(`/public/results/${result.code.slice(0, 5)}-${result.code.slice(5)}`);
  assert.equal(again.status, 200);
  assert.deepEqual(again.body, r.body);
  r = await anon.get(`/public/results?q=${encodeURIComponent('滚筒')}`);
  assert.deepEqual(r.body.items.map((x) => x.code), [result.code]);
  r = await anon.get(`/public/results?q=${encodeURIComponent(plan.plan_number.toLowerCase())}`);
  assert.deepEqual(r.body.items.map((x) => x.code), [result.code]);
  r = await anon.get('/public/results?region_code=330205');
  assert.equal(r.body.total, 0);
  r = await anon.get('/public/results?region_code=330200');
  assert.equal(r.body.total, 1);
  assert.equal((await anon.get('/public/results?region_code=999999')).status, 422);
  // guessing: 30 misses, then 429 with Retry-After — even for a real code
  let last;
  for (let i = 0; i < 31; i++) last = await anon.get(`/public/results/ZZZZZZZZ${String(i).padStart(2, '0')}`);
  assert.equal(last.status, 429, last.text);
  assert.ok(Number(last.headers.get('retry-after')) > 0);
  assert.equal((await anon.get(`/public/results/${result.code}`)).status, 429);
  assert.equal((await anon.get('/results')).status, 401, 'the internal list needs a login');
});

test('uploads: PDF and images by content, size limit named, stored by hash, read within scope', async () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n');
  let r = await ent.request('POST', '/files?name=' + encodeURIComponent('检测报告.pdf'), { body: pdf, headers: { 'content-type': 'application/pdf' } });
  expectStatus(r, 201);
  assert.equal(r.body.content_type, 'application/pdf');
  assert.equal(r.body.size, pdf.length);
  assert.match(r.body.hash, /^[0-9a-f]{64}$/);
  const hash = r.body.hash;
  r = await ent.request('POST', '/files?name=fake.pdf', { body: Buffer.from('MZ not a pdf'), headers: { 'content-type': 'application/pdf' } });
  assert.equal(r.status, 415, r.text);
  assert.match(r.body.error.message, /PDF/);
  r = await ent.request('POST', '/files?name=big.pdf', { body: Buffer.concat([pdf, Buffer.alloc(11 << 20)]) });
  assert.equal(r.status, 413);
  assert.match(r.body.error.message, /10 MB/);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
  r = await ent.request('POST', '/files?name=photo.png', { body: png });
  assert.equal(r.body.content_type, 'image/png');
  assert.equal((await county.request('POST', '/files?name=a.pdf', { body: pdf })).status, 403);
  // read back: the owner and the regulators above it; not another enterprise
  const owner = await getBinary(ent, `/files/${hash}`);
  assert.equal(owner.status, 200);
  assert.deepEqual(owner.buf, pdf);
  assert.equal(owner.headers.get('x-content-type-options'), 'nosniff');
  assert.equal((await getBinary(county, `/files/${hash}`)).status, 200);
  assert.equal((await ent2.get(`/files/${hash}`)).status, 404);
  assert.equal((await anon.get(`/files/${hash}`)).status, 401);
  assert.equal((await ent.get('/files/../../etc/passwd')).status, 404);
  // a result row can reference only the enterprise's own upload
  const draft = expectStatus(await ent2.post('/results', { product_id: product2.id, plan_number: plan.plan_number }), 201).body;
  r = await ent2.put(`/results/${draft.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: draft.version, indicators: [{ file_hash: hash }, {}, {}] });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields['indicators[0].file_hash']);
  // a never-submitted draft can be deleted; regulators never see it
  assert.equal((await county.get(`/results/${draft.id}`)).status, 404);
  assert.equal((await ent2.del(`/results/${draft.id}`)).status, 204);
  assert.equal((await ent2.get(`/results/${draft.id}`)).status, 404);
});

test('bulk pass, overdue filter, queue export, notifications marked read, settings', async () => {
  // two more submitted results from the second enterprise's products
  const ids = [];
  for (const name of ['洗衣机A', '洗衣机B']) {
    const p = await newProduct(ent2, name);
    let d = expectStatus(await ent2.post('/results', { product_id: p.id, plan_number: plan.plan_number }), 201).body;
    d = expectStatus(await ent2.put(`/results/${d.id}`, { enterprise_standard: 'Q/NBHS 001-2020', version: d.version, indicators: fullRows(), conclusion: '全部优于或达到' }), 200).body;
    assert.equal(d.rollup, 'partly_better');
    d = expectStatus(await ent2.post(`/results/${d.id}/submit`, { version: d.version }), 200).body;
    ids.push({ id: d.id, version: d.version });
  }
  let r = await county.get('/results?queue=1&overdue=1');
  assert.equal(r.body.total, 0, 'nothing is overdue yet');
  r = await getBinary(county, '/results/export.xlsx?queue=1');
  assert.equal(r.status, 200);
  const text = xlsxText(r);
  assert.ok(text.includes('洗衣机A') && text.includes('洗衣机B'), 'the queue export lists the waiting results');
  r = await county.post('/results/review', { action: 'pass', comment: '批量通过', items: [...ids, { id: ids[0].id, version: ids[0].version }] });
  expectStatus(r, 200);
  assert.deepEqual(r.body.items.map((x) => x.ok), [true, true, false], 'the repeated item is stale');
  assert.equal(r.body.items[2].status_code, 409);
  assert.equal((await county.post('/results/review', { action: 'return', items: ids })).status, 422);
  assert.equal((await county.post('/results/review', { action: 'pass', items: [] })).status, 422);
  assert.equal((await ent.post('/results/review', { action: 'pass', items: ids })).status, 403);
  r = await city.get('/results?queue=1');
  assert.deepEqual(r.body.items.map((x) => x.id).sort(), ids.map((x) => x.id).sort());
  // notifications
  r = await ent2.get('/notifications');
  assert.ok(r.body.unread >= 2);
  r = await ent2.post('/notifications/read', { ids: [r.body.items[0].id] });
  const before = r.body.unread;
  r = await ent2.post('/notifications/read', { all: true });
  assert.equal(r.body.unread, 0);
  assert.ok(before > 0);
  assert.equal((await ent2.post('/notifications/read', { ids: 'x' })).status, 400);
  // settings: read by anyone logged in, changed by admin and national office only
  assert.deepEqual((await county.get('/settings/review')).body, { review_top: 'national', review_days: 15 });
  assert.equal((await county.put('/settings/review', { review_top: 'province', review_days: 10 })).status, 403);
  r = await admin.put('/settings/review', { review_top: 'city', review_days: 0 });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.review_top && r.body.error.fields.review_days);
  r = await national.put('/settings/review', { review_top: 'national', review_days: 20 });
  assert.deepEqual(r.body, { review_top: 'national', review_days: 20 });
});

test('bad input on every results route is refused with a clear error and changes nothing', async () => {
  const raw = (client, method, url, body) =>
    client.request(method, url, { body, headers: { 'content-type': 'application/json' } });
  const before = expectStatus(await ent.get(`/results/${result.id}`), 200).body;
  for (const [client, url] of [[ent, `/results/${result.id}/submit`], [county, `/results/${result.id}/review`],
    [county, '/results/review'], [ent2, '/notifications/read'], [admin, '/settings/review'], [ent, '/results']]) {
    const method = url === '/settings/review' ? 'PUT' : 'POST';
    const r = await raw(client, method, url, '{"version": 1,');
    assert.equal(r.status, 400, `${method} ${url} with broken JSON: ${r.text}`);
    assert.equal(r.body.error.code, 'bad_request');
  }
  let r = await ent.post(`/results/${result.id}/submit`, { version: 'x' });
  assert.equal(r.status, 400);
  assert.ok(r.body.error.fields.version);
  r = await ent.post(`/results/${result.id}/submit`, {});
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.version);
  r = await county.post(`/results/${result.id}/review`, { version: 1, action: 5 });
  assert.equal(r.status, 400);
  assert.ok(r.body.error.fields.action);
  r = await county.post('/results/review', { action: 'pass', items: 'x' });
  assert.equal(r.status, 400);
  r = await county.post('/results/review', { action: 'pass', items: [5] });
  assert.equal(r.status, 400);
  assert.ok(r.body.error.fields['items[0]']);
  r = await admin.put('/settings/review', { review_top: 'national', review_days: 'x' });
  assert.equal(r.status, 400);
  r = await ent.request('POST', '/files?name=empty.pdf', { body: Buffer.alloc(0) });
  assert.equal(r.status, 422, r.text);
  for (const q of ['status=bogus', 'stage=town', 'region_code=999999'])
    assert.equal((await county.get(`/results?${q}`)).status, 422, q);
  assert.equal((await county.get('/results?page=0')).status, 422);
  assert.equal((await ent.get('/results/abc')).status, 404);
  assert.equal((await ent.get('/results/abc/events')).status, 404);
  const after = expectStatus(await ent.get(`/results/${result.id}`), 200).body;
  assert.equal(after.version, before.version);
  assert.equal(after.status, before.status);
});
