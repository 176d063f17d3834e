// The 附件2 enterprise list of a campaign: import as xlsx (built here, laid out like the paper
// form with its title and 填报单位 rows) and as CSV in UTF-8 (with and without BOM) and GBK; the
// header is checked by name; every bad row is reported with its row number and column; all-or-
// nothing by default, good rows only on request; formula cells stay text and are escaped in the
// export; a 50,000-row file is answered within the server's limits. Contract: docs/api.md,
// "Campaigns, enterprise selection (附件2), statistics (issue 8)", POST /campaigns/{id}/list/import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';
import {
  startServer, adminClient, createUser, registerEnterprise, Api, expectStatus, expectError,
  publishPlan, getBinary, xlsxText, unzipEntries, todayCst, listAll, show,
} from './fixtures.mjs';

let server, admin, national, tech, county, city, anon;
let entHs, entJb, entHs2, entHz;
let plan, withdrawn;

const HEADER = ['序号', '企业名称', '产品名称', '执行标准号、名称', '比对标准号、名称', '平台现有技术方案编号', '另行制定技术方案技术支持需求'];
const today = todayCst();
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const YEAR = Number(today.slice(0, 4));
const EXEC = 'GB/T 4288-2018 家用和类似用途电动洗衣机';
const BENCH = 'IEC 60456:2010 Clothes washing machines for household use';

let campaignSeq = 0;
async function newCampaign(client = city) {
  const r = await client.post('/campaigns', {
    name: `${YEAR}年宁波市对标达标提升专项行动（导入${++campaignSeq}）`, year: YEAR,
    start_date: addDays(today, -30), end_date: addDays(today, 300), industries: ['38'], batches: [],
    phases: [{ key: 'select', name: '确定对标产业和企业', due_date: addDays(today, 30) }],
    targets: [{ metric: 'enterprises', value: 450 }],
    regions: [{ region_code: '330203', quota: 10 }, { region_code: '330205', quota: 8 }],
  });
  return expectStatus(r, 201, 'campaign').body;
}

