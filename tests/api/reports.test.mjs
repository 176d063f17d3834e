// 附件3 half-year progress reports (issue 9, first slice): each office of a campaign files one per
// period; the platform computes the numeric rows from the data and freezes them on submission; the
// narrative rows are typed; due dates by level (county Jan 5 / Jul 5, city Jan 10 / Jul 10,
// configurable per campaign); the upper office sees its children's reports added up, returns one
// with a reason; xlsx and docx laid out like the form; scoped like the rest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, adminClient, createUser, registerEnterprise, Api, expectStatus, expectError, getBinary, xlsxText,
  unzipEntries, todayCst, suffix,
} from './fixtures.mjs';

let server, admin, national, county, countyJb, city, cityHz, province, anon;
let entHs, entHs2, entJb;
let campaign;
const today = todayCst();
const YEAR = Number(today.slice(0, 4));
const NARRATIVE_KEYS = ['party_government', 'policies', 'organisation', 'endorsement', 'finance', 'departments', 'voice', 'growth', 'reports', 'leaders'];
const narratives = (word) => Object.fromEntries(NARRATIVE_KEYS.map((k) => [k, `${word}：${k}`]));

async function user(role, region_code) {
  return (await createUser(admin, { username: `rp_${role.slice(0, 4)}_${region_code || "x"}_${suffix()}`, role, region_code })).client;
}

before(async () => {
  server = await startServer();
  admin = await adminClient(server);
  national = await user('national_office');
  county = await user('county_regulator', '330203');
  countyJb = await user('county_regulator', '330205');
  city = await user('city_regulator', '330200');
  cityHz = await user('city_regulator', '330100');
  province = await user('province_regulator', '330000');
  anon = new Api(server.base, 'anon');
  await anon.prepare();
  entHs = await registerEnterprise(server.base, { region: '330203' });
  entHs2 = await registerEnterprise(server.base, { region: '330203' });
  entJb = await registerEnterprise(server.base, { region: '330205' });
  const body = {
    name: `宁波市${YEAR}年对标达标提升专项行动`, year: YEAR, start_date: `${YEAR - 1}-04-01`, end_date: `${YEAR + 2}-12-31`,
    industries: ['NB02'], regions: [{ region_code: '330203', quota: 10 }, { region_code: '330205', quota: 8 }],
  };
  campaign = expectStatus(await city.post('/campaigns', body), 201).body;
  expectStatus(await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [entHs.enterprise.id, entHs2.enterprise.id, entJb.enterprise.id] }), 200);
});

after(async () => {
  await server?.stop();
  server?.cleanup();
});

const P = `${YEAR}-H1`;
const desk = async (c, period = P) => expectStatus(await c.get(`/campaigns/${campaign.id}/reports?period=${period}`), 200).body;

test('an office\'s own report: live figures from the data, the form\'s rows, due dates by level', async () => {
  const d = await desk(county);
  assert.equal(d.period, P);
  assert.equal(d.narrative_rows.length, 10);
  assert.equal(d.narrative_rows[0].label, '纳入当地党委、政府工作情况');
  assert.equal(d.narrative_rows[9].label, '树立企业标准“领跑者”情况');
  assert.ok(d.periods.some((p) => p.key === P));
  const own = d.own;
  assert.equal(own.id, 0, 'not saved yet');
  assert.equal(own.region_code, '330203');
  assert.equal(own.status, 'draft');
  assert.equal(own.due_date, `${YEAR}-07-05`, 'county → city by July 5');
  assert.equal(own.figures.enterprises, 2, 'the two 海曙 members');
  assert.equal(own.industries_text, '智能家电', 'prefilled from the campaign\'s industries');
  assert.deepEqual(d.children, [], 'a county has no children');
  const c = await desk(city);
  assert.equal(c.own.due_date, `${YEAR}-07-10`, 'city → province by July 10');
  assert.equal(c.own.figures.enterprises, 3);
  assert.equal(c.children.length, 15, 'Ningbo\'s 10 districts and counties and 5 functional zones');
  assert.ok(c.children.every((x) => x.status === 'missing'));
  const h2 = await desk(county, `${YEAR}-H2`);
  assert.equal(h2.own.due_date, `${YEAR + 1}-01-05`, 'the year\'s report by January 5 of the next');
  const past = await desk(county, `${YEAR - 1}-H2`);
  assert.equal(past.own.overdue, true, 'last year\'s report is overdue when not submitted');
  expectError(await county.get(`/campaigns/${campaign.id}/reports?period=2026-H3`), 422, 'validation_failed');
});

