// Planning indicators (issue 9 §3, seed 004): Zhejiang's 表1-1 and 表2-1 preloaded, yearly actuals
// entered and imported by the province office, progress against the straight line, the
// mid-term evaluation export; bad input; and a matrix of role × own / other province.
//
// Rules the tables encode (docs/api.md, 规划指标监测):
//   - no session → 401 on every route;
//   - reads: administrators and the national office see every province's indicators; a regulator
//     (county, city, province) its own province's; enterprises, technical bodies, experts → 403;
//   - writes (enter, delete, import): the province office of the indicator's province only;
//     another province's indicator → 404 (not visible), a visible one → 403 for everyone else;
//   - a refused request changes nothing (the indicators and actuals are compared before and after).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminClient, createUser, registerEnterprise, Api, expectStatus, expectError, expectFields,
  listAll, getBinary, xlsxText, findAudit, show,
} from './fixtures.mjs';

let server;
const A = {};
const ACTORS = ['anon', 'admin', 'national', 'technical', 'expert', 'county_hs', 'city_nb', 'prov_zj', 'prov_hn', 'ent'];
const ERROR_CODE = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 422: 'validation_failed' };
let ZJ = [];       // Zhejiang's indicators as the national office sees them
const byName = (table, name) => ZJ.find((x) => x.table_no === table && x.name === name);

const csvCell = (v) => { const s = String(v ?? ''); return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };
const csvOf = (rows) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
const importCsv = (client, rows, mode = '') =>
  client.request('POST', `/planning-indicators/import${mode ? `?mode=${mode}` : ''}`, { body: csvOf(rows), headers: { 'content-type': 'text/csv' } });

async function snap() {
  const items = await listAll(A.admin, '/planning-indicators');
  return JSON.stringify(items.map((x) => [x.id, x.name, x.baseline_text, x.target_text, x.actuals.map((a) => [a.year, a.value, a.note])]));
}

before(async () => {
  server = await startServer();
  A.admin = await adminClient(server);
  A.anon = await new Api(server.base, 'anon').prepare();
  const defs = [
    ['national', 'national_office'], ['technical', 'technical_body'], ['expert', 'expert'],
    ['county_hs', 'county_regulator', '330203'], ['city_nb', 'city_regulator', '330200'],
    ['prov_zj', 'province_regulator', '330000'], ['prov_hn', 'province_regulator', '460000'],
  ];
  await Promise.all(defs.map(async ([name, role, region_code]) => {
    A[name] = (await createUser(A.admin, { username: `pl_${name}`, role, region_code, name })).client;
  }));
  A.ent = (await registerEnterprise(server.base, { region: '330203', actor: 'ent', industry: '38' })).client;
  ZJ = await listAll(A.national, '/planning-indicators');
});
after(async () => {
  await server?.stop();
  server?.cleanup();
});

