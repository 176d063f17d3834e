// Public routes and the error conventions of docs/api.md.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Api, startServer, expectStatus, expectError, expectFields, namesField, show, rawRequest,
  enterpriseBody, userBody, adminClient, makeCode, makePassword, suffix,
} from './fixtures.mjs';

let server;
let anon; // no session, but holds a pre-session CSRF token (double submit)
let admin;

before(async () => {
  server = await startServer();
  anon = new Api(server.base, 'anon');
  await anon.prepare();
  admin = await adminClient(server);
});

after(async () => {
  if (server) {
    await server.stop();
    server.cleanup();
  }
});

describe('health', () => {
  it('answers status, version, database kind and schema version', async () => {
    const r = expectStatus(await anon.get('/health'), 200);
    assert.match(r.headers.get('content-type') || '', /application\/json/);
    assert.equal(r.body.status, 'ok', show(r));
    assert.equal(typeof r.body.version, 'string', show(r));
    assert.ok(r.body.version.length > 0, show(r));
    assert.equal(r.body.database, 'sqlite', show(r));
    assert.equal(typeof r.body.schema_version, 'number', show(r));
    assert.ok(r.body.schema_version > 0, show(r));
  });
});

describe('credit-code tool (GB 32100)', () => {
  const check = (code) => anon.get(`/tools/credit-code?code=${encodeURIComponent(code)}`);
  const expectInvalid = (r) => {
    expectStatus(r, 200);
    assert.equal(r.body.valid, false, show(r));
    assert.equal(typeof r.body.message, 'string', show(r));
    assert.ok(r.body.message.trim().length > 0, `message must explain: ${show(r)}`);
  };

  it('accepts the two reference codes', async () => {
    for (const code of ['91310110666007217T', '91350100M000100Y43']) {
      const r = expectStatus(await check(code), 200);
      assert.equal(r.body.valid, true, show(r));
    }
  });

  it('accepts generated valid codes', async () => {
    for (let i = 0; i < 20; i++) {
      const code = makeCode('330203');
      const r = expectStatus(await check(code), 200);
      assert.equal(r.body.valid, true, show(r));
    }
  });

  it('rejects a wrong check character, names position 18 and the expected character', async () => {
    const r = await check('91310110666007217A');
    expectInvalid(r);
    assert.equal(r.body.expected, 'T', show(r));
    assert.match(r.body.message, /18|十八/, `message should name the 18th character: ${show(r)}`);
  });

  it('rejects wrong lengths', async () => {
    expectInvalid(await check('91310110666007217'));   // 17
    expectInvalid(await check('91310110666007217TT')); // 19
    expectInvalid(await check('9'));
  });

  it('rejects forbidden characters I O S V Z', async () => {
    for (const ch of ['I', 'O', 'S', 'V', 'Z']) {
      // position 9 (index 8) is part of the organisation code where letters are allowed
      const code = '91310110' + ch + '66007217T';
      assert.equal(code.length, 18);
      expectInvalid(await check(code));
    }
    expectInvalid(await check('9131011066600721-T'));
    expectInvalid(await check('9131011066600721 T'));
    expectInvalid(await check('９１310110666007217T')); // full-width digits, 18 chars
  });

  it('empty code is invalid with a message', async () => {
    expectInvalid(await check(''));
  });

  it('lowercase: consistent answer (upper-cased or rejected), with a message when invalid', async () => {
    const r = expectStatus(await check('91350100m000100y43'), 200);
    assert.equal(typeof r.body.valid, 'boolean', show(r));
    if (!r.body.valid) assert.ok(String(r.body.message || '').trim().length > 0, show(r));
  });
});