test('saving validates and keeps versions; submission needs every row and freezes the figures', async () => {
  const url = `/campaigns/${campaign.id}/reports/${P}`;
  const fresh = expectStatus(await countyJb.get(`/campaigns/${campaign.id}/reports?period=${P}`), 200).body.own;
  assert.deepEqual([fresh.id, fresh.version, fresh.status], [0, 0, 'draft'], 'a report never saved is version 0');
  let r = await countyJb.put(url, { industries_text: '智能家电', scale_enterprises: -1, narratives: { nope: 'x' }, version: 0 });
  const e = expectError(r, 422, 'validation_failed');
  assert.ok(e.fields.scale_enterprises && e.fields['narratives.nope'], JSON.stringify(e.fields));
  r = expectStatus(await countyJb.put(url, { industries_text: '智能家电', scale_enterprises: 40, narratives: { policies: '出台专项政策' }, version: 0 }), 200);
  assert.equal(r.body.version, 1);
  assert.equal(r.body.figures.enterprise_share, 2.5, '1 of 40 规上 enterprises');
  expectError(await countyJb.put(url, { industries_text: 'x', scale_enterprises: 40, version: 0 }), 409, 'conflict');
  r = await countyJb.post(`${url}/submit`, { version: 1 });
  const missing = expectError(r, 422, 'validation_failed');
  assert.ok(missing.fields['narratives.party_government'], JSON.stringify(missing.fields));
  assert.ok(!missing.fields['narratives.policies']);
  r = expectStatus(await countyJb.put(url, { industries_text: '智能家电', scale_enterprises: 40, narratives: narratives('江北'), version: 1 }), 200);
  r = expectStatus(await countyJb.post(`${url}/submit`, { version: r.body.version }), 200);
  assert.equal(r.body.status, 'submitted');
  assert.equal(r.body.frozen, true);
  assert.equal(r.body.figures.enterprises, 1);
  expectError(await countyJb.put(url, { industries_text: 'x', scale_enterprises: 1, version: r.body.version }), 409, 'conflict');
  // A new member later does not change what was submitted.
  const late = await registerEnterprise(server.base, { region: '330205' });
  expectStatus(await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: [late.enterprise.id] }), 200);
  const again = await desk(countyJb);
  assert.equal(again.own.figures.enterprises, 1, 'frozen at submission');
  const live = expectStatus(await countyJb.get(`/campaigns/${campaign.id}/stats`), 200).body;
  assert.equal(live.totals.enterprises, 2, 'while the live figure moved on');
});

test('the city sees its children added up, drafts hidden, and returns one with a reason', async () => {
  const url = `/campaigns/${campaign.id}/reports/${P}`;
  expectStatus(await county.put(url, { industries_text: '智能家电', scale_enterprises: 100, narratives: { policies: '草稿里的话' }, version: 0 }), 200);
  let d = await desk(city);
  const hs = d.children.find((x) => x.region_code === '330203');
  const jb = d.children.find((x) => x.region_code === '330205');
  assert.equal(hs.status, 'draft');
  assert.deepEqual(hs.narratives, {}, 'a child\'s draft is its own business');
  assert.equal(hs.figures, null);
  assert.equal(jb.status, 'submitted');
  assert.equal(jb.narratives.policies, '江北：policies', 'narratives side by side');
  assert.equal(d.children_submitted, 1);
  assert.equal(d.aggregate.enterprises, 1);
  assert.equal(d.aggregate.scale_enterprises, 40);
  // Only the receiving office returns, with a reason, and only a submitted report.
  expectError(await province.post(`/reports/${jb.id}/return`, { version: jb.version, reason: 'x' }), 403, 'forbidden');
  expectError(await cityHz.post(`/reports/${jb.id}/return`, { version: jb.version, reason: 'x' }), 404, 'not_found');
  expectError(await city.post(`/reports/${jb.id}/return`, { version: jb.version, reason: '  ' }), 422, 'validation_failed');
  expectError(await city.post(`/reports/${hs.id}/return`, { version: 1, reason: '草稿' }), 404, 'not_found');
  const r = expectStatus(await city.post(`/reports/${jb.id}/return`, { version: jb.version, reason: '规上企业数与统计口径不一致' }), 200);
  assert.equal(r.body.status, 'returned');
  assert.equal(r.body.return_reason, '规上企业数与统计口径不一致');
  d = await desk(countyJb);
  assert.equal(d.own.status, 'returned');
  assert.equal(d.own.can_edit, true);
  assert.equal(d.own.frozen, false, 'the figures thaw');
  assert.equal(d.own.figures.enterprises, 2, 'and are live again');
  const notes = expectStatus(await countyJb.get('/notifications'), 200).body;
  assert.ok(notes.items.some((n) => n.text.includes('规上企业数与统计口径不一致')), JSON.stringify(notes.items));
  d = await desk(city);
  assert.equal(d.children_submitted, 0);
  const back = d.children.find((x) => x.region_code === '330205');
  assert.equal(back.status, 'returned');
  assert.equal(back.figures, null, 'a returned report shows no figures to the upper office until resubmitted');
});