describe('planning indicators: the preloaded plan', () => {
  it('holds Zhejiang’s 表1-1 and 表2-1 as the plan writes them', async () => {
    assert.equal(ZJ.length, 48);
    assert.equal(ZJ.filter((x) => x.table_no === '表1-1').length, 20);
    assert.equal(ZJ.filter((x) => x.table_no === '表2-1').length, 28);
    const awards = byName('表2-1', '中国质量奖、省政府质量奖获奖组织（累计）');
    assert.ok(awards, 'awards indicator');
    assert.equal(awards.plan_name, '浙江省质量强省标准强省品牌强省建设“十四五”规划');
    assert.equal(awards.region_code, '330000');
    assert.equal(awards.region_name, '浙江省');
    assert.equal(awards.category, '质量建设');
    assert.equal(awards.unit, '家');
    assert.deepEqual([awards.baseline_year, awards.baseline_text, awards.baseline_value], [2020, '81', 81]);
    assert.deepEqual([awards.target_year, awards.target_text, awards.target_value], [2025, '150', 150]);
    assert.equal(awards.direction, 'higher');
    assert.equal(awards.measure, 'cumulative');
    assert.equal(awards.progress.status, 'no_data');
    const rate = byName('表2-1', '制造业产品质量合格率');
    assert.deepEqual([rate.target_text, rate.target_value, rate.target_qualifier, rate.unit], ['96以上', 96, '以上', '%']);
    const intl = byName('表2-1', '主导和参与制修订国际标准（新增）');
    assert.deepEqual([intl.baseline_text, intl.baseline_value, intl.measure], ['-', null, 'increment']);
    assert.equal(byName('表2-1', '国内有效商标注册数（累计）').unit, '万件');
    // 表1-1: 2015 → 2020, the completion column is the 2020 actual.
    const centres = byName('表1-1', '创建国家产品质量监督检验中心（新增）');
    assert.deepEqual([centres.baseline_year, centres.target_year], [2015, 2020]);
    assert.deepEqual(centres.actuals.map((a) => [a.year, a.value]), [[2020, 6]]);
    assert.equal(centres.progress.status, 'behind', '6 of 10 centres');
    const satisfaction = byName('表1-1', '服务质量满意度');
    assert.equal(satisfaction.unit, '');
    assert.equal(satisfaction.latest.value, 87.13);
    assert.equal(satisfaction.progress.status, 'reached');
    // No baseline: reached all the same, with the reason.
    const firms = byName('表1-1', '实施“浙江制造”标准企业（累计）');
    assert.equal(firms.progress.status, 'reached');
    assert.match(firms.progress.reason, /基期值/);
  });

  it('filters by table and answers the straight line on one indicator', async () => {
    const t = expectStatus(await A.prov_zj.get(`/planning-indicators?table=${encodeURIComponent('表1-1')}&page_size=200`), 200);
    assert.equal(t.body.total, 20);
    assert.ok(t.body.items.every((x) => x.table_no === '表1-1'));
    assert.ok(t.body.items.every((x) => x.can_edit === true), 'the province office edits its own');
    const one = expectStatus(await A.county_hs.get(`/planning-indicators/${byName('表2-1', '中国质量奖、省政府质量奖获奖组织（累计）').id}`), 200).body;
    assert.equal(one.can_edit, false);
    assert.deepEqual(one.path.map((p) => p.year), [2020, 2021, 2022, 2023, 2024, 2025]);
    assert.equal(one.path[0].expected, 81);
    assert.equal(one.path[5].expected, 150);
    const noLine = expectStatus(await A.county_hs.get(`/planning-indicators/${byName('表1-1', '实施“浙江制造”标准企业（累计）').id}`), 200).body;
    assert.deepEqual(noLine.path, []);
    assert.match(noLine.path_reason, /基期值/);
    const increment = expectStatus(await A.national.get(`/planning-indicators/${byName('表2-1', '制定“浙江制造”标准（新增）').id}`), 200).body;
    assert.equal(increment.path[0].expected, 0, 'a （新增） indicator counts from 0');
    assert.equal(increment.path[2].expected, 800);
    const list = expectStatus(await A.city_nb.get('/planning-indicators?path=1&page_size=5'), 200).body;
    assert.equal(list.items.length, 5);
    assert.ok(Array.isArray(list.items[0].path));
  });
});