describe('regions (GB/T 2260 + Ningbo zones)', () => {
  let zones;

  it('provinces list contains 浙江省 with children', async () => {
    const r = expectStatus(await anon.get('/regions'), 200);
    const items = r.body.items;
    assert.ok(Array.isArray(items), show(r));
    assert.ok(items.length >= 31, `31 provinces expected, got ${items.length}`);
    assert.ok(items.every((x) => x.level === 'province'), 'only provinces without parent');
    const zj = items.find((x) => x.code === '330000');
    assert.ok(zj, '330000 missing');
    assert.equal(zj.name, '浙江省');
    assert.equal(zj.has_children, true);
    assert.ok(items.find((x) => x.code === '460000' && x.name === '海南省'));
    assert.ok(items.find((x) => x.code === '110000' && x.name === '北京市'));
  });

  it('children of 宁波市 330200 include 海曙区, 江北区 and the functional zones', async () => {
    const r = expectStatus(await anon.get('/regions?parent=330200'), 200);
    const items = r.body.items;
    const hs = items.find((x) => x.code === '330203');
    assert.ok(hs, `330203 missing: ${show(r)}`);
    assert.equal(hs.name, '海曙区');
    assert.equal(hs.level, 'county');
    assert.equal(hs.parent_code, '330200');
    assert.equal(hs.has_children, false);
    assert.ok(items.find((x) => x.code === '330205' && x.name === '江北区'));
    for (const c of ['330206', '330211', '330212', '330213', '330225', '330226', '330281', '330282']) {
      assert.ok(items.find((x) => x.code === c), `${c} missing under 330200`);
    }
    zones = items.filter((x) => x.level === 'zone');
    for (const kw of ['高新', '杭州湾', '保税', '大榭', '东钱湖']) {
      assert.ok(zones.some((z) => z.name.includes(kw)), `zone ${kw} missing; zones: ${JSON.stringify(zones)}`);
    }
    for (const z of zones) {
      assert.equal(z.parent_code, '330200');
      assert.ok(z.code && !items.some((o) => o !== z && o.code === z.code), 'zone codes unique');
    }
  });

  it('GET /regions/330203 has path 浙江省 → 宁波市', async () => {
    const r = expectStatus(await anon.get('/regions/330203'), 200);
    assert.equal(r.body.code, '330203');
    assert.equal(r.body.name, '海曙区');
    assert.equal(r.body.level, 'county');
    const anc = r.body.path.filter((p) => p.code !== '330203');
    assert.deepEqual(anc.map((p) => p.code), ['330000', '330200'], show(r));
    assert.deepEqual(anc.map((p) => p.level), ['province', 'city'], show(r));
    assert.equal(anc[1].name, '宁波市');
  });

  it('a functional zone resolves with its city in the path', async () => {
    assert.ok(zones?.length, 'needs zones from the previous test');
    const z = zones[0];
    const r = expectStatus(await anon.get(`/regions/${encodeURIComponent(z.code)}`), 200);
    assert.equal(r.body.level, 'zone');
    const codes = r.body.path.map((p) => p.code);
    assert.ok(codes.includes('330000') && codes.includes('330200'), show(r));
  });

  it('GET /regions/469001 (五指山市) has no city level in its path', async () => {
    const r = expectStatus(await anon.get('/regions/469001'), 200);
    assert.equal(r.body.name, '五指山市');
    assert.equal(r.body.level, 'county');
    const anc = r.body.path.filter((p) => p.code !== '469001');
    assert.deepEqual(anc.map((p) => p.code), ['460000'], show(r));
    assert.ok(!r.body.path.some((p) => p.level === 'city' || /省直辖/.test(p.name)), show(r));
  });

  it('469001 hangs directly under 海南省; no 省直辖县级行政区划 pseudo-city', async () => {
    const r = expectStatus(await anon.get('/regions?parent=460000'), 200);
    const w = r.body.items.find((x) => x.code === '469001');
    assert.ok(w, show(r));
    assert.equal(w.level, 'county');
    assert.equal(w.parent_code, '460000');
    assert.ok(!r.body.items.some((x) => x.code === '469000' || /省直辖/.test(x.name)), show(r));
    assert.ok(r.body.items.some((x) => x.code === '460100' && x.level === 'city'), '海口市 missing');
  });

  it('北京市 districts hang directly under 110000', async () => {
    const r = expectStatus(await anon.get('/regions?parent=110000'), 200);
    const d = r.body.items.find((x) => x.code === '110101');
    assert.ok(d, show(r));
    assert.equal(d.name, '东城区');
    assert.equal(d.level, 'county');
    assert.ok(!r.body.items.some((x) => x.code === '110100' || x.name === '市辖区'), show(r));
  });

  it('unknown region → 404', async () => {
    expectError(await anon.get('/regions/999999'), 404, 'not_found');
  });
});

describe('industries (GB/T 4754 + clusters)', () => {
  it('sections A–T, manufacturing divisions 13–43, clusters with members', async () => {
    const r = expectStatus(await anon.get('/industries'), 200);
    const items = r.body.items;
    const byCode = new Map(items.map((x) => [x.code, x]));
    const sections = items.filter((x) => x.kind === 'section');
    assert.equal(sections.length, 20, 'GB/T 4754-2017 has 20 sections');
    for (const s of 'ABCDEFGHIJKLMNOPQRST') assert.ok(byCode.get(s)?.kind === 'section', `section ${s}`);
    assert.match(byCode.get('C').name, /制造业/);
    for (let d = 13; d <= 43; d++) {
      const x = byCode.get(String(d));
      assert.ok(x, `division ${d} missing`);
      assert.equal(x.kind, 'division');
      assert.equal(x.parent_code, 'C');
    }
    const clusters = items.filter((x) => x.kind === 'cluster');
    assert.ok(clusters.length >= 5, `Zhejiang clusters expected: ${clusters.length}`);
    assert.ok(clusters.some((c) => /汽车/.test(c.name)), 'cluster 汽车及零部件 expected');
    for (const c of clusters) {
      assert.ok(Array.isArray(c.members) && c.members.length > 0, `cluster ${c.name} needs members`);
      for (const m of c.members) assert.ok(byCode.has(m), `cluster ${c.name} member ${m} unknown`);
    }
  });
});

