// The standards catalog and the list of advanced standards (先进标准清单).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';

let server;
let admin;
let national;
let technical;
let county;
let anon;
const pw = 'Passw0rd-catalog1';

async function userClient(username, role, region_code) {
  const r = await admin.post('/api/v1/users', { username, display_name: username, role, region_code, password: pw });
  assert.equal(r.status, 201, r.text);
  const c = new Client(server.base);
  await c.login(username, pw);
  return c;
}

before(async () => {
  server = await startServer();
  admin = new Client(server.base);
  await admin.login('admin', server.adminPassword);
  national = await userClient('cat_national', 'national_office');
  technical = await userClient('cat_tech', 'technical_body');
  county = await userClient('cat_county', 'county_regulator', '330203');
  anon = new Client(server.base);
});
after(async () => {
  await server.stop();
  server.cleanup();
});

test('technical bodies add standards; numbers are parsed and normalized', async () => {
  let r = await technical.post('/api/v1/standards', {
    number: 'ＧＢ　４７０６．１—２００５', title_zh: '家用和类似用途电器的安全 第1部分：通用要求',
    title_en: 'Household and similar electrical appliances - Safety - Part 1', status: 'current',
    issued_on: '2005-08-26', effective_on: '2006-08-01', ics: '13.120', ccs: 'K09',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.number, 'GB 4706.1-2005');
  assert.equal(r.body.kind, 'national');
  r = await technical.post('/api/v1/standards', { number: 'GB/T 19001—2016/ISO 9001:2015', title_zh: '质量管理体系 要求' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.adoption, 'IDT', 'a double number states its adoption');
  assert.equal(r.body.adopted_number, 'ISO 9001:2015');
  r = await national.post('/api/v1/standards', { number: 'IEC 60335-1:2020+A1:2023', title_zh: '家用电器安全 通用要求', title_en: 'Household appliances safety' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.kind, 'international');
});

test('bad input: unparseable number, missing title, bad status and dates, duplicates', async () => {
  let r = await technical.post('/api/v1/standards', { number: 'hello', title_zh: '' });
  assert.equal(r.status, 422);
  assert.match(r.body.error.fields.number, /标准编号/);
  assert.ok(r.body.error.fields.title_zh);
  r = await technical.post('/api/v1/standards', { number: 'GB/T 1234-2019', title_zh: 'x', status: 'old', issued_on: '2019-13-01' });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.status);
  assert.ok(r.body.error.fields.issued_on);
  r = await technical.post('/api/v1/standards', { number: 'GB 4706.1-2005', title_zh: '重复' });
  assert.equal(r.status, 409, r.text);
  r = await technical.post('/api/v1/standards', { number: 5, title_zh: 'x' });
  assert.equal(r.status, 400, r.text);
  r = await technical.post('/api/v1/standards', { number: 'GB/T 1-2020', title_zh: 'x', adoption: 'ABC', adopted_number: 'GB/T 2-2020' });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.fields.adoption);
  assert.ok(r.body.error.fields.adopted_number);
});

test('only editors write: regulators, enterprises and anonymous visitors cannot', async () => {
  let r = await county.post('/api/v1/standards', { number: 'GB/T 2-2020', title_zh: 'x' });
  assert.equal(r.status, 403);
  const a = await new Client(server.base).prepare();
  r = await a.post('/api/v1/standards', { number: 'GB/T 2-2020', title_zh: 'x' });
  assert.equal(r.status, 401);
  const list = await anon.get('/api/v1/standards?q=4706');
  const id = list.body.items[0].id;
  r = await county.patch(`/api/v1/standards/${id}`, { title_zh: 'changed' });
  assert.equal(r.status, 403);
  r = await technical.post(`/api/v1/standards/${id}/advanced`, { field: '家用电器' });
  assert.equal(r.status, 403, 'the advanced list is the national office’s');
});

test('everyone searches by number fragment or title, including one and two characters', async () => {
  const cases = [['4706', 1], ['gb4706', 1], ['GB 4706.1', 1], ['质量', 1], ['电', 2], ['家用', 2], ['iso 9001', 1], ['nothing-here', 0], ['%', 0]];
  for (const [q, n] of cases) {
    const r = await anon.get(`/api/v1/standards?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.total, n, `q=${q}: ${r.body.items.map((s) => s.number)}`);
  }
  let r = await anon.get('/api/v1/standards?kind=international');
  assert.deepEqual(r.body.items.map((s) => s.number), ['IEC 60335-1:2020+A1:2023']);
  r = await anon.get('/api/v1/standards?kind=planet');
  assert.equal(r.status, 422);
  r = await anon.get('/api/v1/standards?page_size=1&page=2');
  assert.equal(r.body.items.length, 1);
  assert.equal(r.body.total, 3);
});

test('the national office keeps the list of advanced standards per product field', async () => {
  const iec = (await anon.get('/api/v1/standards?kind=international')).body.items[0];
  let r = await national.post(`/api/v1/standards/${iec.id}/advanced`, { field: '家用电器' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.advanced_fields, ['家用电器']);
  r = await anon.get('/api/v1/standards?advanced=1');
  assert.deepEqual(r.body.items.map((s) => s.id), [iec.id]);
  r = await anon.get(`/api/v1/standards?field=${encodeURIComponent('家用电器')}`);
  assert.equal(r.body.total, 1);
  r = await anon.get('/api/v1/advanced-fields');
  assert.deepEqual(r.body.items, [{ field: '家用电器', count: 1 }]);
  r = await national.post(`/api/v1/standards/${iec.id}/advanced`, { field: '' });
  assert.equal(r.status, 422);
  r = await national.del(`/api/v1/standards/${iec.id}/advanced?field=${encodeURIComponent('家用电器')}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.advanced_fields, []);
});

test('status changes: a withdrawn standard names its replacement and leaves the advanced list closed', async () => {
  const gb = (await anon.get('/api/v1/standards?q=4706')).body.items[0];
  let r = await technical.patch(`/api/v1/standards/${gb.id}`, { status: 'current', replaced_by: 'GB 4706.1-2020' });
  assert.equal(r.status, 422, 'only withdrawn standards have a replacement');
  r = await technical.patch(`/api/v1/standards/${gb.id}`, { status: 'withdrawn', withdrawn_on: '2021-01-01', replaced_by: 'GB 4706.1—2020' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.replaced_by, 'GB 4706.1-2020');
  assert.equal(r.body.title_zh, gb.title_zh, 'absent members keep their values');
  r = await technical.patch(`/api/v1/standards/${gb.id}`, { number: 'GB 1-2020' });
  assert.equal(r.status, 422);
  r = await national.post(`/api/v1/standards/${gb.id}/advanced`, { field: '家用电器' });
  assert.equal(r.status, 409);
  r = await anon.get('/api/v1/standards/999999');
  assert.equal(r.status, 404);
  const audit = await admin.get('/api/v1/audit?entity=standard');
  assert.ok(audit.body.total >= 5, 'catalog writes are audited');
});

test('export as xlsx with the same filters', async () => {
  const r = await anon.get('/api/v1/standards/export.xlsx?q=4706');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
});

test('CSV import: template, all-or-nothing with every bad row reported, or only the good rows', async () => {
  const tpl = await anon.get('/api/v1/standards/template.csv');
  assert.equal(tpl.status, 200);
  const header = tpl.text.replace(/^\uFEFF/, '').split('\r\n')[0];
  assert.match(header, /^标准编号,中文名称,英文名称,状态/);
  const rows = [
    header,
    'GB/T 2828.1-2012,计数抽样检验程序 第1部分,,现行,2012-11-05,2013-02-15,,,,,,,',
    'hello,坏编号,,现行,,,,,,,,,',
    'GB/T 3000-2020,,,现行,,,,,,,,,',
    'GB/T 2828.1-2012,重复行,,现行,,,,,,,,,',
    ',,,,,,,,,,,,',
    'EN 60335-1:2012,家用电器安全,,现行,2012-01-01,,,,,,,,家用电器',
    'EN 60335-2-7:2008,洗衣机,,废止,2008-01-01,,2021-01-01,EN 60335-2-7:2021,,,,,家用电器',
  ].join('\r\n');
  const post = (c, body, mode = '') => c.request('POST', `/api/v1/standards/import${mode}`, { body, headers: { 'content-type': 'text/csv' } });
  let r = await post(technical, rows);
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.body.errors.map((e) => e.row), [3, 4, 5, 8]);
  assert.equal(r.body.errors[3].column, '先进标准清单领域', 'a withdrawn standard cannot go on the advanced list');
  assert.equal(r.body.errors[0].column, '标准编号');
  assert.equal(r.body.errors[1].column, '中文名称');
  assert.match(r.body.errors[2].message, /与第 2 行重复/);
  assert.equal((await anon.get('/api/v1/standards?q=2828')).body.total, 0, 'nothing imported while the file has errors');
  r = await post(national, rows, '?mode=good_only');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.imported, 2);
  assert.deepEqual(r.body.errors.map((e) => e.row), [3, 4, 5, 8]);
  assert.equal((await anon.get('/api/v1/standards?q=2828')).body.total, 1);
  const en = (await anon.get('/api/v1/standards?q=EN%2060335-1:2012')).body.items[0];
  assert.equal(en.status, 'current');
  assert.deepEqual(en.advanced_fields, ['家用电器'], 'the national office imports advanced-list fields too');
  r = await post(technical, rows.replace('GB/T 2828.1-2012,计数', 'GB/T 2829-2002,计数'), '?mode=good_only');
  assert.ok(r.body.errors.some((e) => /已在目录中/.test(e.message)), 'numbers already in the catalog are reported');
  r = await technical.request('POST', '/api/v1/standards/import', { body: Buffer.from([0xb1, 0xea, 0xd7, 0xbc, 0x2c, 0x0a]), headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 422);
  assert.match(r.body.error.fields.file, /UTF-8/);
  r = await post(technical, 'a,b\r\n1,2');
  assert.equal(r.status, 422);
  assert.match(r.body.error.fields.file, /表头缺少/);
  r = await post(county, rows);
  assert.equal(r.status, 403);
  r = await post(technical, rows, '?mode=some');
  assert.equal(r.status, 422);
});

test('CSV export escapes formula injection; adoption can be cleared; double numbers are found however typed', async () => {
  const created = await technical.post('/api/v1/standards', { number: 'GB/T 9999-2020', title_zh: '=HYPERLINK("http://x","y")', adoption: 'MOD', adopted_number: 'ISO 1:2002' });
  assert.equal(created.status, 201, created.text);
  const csv = await anon.get('/api/v1/standards/export.csv?q=9999');
  assert.equal(csv.status, 200);
  assert.match(csv.text, /"'=HYPERLINK\(""http:\/\/x"",""y""\)"/);
  let r = await technical.patch(`/api/v1/standards/${created.body.id}`, { adoption: '', adopted_number: '' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.adoption, '');
  assert.equal(r.body.adopted_number, '');
  r = await anon.get(`/api/v1/standards?q=${encodeURIComponent('GB/T19001-2016/ISO 9001:2015')}`);
  assert.equal(r.body.total, 1);
});

test('xlsx import: the template round-trips and hostile files are refused', async () => {
  const tpl = await fetch(`${server.base}/api/v1/standards/template.xlsx`);
  assert.equal(tpl.status, 200);
  const bytes = Buffer.from(await tpl.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  let r = await technical.request('POST', '/api/v1/standards/import', { body: bytes, headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.body.errors.map((e) => e.row), [2]);
  assert.match(r.body.errors[0].message, /GB\/T 19001-2016\/ISO 9001:2015 已在目录中/, 'the example row was read from the xlsx');
  // Our own xlsx export re-imports (columns are found by their header names).
  const exported = await fetch(`${server.base}/api/v1/standards/export.xlsx?q=2828`);
  const xbytes = Buffer.from(await exported.arrayBuffer());
  r = await technical.request('POST', '/api/v1/standards/import?mode=good_only', { body: xbytes, headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(r.status, 200, r.text);
  assert.match(r.body.errors[0].message, /已在目录中/);
  r = await technical.request('POST', '/api/v1/standards/import', { body: Buffer.from('PK\x03\x04not really a zip'), headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(r.status, 422);
  assert.match(r.body.error.fields.file, /xlsx/);
  const health = await anon.get('/api/v1/health');
  assert.equal(health.status, 200);
});