describe('planning indicators: actuals', () => {
  it('enters, replaces and deletes an actual, with progress and audit', async () => {
    const ind = byName('表2-1', '中国质量奖、省政府质量奖获奖组织（累计）');
    let r = expectStatus(await A.prov_zj.put(`/planning-indicators/${ind.id}/actuals/2023`, { value: 123, note: '省质量办统计' }), 200);
    assert.deepEqual(r.body.actuals.map((a) => [a.year, a.value, a.note]), [[2023, 123, '省质量办统计']]);
    assert.equal(r.body.progress.status, 'on_track');
    assert.equal(r.body.progress.year, 2023);
    assert.ok(Math.abs(r.body.progress.expected - 122.4) < 1e-9, show(r));
    assert.equal(r.body.latest.value, 123);
    assert.ok(r.body.actuals[0].entered_by_name.length > 0);
    r = expectStatus(await A.prov_zj.put(`/planning-indicators/${ind.id}/actuals/2023`, { value: 110 }), 200);
    assert.equal(r.body.actuals.length, 1, 'one actual per year');
    assert.equal(r.body.progress.status, 'behind');
    r = expectStatus(await A.prov_zj.put(`/planning-indicators/${ind.id}/actuals/2024`, { value: '151', note: '' }), 200);
    assert.equal(r.body.progress.status, 'reached', 'the latest year is judged');
    const audit = await findAudit(A.admin, (e) => e.entity === 'planning_actual' && e.entity_id === `${ind.id}/2023` && e.action === 'update');
    assert.ok(audit, 'the replacement is audited');
    expectStatus(await A.prov_zj.del(`/planning-indicators/${ind.id}/actuals/2024`), 204);
    expectError(await A.prov_zj.del(`/planning-indicators/${ind.id}/actuals/2024`), 404, 'not_found');
    r = expectStatus(await A.national.get(`/planning-indicators/${ind.id}`), 200);
    assert.deepEqual(r.body.actuals.map((a) => a.year), [2023]);
    assert.ok(await findAudit(A.admin, (e) => e.entity === 'planning_actual' && e.entity_id === `${ind.id}/2024` && e.action === 'delete'));
  });

  it('refuses bad input with the field named, and changes nothing', async () => {
    const ind = byName('表2-1', '单项冠军企业数量（累计）');
    const url = (y) => `/planning-indicators/${ind.id}/actuals/${y}`;
    const before = await snap();
    expectFields(await A.prov_zj.put(url(2019), { value: 120 }), ['year']);
    expectFields(await A.prov_zj.put(url(2026), { value: 120 }), ['year']);
    expectFields(await A.prov_zj.put(url(2022), {}), ['value']);
    expectFields(await A.prov_zj.put(url(2022), { value: null }), ['value']);
    expectFields(await A.prov_zj.put(url(2022), { value: 'abc' }), ['value'], 400, 'bad_request'); // a type error
    expectFields(await A.prov_zj.put(url(2022), { value: 'NaN' }), ['value'], 400, 'bad_request'); // a type error
    expectFields(await A.prov_zj.put(url(2022), { value: 120, note: '注'.repeat(501) }), ['note']);
    expectFields(await A.prov_zj.put(url(2022), { value: 120, note: 'a\u0007b' }), ['note']);
    expectFields(await A.prov_zj.put(url(2022), { value: [1] }), ['value'], 400, 'bad_request'); // a type error
    const huge = await A.prov_zj.request('PUT', `/api/v1${url(2022)}`, { body: '{"value": 1e999}', headers: { 'content-type': 'application/json' } });
    assert.ok([400, 422].includes(huge.status), show(huge));
    expectStatus(await A.prov_zj.request('PUT', `/api/v1${url(2022)}`, { body: '{"value": 1', headers: { 'content-type': 'application/json' } }), 400);
    expectError(await A.prov_zj.put(url('abc'), { value: 1 }), 404);
    expectError(await A.prov_zj.put(url(0), { value: 1 }), 404);
    expectError(await A.prov_zj.put(url(99999), { value: 1 }), 404);
    expectError(await A.prov_zj.put('/planning-indicators/999999/actuals/2022', { value: 1 }), 404, 'not_found');
    expectError(await A.prov_zj.get('/planning-indicators/999999'), 404, 'not_found');
    expectFields(await A.prov_zj.get(`/planning-indicators?table=${encodeURIComponent('表3-1')}`), ['table']);
    expectFields(await A.prov_zj.get('/planning-indicators?page_size=0'), ['page_size']);
    assert.equal(await snap(), before, 'refusals change nothing');
  });
});

