// The holes of issue 13, closed: JSON that parses but is strange (1e999, control characters),
// a second login on a client that holds a session, and a client that stalls inside its header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Api, adminClient, createUser, startServer, registerEnterprise, expectStatus, expectError, sleep, suffix } from './fixtures.mjs';

let server;
let admin;
let ent;

before(async () => {
  server = await startServer({ extraArgs: ['--header-timeout', '2'] });
  admin = await adminClient(server);
  ent = await registerEnterprise(server.base, {});
});

after(async () => {
  await server?.stop();
  server?.cleanup();
});

const raw = (client, method, url, text) =>
  client.request(method, url, { body: text, headers: { 'content-type': 'application/json' } });

test('numbers no double holds are a 400 naming the field, before and after login', async () => {
  const anon = new Api(server.base);
  await anon.prepare();
  let r = await raw(anon, 'POST', '/auth/login', '{"username":1e999,"password":"x"}');
  expectError(r, 400, 'bad_request');
  assert.ok(r.body.error.fields.username, JSON.stringify(r.body));
  r = await raw(ent.client, 'POST', '/products', '{"name":1e99999}');
  expectError(r, 400, 'bad_request');
  assert.ok(r.body.error.fields.name, JSON.stringify(r.body));
  r = await raw(ent.client, 'POST', '/notifications/read', '{"ids":[1,1e999]}');
  expectError(r, 400, 'bad_request');
  assert.ok(r.body.error.fields['ids[1]'], JSON.stringify(r.body));
  r = await raw(ent.client, 'POST', '/products', '{"name":"x","standards":[{"a":[-1e400]}]}');
  expectError(r, 400, 'bad_request');
  assert.ok(r.body.error.fields['standards[0].a[0]'], JSON.stringify(r.body));
  const list = expectStatus(await ent.client.get('/products'), 200).body;
  assert.equal(list.total, 0, 'nothing was saved');
});