test('the form as xlsx and docx, the city\'s summary as xlsx', async () => {
  const url = `/campaigns/${campaign.id}/reports/${P}`;
  let v = (await desk(countyJb)).own;
  v = expectStatus(await countyJb.put(url, { industries_text: '智能家电', scale_enterprises: 50, narratives: narratives('重报'), version: v.version }), 200).body;
  v = expectStatus(await countyJb.post(`${url}/submit`, { version: v.version }), 200).body;
  const d = await desk(city);
  const jb = d.children.find((x) => x.region_code === '330205');
  let r = await getBinary(city, `/reports/${jb.id}/export.xlsx`);
  assert.equal(r.status, 200);
  const text = xlsxText(r);
  for (const s of ['对标达标提升专项行动进展情况报表', '填报单位', '参与对标企业数', '占对标产业规上企业总数比例', '上传对标方案数', '上传对标结果数', '纳入当地党委、政府工作情况', '重报：growth', '填报人'])
    assert.ok(text.includes(s), `xlsx has ${s}`);
  r = await getBinary(city, `/reports/${jb.id}/export.docx`);
  assert.equal(r.status, 200);
  const doc = unzipEntries(r.buf)['word/document.xml'].toString('utf8');
  for (const s of ['对标达标提升专项行动进展情况报表', '江北区市场监管局', '重报：voice', '审核人']) assert.ok(doc.includes(s), `docx has ${s}`);
  r = await getBinary(city, `/campaigns/${campaign.id}/reports/export.xlsx?period=${P}`);
  assert.equal(r.status, 200);
  const sum = xlsxText(r);
  assert.ok(sum.includes('江北区') && sum.includes('合计'), 'one row per child and the total');
});

test('a campaign sets its own due days; bad ones are refused naming the field', async () => {
  let r = await city.put(`/campaigns/${campaign.id}`, { ...campaign, industries: ['NB02'], regions: [{ region_code: '330203', quota: 10 }, { region_code: '330205', quota: 8 }], report_due: { county: { h1: '07-01', h2: '13-01' } }, version: campaign.version });
  const e = expectError(r, 422, 'validation_failed');
  assert.ok(e.fields['report_due.county.h2'], JSON.stringify(e.fields));
  r = expectStatus(await city.put(`/campaigns/${campaign.id}`, { ...campaign, industries: ['NB02'], regions: [{ region_code: '330203', quota: 10 }, { region_code: '330205', quota: 8 }], report_due: { county: { h1: '07-01', h2: '01-03' } }, version: campaign.version }), 200);
  campaign = r.body;
  assert.deepEqual(campaign.report_due.county, { h1: '07-01', h2: '01-03' });
  assert.deepEqual(campaign.report_due.city, { h1: '07-10', h2: '01-10' }, 'the others keep the seeds\' days');
  const d = await desk(county);
  assert.equal(d.own.due_date, `${YEAR}-07-01`);
});

test('who may do what: roles × own / other region', async () => {
  const url = `/campaigns/${campaign.id}/reports?period=${P}`;
  expectError(await anon.get(url), 401, 'unauthenticated');
  expectError(await entHs.client.get(url), 403, 'forbidden');
  expectError(await cityHz.get(url), 404, 'not_found', 'Hangzhou does not see Ningbo\'s campaign');
  const prov = await desk(province);
  assert.equal(prov.own, null, 'a province does not file a report for a city\'s campaign');
  assert.deepEqual(prov.children.map((c) => c.region_code), ['330200'], 'it sees Ningbo\'s');
  const nat = await desk(national);
  assert.equal(nat.own, null);
  const put = `/campaigns/${campaign.id}/reports/${P}`;
  for (const c of [province, national, admin]) {
    const r = await c.put(put, { industries_text: 'x', scale_enterprises: 1, version: 0 });
    assert.ok([403, 404].includes(r.status), `${c.name} may not file: ${r.status}`);
  }
  expectError(await entHs.client.put(put, { industries_text: 'x', scale_enterprises: 1, version: 0 }), 403, 'forbidden');
  const jb = (await desk(city)).children.find((x) => x.region_code === '330205');
  expectError(await county.get(`/reports/${jb.id}`), 404, 'not_found', 'a sibling county does not read it');
  expectError(await cityHz.get(`/reports/${jb.id}/export.xlsx`), 404, 'not_found');
  expectStatus(await province.get(`/reports/${jb.id}`), 200);
  expectError(await entJb.client.get(`/reports/${jb.id}`), 403, 'forbidden');
  // Refusals change nothing.
  const before = await desk(city);
  await cityHz.post(`/reports/${jb.id}/return`, { version: jb.version, reason: 'x' });
  await county.post(`/reports/${jb.id}/return`, { version: jb.version, reason: 'x' });
  const after_ = await desk(city);
  assert.deepEqual(after_.children.map((c) => [c.region_code, c.status, c.version]), before.children.map((c) => [c.region_code, c.status, c.version]));
});