// ---------------------------------------------------------------- files
function csvCell(v) {
  const s = String(v ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvOf = (rows) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

// GBK bytes of a text, by iconv (Node has no GBK encoder).
const gbk = (text) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: Buffer.from(text, 'utf8') });

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
// A zip archive of deflated entries: {name: string | Buffer}.
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = zlib.deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);      // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
const xmlEsc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const colName = (i) => String.fromCharCode(65 + i);
// An xlsx workbook with one sheet; numbers are number cells, strings shared strings (as Excel
// writes them) or inline strings.
function xlsxOf(rows, { inline = false, edit = (files) => files } = {}) {
  const shared = [];
  const index = new Map();
  const sheetRows = rows.map((cells, r) => {
    const cs = cells.map((v, c) => {
      const ref = `${colName(c)}${r + 1}`;
      if (v === null || v === undefined || v === '') return '';
      if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
      if (inline) return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEsc(v)}</t></is></c>`;
      if (!index.has(v)) { index.set(v, shared.length); shared.push(v); }
      return `<c r="${ref}" t="s"><v>${index.get(v)}</v></c>`;
    }).join('');
    return `<row r="${r + 1}">${cs}</row>`;
  }).join('');
  const files = {
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="附件2" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${xmlEsc(s)}</t></si>`).join('')}</sst>`,
  };
  return zip(edit(files));
}
// The title rows of the paper form above the header (附件2).
const FORM_TOP = [['宁波市参加对标达标提升专项行动企业名单'], ['填报单位：海曙区市场监管局', '', '', '', '填报日期：2026年5月6日']];

const post = (client, id, body, { mode = '', type = 'text/csv' } = {}) =>
  client.request('POST', `/campaigns/${id}/list/import${mode ? `?mode=${mode}` : ''}`, { body, headers: { 'content-type': type } });
const postCsv = (client, id, rows, mode) => post(client, id, csvOf([HEADER, ...rows]), { mode });
const postXlsx = (client, id, rows, mode, opts) => post(client, id, xlsxOf(rows, opts), { mode, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
const listRows = (client, id, q = '') => listAll(client, `/campaigns/${id}/list${q}`);
const members = (client, id) => listAll(client, `/campaigns/${id}/members`);
const errText = (r) => JSON.stringify(r.body?.error ?? r.body);
const unxml = (s) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

before(async () => {
  server = await startServer();
  admin = await adminClient(server);
  anon = await new Api(server.base, 'anon').prepare();
  [entHs, entJb, entHs2, entHz] = await Promise.all([
    ['330203', 'ent_hs', '宁波海曙洗衣机有限公司'], ['330205', 'ent_jb', '宁波江北冰箱有限公司'],
    ['330203', 'ent_hs2', '宁波海曙厨电有限公司'], ['330106', 'ent_hz', '杭州西湖电器有限公司'],
  ].map(([region, actor, name]) => registerEnterprise(server.base, { region, actor, name, industry: '38' })));
  const mk = async (username, role, region_code) => (await createUser(admin, { username, role, region_code, name: username })).client;
  [national, tech, county, city] = await Promise.all([
    mk('i_national', 'national_office'), mk('i_tech', 'technical_body'),
    mk('i_county', 'county_regulator', '330203'), mk('i_city', 'city_regulator', '330200'),
  ]);
  plan = await publishPlan(tech, national);
  withdrawn = await publishPlan(tech, national, { product: '家用电冰箱', industry_code: '38' });
  expectStatus(await national.post(`/plans/${withdrawn.id}/actions`, { action: 'withdraw', comment: '标准已废止' }), 200, 'withdraw');
  assert.notEqual(withdrawn.plan_number, plan.plan_number);
});
after(async () => {
  await server?.stop();
  server?.cleanup();
});

test('the template is the 附件2 header; every member of the list routes answers it', async () => {
  const c = await newCampaign();
  const r = await getBinary(city, `/campaigns/${c.id}/list/template.xlsx`);
  assert.equal(r.status, 200, r.text);
  const text = unxml(xlsxText(r));
  for (const h of HEADER) assert.ok(text.includes(h), `the template has the column ${h}`);
  // Imported back, the empty template is no error: its numbered blank lines and the notes under
  // the table are not rows of the list, so nothing is saved and nothing is reported.
  const back = await post(city, c.id, r.buf, { type: 'application/octet-stream' });
  expectStatus(back, 200);
  assert.deepEqual(back.body, { imported: 0, members_added: 0, support_requests: 0, errors: [] });
  assert.equal((await listRows(city, c.id)).length, 0);
});

test('a good xlsx laid out like the paper form: rows saved, new members added', async () => {
  const c = await newCampaign();
  expectStatus(await city.post(`/campaigns/${c.id}/members`, { enterprise_ids: [entHs.enterprise.id] }), 200);
  const file = [
    ...FORM_TOP,
    HEADER,
    [1, entHs.enterprise.name, '滚筒洗衣机', EXEC, BENCH, plan.plan_number, '否'],
    [2, entHs.enterprise.name, '波轮洗衣机', 'GB/T4288—2018 家用和类似用途电动洗衣机', 'IEC 60456:2010 Clothes washing machines', '', ''],
    [3, entJb.enterprise.name, '智能冰箱', 'GB/T 8059-2016 家用和类似用途制冷器具', 'IEC 62552-1:2015 Household refrigerating appliances', '', '是'],
  ];
  const r = await postXlsx(city, c.id, file);
  expectStatus(r, 200);
  assert.deepEqual(r.body, { imported: 3, members_added: 1, support_requests: 1, errors: [] });
  const rows = await listRows(city, c.id);
  assert.equal(rows.length, 3);
  const byProduct = Object.fromEntries(rows.map((x) => [x.product_name, x]));
  const a = byProduct['滚筒洗衣机'];
  assert.equal(a.enterprise_id, entHs.enterprise.id);
  assert.equal(a.enterprise_name, entHs.enterprise.name);
  assert.equal(a.credit_code, entHs.code);
  assert.equal(a.region_code, '330203');
  assert.equal(a.region_name, '海曙区');
  assert.equal(a.executed_standards, EXEC);
  assert.deepEqual(a.executed_numbers, ['GB/T 4288-2018']);
  assert.equal(a.benchmark_standards, BENCH);
  assert.deepEqual(a.benchmark_numbers, ['IEC 60456:2010']);
  assert.equal(a.plan_number, plan.plan_number);
  assert.equal(a.support_needed, false);
  assert.deepEqual(byProduct['波轮洗衣机'].executed_numbers, ['GB/T 4288-2018'], 'numbers are normalized');
  assert.equal(byProduct['波轮洗衣机'].plan_number ?? '', '');
  assert.equal(byProduct['智能冰箱'].support_needed, true);
  assert.ok(byProduct['智能冰箱'].support_request_id);
  assert.deepEqual(rows.map((x) => x.seq).sort(), [1, 2, 3]);
  // the 江北 enterprise became a member
  const m = await members(city, c.id);
  assert.deepEqual(m.map((x) => x.enterprise_id).sort((x, y) => x - y), [entHs.enterprise.id, entJb.enterprise.id].sort((x, y) => x - y));
  // filters and the county's view
  assert.deepEqual((await listRows(city, c.id, '?region_code=330205')).map((x) => x.product_name), ['智能冰箱']);
  assert.deepEqual((await listRows(county, c.id)).map((x) => x.product_name).sort(), ['波轮洗衣机', '滚筒洗衣机'].sort());
  assert.deepEqual((await listRows(city, c.id, `?q=${encodeURIComponent('冰箱')}`)).map((x) => x.product_name), ['智能冰箱']);
  // inline strings (other writers) read the same
  const c2 = await newCampaign();
  const r2 = await postXlsx(city, c2.id, [HEADER, [1, entHs.enterprise.name, '滚筒洗衣机', EXEC, BENCH, plan.plan_number, '否']], '', { inline: true });
  expectStatus(r2, 200);
  assert.equal(r2.body.imported, 1);
  // one row deleted
  expectStatus(await city.del(`/campaigns/${c.id}/list/${byProduct['波轮洗衣机'].id}`), 204);
  assert.deepEqual((await listRows(city, c.id)).map((x) => x.product_name).sort(), ['智能冰箱', '滚筒洗衣机'].sort());
  expectError(await city.del(`/campaigns/${c.id}/list/${byProduct['波轮洗衣机'].id}`), 404, 'not_found');
  expectError(await county.del(`/campaigns/${c.id}/list/${byProduct['智能冰箱'].id}`), 404, 'not_found', 'a 江北 row is outside the 海曙 county');
});

test('the export is the 附件2 form and imports again', async () => {
  const c = await newCampaign();
  expectStatus(await postCsv(city, c.id, [
    [1, entHs.enterprise.name, '滚筒洗衣机', EXEC, BENCH, plan.plan_number, '否'],
    [2, entJb.enterprise.name, '智能冰箱', 'GB/T 8059-2016 家用和类似用途制冷器具', 'IEC 62552-1:2015 Household refrigerating appliances', '', '否'],
  ]), 200);
  const r = await getBinary(city, `/campaigns/${c.id}/list/export.xlsx`);
  assert.equal(r.status, 200, r.text);
  const text = unxml(xlsxText(r));
  // the title as on the paper form: 宁波市2020年参加对标达标提升专项行动企业名单
  assert.ok(text.includes(`宁波市${YEAR}年参加对标达标提升专项行动企业名单`), 'the title row of the form');
  assert.ok(text.includes('填报单位'), 'the 填报单位 row');
  for (const h of HEADER.slice(1)) assert.ok(text.includes(h), `header ${h}`);
  for (const v of [entHs.enterprise.name, entJb.enterprise.name, '滚筒洗衣机', '智能冰箱', EXEC, plan.plan_number]) assert.ok(text.includes(v), `export has ${v}`);
  const rc = await getBinary(city, `/campaigns/${c.id}/list/export.xlsx?region_code=330205`);
  assert.equal(rc.status, 200, rc.text);
  const t2 = unxml(xlsxText(rc));
  assert.ok(t2.includes('智能冰箱') && !t2.includes('滚筒洗衣机'), 'the export takes the region filter');
  // round trip into another campaign
  const c2 = await newCampaign();
  const back = await post(city, c2.id, r.buf, { type: 'application/octet-stream' });
  expectStatus(back, 200);
  assert.equal(back.body.imported, 2);
  assert.deepEqual((await listRows(city, c2.id)).map((x) => [x.enterprise_id, x.product_name, x.plan_number]).sort(),
    (await listRows(city, c.id)).map((x) => [x.enterprise_id, x.product_name, x.plan_number]).sort());
});

test('CSV in UTF-8 with a BOM and in GBK (as Excel saves it) are read alike', async () => {
  const rows = [[1, entHs.enterprise.name, '滚筒洗衣机', EXEC, BENCH, plan.plan_number, '否'], [2, entHs2.enterprise.name, '嵌入式洗碗机', 'GB/T 20291.1-2021 家用电动洗碗机 性能测试方法', 'IEC 60436:2019 Electric dishwashers for household use', '', '是']];
  const text = csvOf([HEADER, ...rows]);
  const c1 = await newCampaign();
  let r = await post(city, c1.id, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
  expectStatus(r, 200);
  assert.equal(r.body.imported, 2);
  const c2 = await newCampaign();
  const bytes = gbk(text);
  assert.ok(!bytes.toString('utf8').includes('企业名称'), 'the file really is GBK');
  r = await post(city, c2.id, bytes);
  expectStatus(r, 200, 'GBK CSV');
  assert.equal(r.body.imported, 2);
  assert.equal(r.body.members_added, 2);
  assert.equal(r.body.support_requests, 1);
  const got = await listRows(city, c2.id);
  const dish = got.find((x) => x.enterprise_id === entHs2.enterprise.id);
  assert.ok(dish, JSON.stringify(got));
  assert.equal(dish.enterprise_name, '宁波海曙厨电有限公司');
  assert.equal(dish.product_name, '嵌入式洗碗机');
  assert.equal(dish.executed_standards, 'GB/T 20291.1-2021 家用电动洗碗机 性能测试方法');
  assert.equal(dish.support_needed, true);
  const same = (await listRows(city, c1.id)).map((x) => [x.enterprise_id, x.product_name, x.executed_standards, x.benchmark_standards]).sort();
  assert.deepEqual(got.map((x) => [x.enterprise_id, x.product_name, x.executed_standards, x.benchmark_standards]).sort(), same, 'GBK and UTF-8 give the same rows');
  // the short header 序 (as in the printed form) is accepted
  const c3 = await newCampaign();
  r = await post(city, c3.id, csvOf([['序', ...HEADER.slice(1)], rows[0]]));
  expectStatus(r, 200, 'header 序');
  assert.equal(r.body.imported, 1);
});

test('wrong columns and empty files are refused with a message naming what is wrong', async () => {
  const c = await newCampaign();
  const row = [1, entHs.enterprise.name, '滚筒洗衣机', EXEC, BENCH, plan.plan_number, '否'];
  // a column missing: named
  let r = await post(city, c.id, csvOf([HEADER.filter((h) => h !== '产品名称'), row.filter((_, i) => i !== 2)]));
  expectError(r, 422, 'validation_failed');
  assert.match(errText(r), /产品名称/, show(r));
  r = await post(city, c.id, csvOf([HEADER.filter((h) => h !== '平台现有技术方案编号'), row.filter((_, i) => i !== 5)]));
  expectError(r, 422, 'validation_failed');
  assert.match(errText(r), /平台现有技术方案编号/, show(r));
  // no 企业名称 anywhere: no header row
  r = await post(city, c.id, csvOf([['序号', '公司', '产品'], [1, entHs.enterprise.name, '滚筒洗衣机']]));
  expectError(r, 422, 'validation_failed');
  assert.match(errText(r), /企业名称/, show(r));
  // the same in an xlsx
  r = await postXlsx(city, c.id, [...FORM_TOP, HEADER.filter((h) => h !== '执行标准号、名称'), row.filter((_, i) => i !== 3)]);
  expectError(r, 422, 'validation_failed');
  assert.match(errText(r), /执行标准号、名称/, show(r));
  // empty: no bytes, a BOM alone
  for (const [what, body] of [['no bytes', Buffer.alloc(0)], ['a BOM', Buffer.from([0xef, 0xbb, 0xbf])]]) {
    r = await post(city, c.id, body);
    expectError(r, 422, 'validation_failed', what);
  }
  // the header alone is a list of no rows: nothing imported, nothing refused
  r = await post(city, c.id, csvOf([HEADER]));
  expectStatus(r, 200, 'the header alone');
  assert.deepEqual(r.body, { imported: 0, members_added: 0, support_requests: 0, errors: [] });
  r = await postXlsx(city, c.id, []);
  expectError(r, 422, 'validation_failed', 'an empty sheet');
  // a broken xlsx
  r = await post(city, c.id, Buffer.from('PK\x03\x04 not really a zip'), { type: 'application/octet-stream' });
  expectError(r, 422, 'validation_failed', 'broken xlsx');
  assert.match(errText(r), /xlsx/);
  // an xlsx whose text is not UTF-8 (a damaged or hand-made file): refused with the cell, not stored
  const marker = 'BROKENTEXT';
  const badBytes = (files) => {
    const text = files['xl/sharedStrings.xml'];
    const at = text.indexOf(marker);
    const head = Buffer.from(text.slice(0, at), 'utf8');
    const tail = Buffer.from(text.slice(at + marker.length), 'utf8');
    return { ...files, 'xl/sharedStrings.xml': Buffer.concat([head, Buffer.from([0x73, 0xff, 0xfe, 0x69]), tail]) };
  };
  const badRow = row.map((v, i) => (i === 3 ? `IEC 62552 ${marker}` : v));
  r = await postXlsx(city, c.id, [...FORM_TOP, HEADER, badRow], 'all', { edit: badBytes });
  expectError(r, 422, 'validation_failed', 'text that is not UTF-8');
  assert.match(errText(r), /第 4 行第 4 列.*UTF-8/, show(r));
  // an unknown mode
  r = await postCsv(city, c.id, [row], 'some');
  assert.equal(r.status, 422, show(r));
  assert.equal((await listRows(city, c.id)).length, 0, 'nothing saved');
  assert.equal((await members(city, c.id)).length, 0, 'no member added');
});

test('bad rows: each reported with its row and column; all-or-nothing by default, or good rows only', async () => {
  const c = await newCampaign();
  const good = (i, name = '滚筒洗衣机') => [i, entHs.enterprise.name, name, EXEC, BENCH, plan.plan_number, '否'];
  const rows = [
    good(1),                                                                                        // row 2
    [2, '宁波不存在的企业有限公司', '洗衣机', EXEC, BENCH, '', '否'],                                  // row 3: unknown enterprise
    [3, entHs.enterprise.name, '洗衣机3', '企业自定标准', BENCH, '', '否'],                             // row 4: no standard number
    [4, entHs.enterprise.name, '洗衣机4', EXEC, 'XYZ 这不是编号', '', '否'],                            // row 5: bad benchmark number
    [5, entHs.enterprise.name, '洗衣机5', EXEC, BENCH, 'DBFA-2099-000000-9999', '否'],                 // row 6: unknown plan
    [6, entHs.enterprise.name, '洗衣机6', EXEC, BENCH, withdrawn.plan_number, '否'],                   // row 7: plan withdrawn
    [7, entHz.enterprise.name, '杭州洗衣机', EXEC, BENCH, '', '否'],                                    // row 8: outside the campaign and the caller's scope
    [8, entJb.enterprise.name, '智能冰箱', 'GB/T 8059-2016 家用和类似用途制冷器具', 'IEC 62552-1:2015 冰箱', '', '否'], // row 9: good, a new member
    [9, '', '无名产品', EXEC, BENCH, '', '否'],                                                        // row 10: no enterprise
  ];
  const want = [[3, '企业名称'], [4, '执行标准号、名称'], [5, '比对标准号、名称'], [6, '平台现有技术方案编号'], [7, '平台现有技术方案编号'], [8, '企业名称'], [10, '企业名称']];
  const check = (r) => {
    const errs = r.body.errors;
    assert.ok(Array.isArray(errs), show(r));
    assert.deepEqual(errs.map((e) => [e.row, e.column]), want, show(r));
    for (const e of errs) assert.ok(typeof e.message === 'string' && e.message.trim(), `a message for row ${e.row}`);
    assert.doesNotMatch(errs.find((e) => e.row === 8).message, /西湖区|330106|杭州市/, 'the region of an enterprise outside the scope is not revealed');
  };
  let r = await postCsv(city, c.id, rows);
  expectError(r, 422, 'validation_failed', 'mode=all by default');
  assert.equal(r.body.imported, 0);
  check(r);
  r = await postCsv(city, c.id, rows, 'all');
  expectError(r, 422, 'validation_failed', 'mode=all');
  check(r);
  assert.equal((await listRows(city, c.id)).length, 0, 'nothing saved while the file has errors');
  assert.equal((await members(city, c.id)).length, 0, 'no member added either');
  // one bad row is enough to save nothing
  r = await postCsv(city, c.id, [good(1), good(2, '波轮洗衣机'), rows[4]]);
  expectError(r, 422, 'validation_failed');
  assert.deepEqual(r.body.errors.map((e) => [e.row, e.column]), [[4, '平台现有技术方案编号']]);
  assert.equal((await listRows(city, c.id)).length, 0);
  // good rows only
  r = await postCsv(city, c.id, rows, 'good_only');
  expectStatus(r, 200);
  assert.equal(r.body.imported, 2);
  assert.equal(r.body.members_added, 2);
  check(r);
  const saved = await listRows(city, c.id);
  assert.deepEqual(saved.map((x) => x.product_name).sort(), ['智能冰箱', '滚筒洗衣机'].sort());
  // rows are numbered as in the file: in an xlsx with the form's title rows, the header is row 3
  const c2 = await newCampaign();
  r = await postXlsx(city, c2.id, [...FORM_TOP, HEADER, good(1), rows[1], rows[3]]);
  expectError(r, 422, 'validation_failed');
  assert.deepEqual(r.body.errors.map((e) => [e.row, e.column]), [[5, '企业名称'], [6, '比对标准号、名称']]);
  // the county imports only its own enterprises
  const c3 = await newCampaign();
  r = await postCsv(county, c3.id, [good(1), rows[7]], 'good_only');
  expectStatus(r, 200);
  assert.equal(r.body.imported, 1);
  assert.deepEqual(r.body.errors.map((e) => [e.row, e.column]), [[3, '企业名称']]);
});

test('formula cells are stored as text and escaped in the export', async () => {
  const c = await newCampaign();
  const hostile = ['=HYPERLINK("http://evil.example/x","点我")', '+1洗衣机', '@SUM(A1:A3)', '-2冰箱', '=1+1'];
  const rows = hostile.map((name, i) => [i + 1, entHs.enterprise.name, name, EXEC, BENCH, '', '否']);
  let r = await postXlsx(city, c.id, [HEADER, ...rows]);
  expectStatus(r, 200);
  assert.equal(r.body.imported, hostile.length);
  const saved = await listRows(city, c.id);
  assert.deepEqual(saved.map((x) => x.product_name).sort(), [...hostile].sort(), 'stored exactly as typed');
  r = await getBinary(city, `/campaigns/${c.id}/list/export.xlsx`);
  assert.equal(r.status, 200, r.text);
  const text = unxml(xlsxText(r));
  for (const h of hostile) {
    assert.ok(text.includes(`'${h}`), `exported with an apostrophe: ${h}`);
    assert.ok(!text.includes(`>${h}<`), `never exported bare: ${h}`);
  }
  const sheets = Object.entries(unzipEntries(r.buf)).filter(([n]) => n.startsWith('xl/worksheets/'));
  for (const [n, xml] of sheets) assert.ok(!/<f[ >]/.test(xml), `no formula element in ${n}`);
  // a CSV with the same cells (and a formula in the standard column) is stored as text too
  const c2 = await newCampaign();
  r = await postCsv(city, c2.id, [[1, entHs.enterprise.name, '=cmd|\' /C calc\'!A0', EXEC, BENCH, '', '否']]);
  expectStatus(r, 200);
  assert.equal((await listRows(city, c2.id))[0].product_name, '=cmd|\' /C calc\'!A0');
});