describe('planning indicators: import', () => {
  const HEADER = ['编号', '表号', '指标名称', '年份', '实际值', '备注'];

  it('is all-or-nothing by default, every bad row reported with row and column', async () => {
    const cert = byName('表2-1', '高品质服务认证证书（累计）');
    const before = await snap();
    const rows = [
      HEADER,
      ['', '', '高品质服务认证证书（累计）', '2022', '3000', '省认监处'],                         // 2 good
      ['', '', '不存在的指标', '2022', '1', ''],                                                      // 3 name
      [String(cert.id), '', '', '二〇二二', '3100', ''],                                             // 4 year text
      [String(cert.id), '', '', '2019', '3100', ''],                                                 // 5 year out of range
      [String(cert.id), '', '', '2023', '很多', ''],                                                 // 6 value
      ['', '', '高品质服务认证证书（累计）', '2022', '3001', ''],                                   // 7 duplicate of 2
      ['999999', '', '', '2023', '1', ''],                                                           // 8 unknown id
      [String(cert.id), '', '制造业产品质量合格率', '2023', '1', ''],                               // 9 id ≠ name
      ['', '', '', '2023', '1', ''],                                                                 // 10 no indicator
      ['', '', '高品质服务认证证书（累计）', '', '1', ''],                                          // 11 no year
      ['', '', '高品质服务认证证书（累计）', '2024', '', ''],                                       // 12 no value
      ['', '', '高品质服务认证证书（累计）', '2024', '1', 'x'.repeat(501)],                          // 13 note
      ['', '', '', '', '', ''],                                                                      // blank line
    ];
    const r = await importCsv(A.prov_zj, rows);
    expectFields(r, ['file']);
    assert.equal(r.body.imported, 0);
    const got = r.body.errors.map((e) => [e.row, e.column]);
    assert.deepEqual(got, [[3, '指标名称'], [4, '年份'], [5, '年份'], [6, '实际值'], [7, '年份'], [8, '编号'], [9, '指标名称'], [10, '指标名称'], [11, '年份'], [12, '实际值'], [13, '备注']], show(r));
    assert.ok(r.body.errors.every((e) => e.message.length > 0));
    assert.match(r.body.errors.find((e) => e.row === 7).message, /第 2 行/);
    assert.equal(await snap(), before, 'nothing imported');
    // good rows only: the one good row goes in, the rest are reported.
    const g = expectStatus(await importCsv(A.prov_zj, rows, 'good_only'), 200);
    assert.equal(g.body.imported, 1);
    assert.equal(g.body.errors.length, 11);
    const after = expectStatus(await A.prov_zj.get(`/planning-indicators/${cert.id}`), 200).body;
    assert.deepEqual(after.actuals.map((a) => [a.year, a.value, a.note]), [[2022, 3000, '省认监处']]);
    assert.ok(await findAudit(A.admin, (e) => e.entity === 'planning_actual' && e.entity_id === `${cert.id}/2022`));
  });

  it('tells names both tables use apart by table or by year, reads units and GBK', async () => {
    const farm20 = byName('表2-1', '农产品质量安全监测合格率');
    const farm15 = byName('表1-1', '农产品质量安全监测合格率');
    let r = expectStatus(await importCsv(A.prov_zj, [
      ['指标名称', '年份', '实际值'],
      ['农产品质量安全监测合格率', '2023', '98.6%'],   // only 表2-1 runs through 2023
      ['农产品质量安全监测合格率', '2018年', '97.5'],  // only 表1-1
    ]), 200);
    assert.equal(r.body.imported, 2, show(r));
    let a = expectStatus(await A.national.get(`/planning-indicators/${farm20.id}`), 200).body;
    assert.deepEqual(a.actuals.map((x) => [x.year, x.value]), [[2023, 98.6]]);
    assert.equal(a.progress.status, 'reached');
    a = expectStatus(await A.national.get(`/planning-indicators/${farm15.id}`), 200).body;
    assert.deepEqual(a.actuals.map((x) => [x.year, x.value]), [[2018, 97.5], [2020, 98]]);
    // 2020 is 表1-1's last year and 表2-1's baseline: the table whose years after the baseline hold it.
    r = expectStatus(await importCsv(A.prov_zj, [['表号', '指标名称', '年份', '实际值'], ['表2-1', '农产品质量安全监测合格率', '2021', '98.1']]), 200);
    assert.equal(r.body.imported, 1);
    // A GBK CSV as Excel on Chinese Windows saves it: the header alone (no rows) imports nothing.
    const gbk = Buffer.from([0xd6, 0xb8, 0xb1, 0xea, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xc4, 0xea, 0xb7, 0xdd, 0x2c, 0xca, 0xb5, 0xbc, 0xca, 0xd6, 0xb5, 0x0d, 0x0a]); // 指标名称,年份,实际值
    r = expectStatus(await A.prov_zj.request('POST', '/api/v1/planning-indicators/import', { body: gbk, headers: { 'content-type': 'text/csv' } }), 200);
    assert.equal(r.body.imported, 0);
    // Missing columns, empty file, garbage.
    expectFields(await importCsv(A.prov_zj, [['指标名称', '年份'], ['x', '2022']]), ['file']);
    expectFields(await A.prov_zj.request('POST', '/api/v1/planning-indicators/import', { body: '', headers: { 'content-type': 'text/csv' } }), ['file']);
    expectFields(await A.prov_zj.request('POST', '/api/v1/planning-indicators/import', { body: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0xff]), headers: { 'content-type': 'text/csv' } }), ['file']);
    expectFields(await A.prov_zj.request('POST', '/api/v1/planning-indicators/import?mode=some', { body: 'a', headers: { 'content-type': 'text/csv' } }), ['mode']);
  });

  it('takes its own template back (xlsx), blank lines ignored, then filled', async () => {
    const t = await getBinary(A.prov_zj, '/planning-indicators/template.xlsx');
    expectStatus(t, 200);
    const text = xlsxText(t);
    for (const h of ['编号', '表号', '指标名称', '年份', '实际值', '备注', '马德里商标国际注册量（累计）']) assert.ok(text.includes(h), h);
    const r = expectStatus(await A.prov_zj.request('POST', '/api/v1/planning-indicators/import', { body: t.buf, headers: { 'content-type': 'application/octet-stream' } }), 200);
    assert.equal(r.body.imported, 0);
    assert.deepEqual(r.body.errors, []);
  });
});