describe('errors and limits', () => {
  const regBody = () => ({ enterprise: enterpriseBody(), user: userBody() });

  it('unknown route → 404 JSON error', async () => {
    expectError(await anon.get('/no-such-route'), 404, 'not_found');
    expectError(await anon.get('/enterprises/123/no-such-thing'), 404, 'not_found');
  });

  it('wrong method on an existing route → 405', async () => {
    expectError(await anon.get('/auth/login'), 405, 'method_not_allowed');
    expectError(await anon.del('/health'), 405, 'method_not_allowed');
    expectError(await anon.put('/regions', {}), 405, 'method_not_allowed');
  });

  it('malformed JSON → 400 with a message', async () => {
    const r = await anon.request('POST', '/auth/login', {
      body: '{"username": "admin", "password": ',
      headers: { 'content-type': 'application/json' },
    });
    expectError(r, 400, 'bad_request');
    const r2 = await admin.request('POST', '/users', { body: '{not json}', headers: { 'content-type': 'application/json' } });
    expectError(r2, 400, 'bad_request');
    const r3 = await anon.request('POST', '/enterprises/register', { body: '[1,2', headers: { 'content-type': 'application/json' } });
    expectError(r3, 400, 'bad_request');
  });

  it('JSON of the wrong shape (array, string) → 400/422, not 500', async () => {
    for (const body of ['[]', '"x"', 'null', '42']) {
      const r = await anon.request('POST', '/enterprises/register', { body, headers: { 'content-type': 'application/json' } });
      assert.ok([400, 422].includes(r.status), show(r));
      expectError(r, r.status);
    }
  });

  it('wrong types → 400 or 422 naming the field; nothing created', async () => {
    const cases = [
      ['flags', (b) => { b.enterprise.flags = 'x'; }],
      ['name', (b) => { b.enterprise.name = 5; }],
      ['pilot_code', (b) => { b.enterprise.pilot_code = 'yes'; }],
      ['region_code', (b) => { b.enterprise.region_code = 330203; }],
      ['username', (b) => { b.user.username = ['a', 'b']; }],
      ['password', (b) => { b.user.password = { x: 1 }; }],
    ];
    for (const [field, mutate] of cases) {
      const b = regBody();
      mutate(b);
      const r = await anon.post('/enterprises/register', b);
      assert.ok([400, 422].includes(r.status), `${field}: ${show(r)}`);
      const err = expectError(r, r.status);
      assert.ok(namesField(err, field), `error must name "${field}": ${show(r)}`);
      const q = expectStatus(await admin.get(`/enterprises?q=${b.enterprise.credit_code}`), 200);
      assert.equal(q.body.total, 0, `nothing may be created (${field}): ${show(q)}`);
    }
    const r = await anon.post('/auth/login', { username: 5, password: 'x' });
    assert.ok([400, 422].includes(r.status), show(r));
    assert.ok(namesField(expectError(r, r.status), 'username'), show(r));
  });

  it('missing fields → 422 validation_failed with fields', async () => {
    const r = await anon.post('/enterprises/register', { enterprise: {}, user: {} });
    expectFields(r, ['name', 'credit_code', 'region_code', 'industry_code', 'contact_name', 'contact_phone', 'username', 'password']);
    const r2 = await admin.post('/users', {});
    expectFields(r2, ['username', 'role']);
  });

  it('body over the limit (2 MiB) → 413 (Content-Length and chunked)', async () => {
    const headers = { cookie: anon.cookieHeader(), 'x-csrf-token': anon.csrf };
    const big = JSON.stringify({ username: 'admin', password: 'a'.repeat(2 * 1024 * 1024) });
    const r = await rawRequest(server.port, { path: '/api/v1/auth/login', headers, body: big });
    assert.equal(r.status, 413, `Content-Length body: ${r.status} ${r.text.slice(0, 300)}`);
    if (r.text && /json/.test(r.headers['content-type'] || '')) {
      assert.equal(JSON.parse(r.text).error.code, 'payload_too_large');
    }
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const chunks = [Buffer.from('{"username":"admin","password":"'), ...Array(33).fill(chunk), Buffer.from('"}')];
    const r2 = await rawRequest(server.port, { path: '/api/v1/auth/login', headers, chunks });
    assert.equal(r2.status, 413, `chunked body: ${r2.status} ${r2.text.slice(0, 300)}`);
  });

  it('the server keeps serving after all of this', async () => {
    const r = expectStatus(await anon.get('/health'), 200);
    assert.equal(r.body.status, 'ok');
    // and can still do real work
    const c = new Api(server.base, 'registrant');
    await c.prepare();
    const reg = await c.post('/enterprises/register', { enterprise: enterpriseBody(), user: userBody({ password: makePassword(), username: `after_${suffix()}` }) });
    expectStatus(reg, 201);
  });
});