test('a 50,000-row file is answered within the server’s limits, and the server stays up', async () => {
  const c = await newCampaign();
  const lines = [HEADER];
  for (let i = 1; i <= 50000; i++) lines.push([i, entHs.enterprise.name, `洗衣机型号${i}`, EXEC, BENCH, '', '否']);
  const body = Buffer.from(csvOf(lines), 'utf8');
  const started = Date.now();
  const r = await post(city, c.id, body);
  const seconds = (Date.now() - started) / 1000;
  assert.ok(r.status < 500, `no server error: ${show(r)}`);
  assert.ok(seconds < 120, `answered in ${seconds} s`);
  const health = await anon.get('/health');
  assert.equal(health.status, 200, 'the server still answers');
  const total = async () => expectStatus(await city.get(`/campaigns/${c.id}/list?page_size=1`), 200).body.total;
  if (r.status === 200) {
    assert.equal(r.body.imported, 50000, show(r));
    assert.deepEqual(r.body.errors, []);
    assert.equal(await total(), 50000);
    const m = expectStatus(await city.get(`/campaigns/${c.id}/list?page=250&page_size=200`), 200).body;
    assert.equal(m.items.length, 200, 'the last page');
  } else {
    // refused as a whole: too large (413, the limit named) or too many rows (422, the limit named)
    assert.ok([413, 422].includes(r.status), show(r));
    const err = expectError(r, r.status, r.status === 413 ? 'payload_too_large' : 'validation_failed');
    assert.match(JSON.stringify(err), /\d/, `the refusal names the limit: ${show(r)}`);
    assert.equal(await total(), 0, 'nothing saved');
  }
  // the same server still imports a small file afterwards
  const c2 = await newCampaign();
  const small = await postCsv(city, c2.id, [[1, entHs.enterprise.name, '滚筒洗衣机', EXEC, BENCH, '', '否']]);
  expectStatus(small, 200);
});

test('who may import: the offices that may add members; nothing saved when refused', async () => {
  const c = await newCampaign();
  const csv = csvOf([HEADER, [1, entHs.enterprise.name, '滚筒洗衣机', EXEC, BENCH, '', '否']]);
  const cityHz = (await createUser(admin, { username: 'i_city_hz', role: 'city_regulator', region_code: '330100', name: 'i_city_hz' })).client;
  expectStatus(await city.post(`/campaigns/${c.id}/members`, { enterprise_ids: [entJb.enterprise.id] }), 200);
  // a member enterprise sees the campaign but may not import (403); a non-member does not see it (404)
  for (const [client, status] of [[anon, 401], [entJb.client, 403], [entHs2.client, 404], [tech, 403], [admin, 403], [cityHz, 404]]) {
    const r = await post(client, c.id, csv);
    assert.equal(r.status, status, `import as ${client.name}: ${show(r)}`);
  }
  assert.equal((await listRows(city, c.id)).length, 0);
  const r = await post(national, c.id, csv);
  expectStatus(r, 200, 'the national office');
  assert.equal(r.body.imported, 1);
});