describe('planning indicators: mid-term evaluation export', () => {
  it('lays out unit, baseline, target, actuals per year, the line and the status', async () => {
    const ind = byName('表2-1', '“浙江制造精品”数量（累计）');
    expectStatus(await A.prov_zj.put(`/planning-indicators/${ind.id}/actuals/2022`, { value: 1700 }), 200);
    const r = await getBinary(A.national, `/planning-indicators/export.xlsx?table=${encodeURIComponent('表2-1')}`);
    expectStatus(r, 200);
    assert.match(r.headers.get('content-disposition') || '', /attachment/);
    const text = xlsxText(r);
    for (const s of ['中期评估', '浙江省质量强省标准强省品牌强省建设“十四五”规划', '“浙江制造精品”数量（累计）', '2021年实际', '2025年实际',
      '直线路径预期值', '完成进度', '状态', '符合进度', '2020年：1238', '2025年：2500', '暂无数据', '直线路径']) {
      assert.ok(text.includes(s), `export holds ${s}`);
    }
    assert.ok(!text.includes('2016年实际'), '表2-1 alone has no 十三五 years');
    // (1700 − 1238) / (2500 − 1238) = 36.6 %, the line expects 40 % by 2022.
    assert.ok(text.includes('36.6%'), 'completion share');
    assert.ok(text.includes('40%'), 'expected share');
    const all = await getBinary(A.prov_hn, '/planning-indicators/export.xlsx');
    expectStatus(all, 200);
    assert.ok(!xlsxText(all).includes('“浙江制造精品”数量（累计）'), 'another province exports none of Zhejiang’s');
    expectFields(await A.national.get(`/planning-indicators/export.xlsx?table=x`), ['table']);
  });
});