test('control characters are refused with a 422 naming the field; nothing is stored', async () => {
  for (const name of ['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'line\nbreak']) {
    const r = await ent.client.post('/products', { name, standards: ['GB/T 4288-2018'] });
    expectError(r, 422, 'validation_failed', JSON.stringify(name));
    assert.ok(r.body.error.fields.name, JSON.stringify(r.body));
  }
  const r = await ent.client.post('/products', { name: '洗衣机', standards: ['GB/T 4288-2018\u0000'] });
  expectError(r, 422, 'validation_failed');
  assert.ok(r.body.error.fields.standards, JSON.stringify(r.body));
  const list = expectStatus(await ent.client.get('/products'), 200).body;
  assert.equal(list.total, 0, 'no product with a control character was stored');
  // Running text keeps its line breaks (and still refuses NUL).
  const city = (await createUser(admin, { username: `holes_city_${suffix()}`, role: 'city_regulator', region_code: '330200' })).client;
  const body = { name: '行动', year: 2026, start_date: '2026-04-01', end_date: '2026-12-31', description: '第一行\n第二行\t缩进' };
  const created = expectStatus(await city.post('/campaigns', body), 201);
  assert.equal(created.body.description, '第一行\n第二行\t缩进');
  const nul = await city.post('/campaigns', { ...body, description: 'a\u0000b' });
  expectError(nul, 422, 'validation_failed');
  assert.ok(nul.body.error.fields.description, JSON.stringify(nul.body));
});

test('a login on a client that holds a session ends that session', async () => {
  const a = await registerEnterprise(server.base, {});
  const b = await registerEnterprise(server.base, {});
  const c = a.client;
  expectStatus(await c.get('/auth/me'), 200);
  const oldCookie = c.cookieHeader();
  const r = await c.post('/auth/login', { username: b.username, password: b.password });
  expectStatus(r, 200);
  assert.equal(r.body.user.username, b.username);
  const stale = new Api(server.base);
  for (const part of oldCookie.split('; ')) {
    const i = part.indexOf('=');
    stale.cookies.set(part.slice(0, i), part.slice(i + 1));
  }
  expectError(await stale.get('/auth/me'), 401, 'unauthenticated', 'the first user\'s session is gone');
  const me = expectStatus(await c.get('/auth/me'), 200).body;
  assert.equal(me.user.username, b.username, 'the client is the second user now');
});

test('a client that stalls inside its header is cut off after --header-timeout; others are served meanwhile', async () => {
  const started = Date.now();
  const sockets = [];
  const closed = [];
  for (let i = 0; i < 5; i++) {
    const s = net.connect(server.port, '127.0.0.1');
    sockets.push(s);
    closed.push(new Promise((resolve) => s.on('close', () => resolve(Date.now() - started))));
    s.on('error', () => {});
    s.on('connect', () => s.write('GET /api/v1/hea'));
  }
  await sleep(300);
  const health = await fetch(server.base + '/api/v1/health');
  assert.equal(health.status, 200, 'health answers while the slow clients wait');
  const times = await Promise.race([
    Promise.all(closed),
    sleep(8000).then(() => null),
  ]);
  for (const s of sockets) s.destroy();
  assert.ok(times, 'the stalled connections were closed within 8 s');
  for (const t of times) {
    assert.ok(t >= 1500, `not before the timeout (${t} ms)`);
    assert.ok(t < 6000, `soon after the 2 s timeout (${t} ms)`);
  }
});

test('what the route fuzzer found: NUL in a search, C1 controls, imports, registration, deleting a campaign with filed work', async () => {
  // A NUL in a full-text query answers like any other query.
  for (const url of ['/plans?q=a%00b', '/standards?q=a%00bc', '/public/results?q=ab%00cd'])
    assert.equal((await ent.client.get(url)).status, 200, url);
  // C1 controls (U+0080–U+009F) are control characters too.
  const c1 = await ent.client.post('/products', { name: 'a\u0085b', standards: ['GB/T 4288-2018'] });
  expectError(c1, 422, 'validation_failed');
  assert.ok(c1.body.error.fields.name, JSON.stringify(c1.body));
  // Imports drop control characters from cells.
  const city = (await createUser(admin, { username: `holes_c2_${suffix()}`, role: 'city_regulator', region_code: '330200' })).client;
  const campaign = expectStatus(await city.post('/campaigns', { name: '行动二', year: 2026, start_date: '2026-04-01', end_date: '2026-12-31' }), 201).body;
  const csv = '序号,企业名称,产品名称,执行标准号、名称,比对标准号、名称,平台现有技术方案编号,另行制定技术方案技术支持需求\r\n' +
    `1,${ent.enterprise.name},电\u0001热\u007f水\u0085壶,GB/T 4288-2018 洗衣机,,,\r\n`;
  const imp = await city.request('POST', `/campaigns/${campaign.id}/list/import`, { body: Buffer.from(csv), headers: { 'content-type': 'text/csv' } });
  expectStatus(imp, 200);
  const rows = expectStatus(await city.get(`/campaigns/${campaign.id}/list`), 200).body.items;
  assert.equal(rows[0].product_name, '电热水壶', 'stored without the control characters');
  // A campaign with filed work (a 附件3 report, list rows) is not deleted: 409, not 500.
  const county = (await createUser(admin, { username: `holes_k_${suffix()}`, role: 'county_regulator', region_code: '330203' })).client;
  expectStatus(await county.put(`/campaigns/${campaign.id}/reports/2026-H2`, { industries_text: 'x', scale_enterprises: 1, narratives: {}, version: 0 }), 200);
  expectStatus(await city.del(`/campaigns/${campaign.id}/members/${ent.enterprise.id}`), 204);
  expectError(await city.del(`/campaigns/${campaign.id}`), 409, 'conflict');
  // A registration from a client holding a session ends that session.
  const holder = await registerEnterprise(server.base, {});
  const oldCookie = holder.client.cookieHeader();
  const reg = await holder.client.post('/enterprises/register', { enterprise: (await import('./fixtures.mjs')).enterpriseBody({}), user: (await import('./fixtures.mjs')).userBody({}) });
  expectStatus(reg, 201);
  const stale = new Api(server.base);
  for (const part of oldCookie.split('; ')) {
    const i = part.indexOf('=');
    stale.cookies.set(part.slice(0, i), part.slice(i + 1));
  }
  expectError(await stale.get('/auth/me'), 401, 'unauthenticated');
});