// ---------------------------------------------------------------- role × own / other province
async function table(route, expect, send, { fresh } = {}) {
  assert.equal(expect.length, ACTORS.length, `${route}: one cell per actor`);
  const problems = [];
  for (let i = 0; i < ACTORS.length; i++) {
    const actor = ACTORS[i];
    const want = expect[i];
    if (want === null) continue;
    const allowed = want < 300;
    const ctx = allowed && fresh ? await fresh(actor) : {};
    const before = allowed ? null : await snap();
    const r = await send(A[actor], actor, ctx);
    const where = `${route} as ${actor}`;
    if (r.status !== want) problems.push(`${where}: expected ${want}, got ${r.status} ${String(r.text).slice(0, 200)}`);
    else if (!allowed && r.body?.error?.code !== ERROR_CODE[want]) problems.push(`${where}: error code ${r.body?.error?.code}, expected ${ERROR_CODE[want]}`);
    if (!allowed && (await snap()) !== before) problems.push(`${where}: refused with ${r.status} but changed the indicators`);
  }
  assert.deepEqual(problems, [], `${route}: ${problems.length} cells differ from the table`);
}

describe('planning indicators: role × province', () => {
  //                         anon admin nat  tech exp  county city prov_zj prov_hn ent
  it('GET /planning-indicators', async () => {
    await table('list', [401, 200, 200, 403, 403, 200, 200, 200, 200, 403], (c) => c.get('/planning-indicators?page_size=200'));
    const totals = {};
    for (const a of ['admin', 'national', 'county_hs', 'city_nb', 'prov_zj', 'prov_hn']) totals[a] = (await A[a].get('/planning-indicators')).body.total;
    assert.deepEqual(totals, { admin: 48, national: 48, county_hs: 48, city_nb: 48, prov_zj: 48, prov_hn: 0 });
  });

  it('GET /planning-indicators/{id}', async () => {
    const id = byName('表2-1', '自主品牌产品出口比重').id;
    await table('get', [401, 200, 200, 403, 403, 200, 200, 200, 404, 403], (c) => c.get(`/planning-indicators/${id}`));
  });

  it('PUT /planning-indicators/{id}/actuals/{year}', async () => {
    const id = byName('表2-1', '自主品牌产品出口比重').id;
    await table('put', [401, 403, 403, 403, 403, 403, 403, 200, 404, 403], (c) => c.put(`/planning-indicators/${id}/actuals/2022`, { value: 14.4 }));
  });

  it('DELETE /planning-indicators/{id}/actuals/{year}', async () => {
    const id = byName('表2-1', '自主品牌产品出口比重').id;
    await table('delete', [401, 403, 403, 403, 403, 403, 403, 204, 404, 403], (c) => c.del(`/planning-indicators/${id}/actuals/2021`), {
      fresh: async () => expectStatus(await A.prov_zj.put(`/planning-indicators/${id}/actuals/2021`, { value: 14.1 }), 200),
    });
  });

  it('POST /planning-indicators/import', async () => {
    // Another province's office finds none of these indicators in its own plan: 422, nothing saved.
    await table('import', [401, 403, 403, 403, 403, 403, 403, 200, 422, 403],
      (c) => importCsv(c, [['指标名称', '年份', '实际值'], ['自主品牌产品出口比重', '2023', '14.6']]));
  });

  it('GET the template and the export', async () => {
    await table('template', [401, 200, 200, 403, 403, 200, 200, 200, 200, 403], (c) => getBinary(c, '/planning-indicators/template.xlsx'));
    await table('export', [401, 200, 200, 403, 403, 200, 200, 200, 200, 403], (c) => getBinary(c, '/planning-indicators/export.xlsx'));
  });
});
