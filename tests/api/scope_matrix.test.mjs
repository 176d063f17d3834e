// The permission matrix: every route of docs/api.md × every role × own / other region.
//
// Rules this table encodes (from docs/api.md and DESIGN.md "never reveal whether a row of another
// region exists: prefer 404"):
//   - no session → 401 on every non-public route;
//   - a role that may never use a route → 403 (e.g. GET /enterprises for technical_body, expert,
//     enterprise; GET /users list for national_office; POST/PATCH /users and reset-password for
//     everyone but admin; confirm-code for national_office, technical_body, expert, enterprise;
//     the audit routes for technical_body and expert; /enterprises/mine for non-enterprise roles);
//   - a role that may use a route but the row is outside its scope → 404. This includes
//     GET /enterprises/{id} for technical_body / expert (their enterprise scope is empty → 404) and
//     GET /users/{id} for any non-admin who is neither the user nor a regulator above the user's
//     region (national_office is not listed for the users routes → only itself).
//   - enterprise users belong to their enterprise's region for the users routes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Api, startServer, expectStatus, expectError, show, adminClient, createUser, registerEnterprise,
  makeCode, breakCheck, makePassword, suffix, listAll, findAudit, sameId, inSubtree, loginAs,
  getBinary, xlsxText,
} from './fixtures.mjs';

const S = suffix(); // prefix of every username of this run (q=S finds them)
let server;
const A = {};  // actor name → logged-in Api client (anon: no session, with pre-session CSRF token)
const U = {};  // actor name → User
const E = {};  // enterprise key → Enterprise
const users = []; // {username, region, id}: every user created by this file
let victim;    // target of reset-password
const rows = {}; // audit rows used as targets

// Columns of every table row, in this order.
const ACTORS = ['anon', 'admin', 'national', 'county_hs', 'county_jb', 'city_nb', 'city_hz', 'prov_zj', 'prov_hn', 'technical', 'expert', 'ent_hs', 'ent_jb'];
// The region each regulator is bound to.
const ROOT = { county_hs: '330203', county_jb: '330205', city_nb: '330200', city_hz: '330100', prov_zj: '330000', prov_hn: '460000' };
const ERROR_CODE = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

// Whether a GB/T 2260 region lies in the subtree of root (county / city / province by trailing zeros).
function within(region, root) {
  if (!region) return false;
  if (root.endsWith('0000')) return region.slice(0, 2) === root.slice(0, 2);
  if (root.endsWith('00')) return region.slice(0, 4) === root.slice(0, 4);
  return region === root;
}
const noSecrets = (obj) => {
  for (const k of Object.keys(obj)) assert.ok(!/pass|hash|secret|salt/i.test(k) || k === 'must_change_password', `leaks ${k}`);
};

before(async () => {
  server = await startServer();
  A.admin = await adminClient(server);
  U.admin = A.admin.user;
  A.anon = new Api(server.base, 'anon');
  await A.anon.prepare();
  const defs = {
    county_hs: { role: 'county_regulator', region_code: '330203' },
    county_jb: { role: 'county_regulator', region_code: '330205' },
    city_nb: { role: 'city_regulator', region_code: '330200' },
    city_hz: { role: 'city_regulator', region_code: '330100' },
    prov_zj: { role: 'province_regulator', region_code: '330000' },
    prov_hn: { role: 'province_regulator', region_code: '460000' },
    national: { role: 'national_office' },
    technical: { role: 'technical_body' },
    expert: { role: 'expert' },
  };
  for (const [name, d] of Object.entries(defs)) {
    const u = await createUser(A.admin, { ...d, username: `${S}_${name}`, name });
    A[name] = u.client;
    U[name] = u.user;
    users.push({ username: u.user.username, region: d.region_code || null, id: u.user.id });
  }
  const v = await createUser(A.admin, { role: 'county_regulator', region_code: '330203', username: `${S}_victim`, login: false });
  victim = { ...v.user, password: v.password };
  users.push({ username: victim.username, region: '330203', id: victim.id });

  const reg = async (key, region, o = {}) => {
    const r = await registerEnterprise(server.base, { region, username: `${S}_${key}`, name: `${S}${key}测试有限公司`, actor: key, ...o });
    E[key] = r.enterprise;
    users.push({ username: r.username, region, id: r.user.id });
    return r;
  };
  const hs = await reg('ent_hs', '330203');
  A.ent_hs = hs.client;
  U.ent_hs = hs.user;
  const jb = await reg('ent_jb', '330205');
  A.ent_jb = jb.client;
  U.ent_jb = jb.user;
  await reg('hs2', '330203');
  for (const p of ['p1', 'p2', 'p3', 'p4']) {
    const r = await reg(p, '330203', { code: breakCheck(makeCode('330203')), pilot: true });
    if (p === 'p1') A.ent_p1 = r.client;
  }
  await reg('p5', '330205', { code: breakCheck(makeCode('330205')), pilot: true });
  for (const k of ['p1', 'p2', 'p3', 'p4', 'p5']) assert.equal(E[k].credit_code_status, 'pilot_unconfirmed');

  // Audit rows used as targets.
  const regRow = (ent) => findAudit(A.admin, (a) => sameId(a.entity_id, ent.id) && /enterprise/i.test(a.entity));
  rows.hs = await regRow(E.ent_hs);
  rows.jb = await regRow(E.ent_jb);
  rows.national = await findAudit(A.admin, (a) => sameId(a.entity_id, U.national.id) && /user/i.test(a.entity));
  assert.ok(rows.hs && rows.jb, 'audit rows for the registrations of ent_hs / ent_jb');
  assert.ok(rows.national, 'audit row for the creation of the national_office user');
});

after(async () => {
  if (server) {
    await server.stop();
    server.cleanup();
  }
});

// Runs one table row: each actor's request as a subtest named "<route> as <actor> → <status>".
// expect: array aligned with ACTORS (null = cell not applicable), or [[actor, status, req?], ...].
async function runRow(t, { route, req, expect, ok }) {
  const cells = Array.isArray(expect[0]) ? expect : ACTORS.map((a, i) => [a, expect[i]]);
  assert.ok(Array.isArray(expect[0]) || expect.length === ACTORS.length, `${route}: row has ${expect.length} cells`);
  for (const [actor, status, ownReq, label] of cells) {
    if (status === null || status === undefined) continue;
    await t.test(`${route} as ${actor}${label ? ' on ' + label : ''} → ${status}`, async () => {
      const client = A[actor];
      assert.ok(client, `actor ${actor} not set up`);
      const r = await (ownReq || req)(client, actor);
      expectStatus(r, status, `${route} as ${actor}`);
      if (status >= 400) expectError(r, status, ERROR_CODE[status]);
      else if (ok) await ok(r, actor);
    });
  }
}
const matrix = (row) => it(row.route, async (t) => runRow(t, row));

// ------------------------------------------------------------------ enterprises
describe('enterprises', () => {
  const ALL = () => Object.values(E).map((e) => String(e.id)).sort();
  const visibleTo = (actor) => {
    if (['admin', 'national'].includes(actor)) return ALL();
    return Object.values(E).filter((e) => within(e.region_code, ROOT[actor])).map((e) => String(e.id)).sort();
  };

  //                                               anon adm  nat  c_hs c_jb nb   hz   zj   hn   tech exp  e_hs e_jb
  matrix({ route: 'GET /enterprises/{海曙 ent}', expect: [401, 200, 200, 200, 404, 200, 404, 200, 404, 404, 404, 200, 404],
    req: (c) => c.get(`/enterprises/${E.ent_hs.id}`),
    ok: (r) => { assert.ok(sameId(r.body.id, E.ent_hs.id), show(r)); assert.equal(r.body.credit_code, E.ent_hs.credit_code); } });
  matrix({ route: 'GET /enterprises/{江北 ent}', expect: [401, 200, 200, 404, 200, 200, 404, 200, 404, 404, 404, 404, 200],
    req: (c) => c.get(`/enterprises/${E.ent_jb.id}`),
    ok: (r) => assert.ok(sameId(r.body.id, E.ent_jb.id), show(r)) });
  matrix({ route: 'GET /enterprises/{no such id}', expect: [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    req: (c) => c.get('/enterprises/987654321') });
  matrix({ route: 'GET /enterprises', expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    req: (c) => c.get('/enterprises?page_size=200'),
    ok: (r, actor) => {
      const got = r.body.items.map((e) => String(e.id)).sort();
      assert.deepEqual(got, visibleTo(actor), `ids visible to ${actor}: ${show(r)}`);
      assert.equal(r.body.total, got.length, `total must count only rows in scope: ${show(r)}`);
      assert.equal(r.body.page, 1);
      assert.equal(r.body.page_size, 200);
    } });
  matrix({ route: 'GET /enterprises?region_code=330205 (江北 filter)', expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    req: (c) => c.get('/enterprises?region_code=330205&page_size=200'),
    ok: (r, actor) => {
      const got = r.body.items.map((e) => String(e.id)).sort();
      const want = visibleTo(actor).filter((id) => Object.values(E).find((e) => String(e.id) === id).region_code === '330205');
      assert.deepEqual(got, want, `a filter outside the scope must give nothing: ${show(r)}`);
      assert.equal(r.body.total, want.length, show(r));
    } });
  matrix({ route: 'GET /enterprises?q=<海曙 credit code>', expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    req: (c) => c.get(`/enterprises?q=${E.ent_hs.credit_code}`),
    ok: (r, actor) => {
      const want = visibleTo(actor).includes(String(E.ent_hs.id)) ? 1 : 0;
      assert.equal(r.body.items.length, want, show(r));
      assert.equal(r.body.total, want, show(r));
    } });
  matrix({ route: 'GET /enterprises/export.xlsx', expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    req: (c) => getBinary(c, '/enterprises/export.xlsx'),
    ok: (r, actor) => {
      const text = xlsxText(r);
      const visible = visibleTo(actor);
      for (const e of Object.values(E)) {
        assert.equal(text.includes(e.credit_code), visible.includes(String(e.id)), `${actor} export and ${e.credit_code} (${e.region_code})`);
      }
    } });
  matrix({ route: 'GET /enterprises/mine', expect: [401, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200],
    req: (c) => c.get('/enterprises/mine'),
    ok: (r, actor) => assert.ok(sameId(r.body.id, E[actor].id), show(r)) });
});

// ------------------------------------------------------------------ users
describe('users', () => {
  const visibleUsers = (actor) => {
    if (actor === 'admin') return users.map((u) => u.username).sort();
    return users.filter((u) => within(u.region, ROOT[actor])).map((u) => u.username).sort();
  };
  const userOk = (target) => (r) => {
    assert.ok(sameId(r.body.id, U[target]?.id ?? target), show(r));
    noSecrets(r.body);
  };

  //                                               anon adm  nat  c_hs c_jb nb   hz   zj   hn   tech exp  e_hs e_jb
  matrix({ route: 'GET /users/{county 江北}', expect: [401, 200, 404, 404, 200, 200, 404, 200, 404, 404, 404, 404, 404],
    req: (c) => c.get(`/users/${U.county_jb.id}`), ok: userOk('county_jb') });
  matrix({ route: 'GET /users/{enterprise user 海曙}', expect: [401, 200, 404, 200, 404, 200, 404, 200, 404, 404, 404, 200, 404],
    req: (c) => c.get(`/users/${U.ent_hs.id}`), ok: userOk('ent_hs') });
  matrix({ route: 'GET /users/{city 宁波}', expect: [401, 200, 404, 404, 404, 200, 404, 200, 404, 404, 404, 404, 404],
    req: (c) => c.get(`/users/${U.city_nb.id}`), ok: userOk('city_nb') });
  matrix({ route: 'GET /users/{province 海南}', expect: [401, 200, 404, 404, 404, 404, 404, 404, 200, 404, 404, 404, 404],
    req: (c) => c.get(`/users/${U.prov_hn.id}`), ok: userOk('prov_hn') });
  matrix({ route: 'GET /users/{national_office}', expect: [401, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    req: (c) => c.get(`/users/${U.national.id}`), ok: userOk('national') });
  matrix({ route: 'GET /users/{technical_body}', expect: [401, 200, 404, 404, 404, 404, 404, 404, 404, 200, 404, 404, 404],
    req: (c) => c.get(`/users/${U.technical.id}`), ok: userOk('technical') });
  matrix({ route: 'GET /users/{no such id}', expect: [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    req: (c) => c.get('/users/987654321') });
  matrix({ route: 'GET /users?q=<run prefix>', expect: [401, 200, 403, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    req: (c) => c.get(`/users?q=${S}&page_size=200`),
    ok: (r, actor) => {
      const got = r.body.items.map((u) => u.username).sort();
      assert.deepEqual(got, visibleUsers(actor), `users visible to ${actor}: ${show(r)}`);
      assert.equal(r.body.total, got.length, show(r));
      r.body.items.forEach(noSecrets);
    } });
  matrix({ route: 'GET /users?region_code=330205', expect: [401, 200, 403, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    req: (c) => c.get(`/users?q=${S}&region_code=330205&page_size=200`),
    ok: (r, actor) => {
      const got = r.body.items.map((u) => u.username).sort();
      const want = visibleUsers(actor).filter((n) => users.find((u) => u.username === n).region === '330205');
      assert.deepEqual(got, want, show(r));
    } });
  matrix({ route: 'GET /users/export.xlsx?q=<run prefix>', expect: [401, 200, 403, 200, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    req: (c) => getBinary(c, `/users/export.xlsx?q=${S}`),
    ok: (r, actor) => {
      const text = xlsxText(r);
      const visible = visibleUsers(actor);
      for (const u of users) assert.equal(text.includes(u.username), visible.includes(u.username), `${actor} export and ${u.username}`);
    } });
  matrix({ route: 'POST /users', expect: [401, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
    req: (c, actor) => c.post('/users', { username: `${S}_new_${actor}`, display_name: 'new', role: 'county_regulator', region_code: '330203', password: makePassword() }),
    ok: (r) => { assert.equal(r.body.user.username, `${S}_new_admin`, show(r)); noSecrets(r.body.user); } });
  it('POST /users: only the administrator created a user', async () => {
    const r = expectStatus(await A.admin.get(`/users?q=${S}_new_&page_size=200`), 200);
    assert.deepEqual(r.body.items.map((u) => u.username), [`${S}_new_admin`], show(r));
  });
  matrix({ route: 'PATCH /users/{enterprise user 海曙}', expect: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
    req: (c, actor) => c.patch(`/users/${U.ent_hs.id}`, { display_name: `changed by ${actor}` }),
    ok: (r) => assert.equal(r.body.display_name, 'changed by admin', show(r)) });
  matrix({ route: 'PATCH /users/{county 江北} disabled', expect: [401, null, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
    req: (c) => c.patch(`/users/${U.county_jb.id}`, { disabled: true }) });
  it('PATCH /users: only the administrator changed anything', async () => {
    const r = expectStatus(await A.admin.get(`/users/${U.ent_hs.id}`), 200);
    assert.equal(r.body.display_name, 'changed by admin');
    const jb = expectStatus(await A.admin.get(`/users/${U.county_jb.id}`), 200);
    assert.equal(jb.body.disabled, false);
    expectStatus(await A.county_jb.get('/auth/me'), 200);
  });
  matrix({ route: 'POST /users/{victim}/reset-password', expect: [401, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
    req: (c) => c.post(`/users/${victim.id}/reset-password`),
    ok: async (r) => {
      assert.equal(typeof r.body.password, 'string', show(r));
      const c = await loginAs(server.base, victim.username, r.body.password);
      assert.equal(c.user.must_change_password, true);
    } });
});

// ------------------------------------------------------------------ confirm-code
describe('POST /enterprises/{id}/confirm-code', () => {
  const confirm = (key) => (c) => c.post(`/enterprises/${E[key].id}/confirm-code`);
  const status = async (key) => expectStatus(await A.admin.get(`/enterprises/${E[key].id}`), 200).body.credit_code_status;

  //                                                         anon adm   nat  c_hs  c_jb nb    hz   zj    hn   tech exp  e_hs e_jb
  matrix({ route: 'POST confirm-code {海曙 pilot p1} denied', expect: [401, null, 403, null, 404, null, 404, null, 404, 403, 403, 403, 403],
    req: confirm('p1') });
  matrix({ route: 'POST confirm-code {江北 pilot p5} denied', expect: [null, null, null, 404, null, null, 404, null, 404, null, null, null, null],
    req: confirm('p5') });
  it('denied confirmations changed nothing', async () => {
    for (const k of ['p1', 'p2', 'p3', 'p4', 'p5']) assert.equal(await status(k), 'pilot_unconfirmed', k);
  });
  matrix({ route: 'POST confirm-code: permitted actors', expect: [
    ['ent_p1', 403, confirm('p1'), 'its own pilot p1'], // the enterprise itself may not confirm
    ['county_hs', 200, confirm('p1'), '海曙 p1'],
    ['city_nb', 200, confirm('p2'), '海曙 p2'],
    ['prov_zj', 200, confirm('p3'), '海曙 p3'],
    ['admin', 200, confirm('p4'), '海曙 p4'],
    ['county_jb', 200, confirm('p5'), '江北 p5'],
    ['county_hs', 409, confirm('p1'), 'p1 again (already confirmed)'],
    ['county_hs', 409, confirm('ent_hs'), 'a valid code'],
    ['county_hs', 404, (c) => c.post('/enterprises/987654321/confirm-code'), 'no such id'],
  ] });
  it('permitted confirmations took effect', async () => {
    for (const k of ['p1', 'p2', 'p3', 'p4', 'p5']) assert.equal(await status(k), 'pilot_confirmed', k);
    assert.equal(await status('ent_hs'), 'valid');
  });
});

// ------------------------------------------------------------------ audit
describe('audit', () => {
  const me = (actor) => U[actor];
  const auditOk = async (r, actor) => {
    const all = await listAll(A[actor], '/audit');
    assert.ok(all.length >= r.body.items.length);
    assert.equal(r.body.total, all.length, `total must count only rows in scope (${actor})`);
    const has = (row) => all.some((a) => sameId(a.id, row.id));
    if (['admin', 'national'].includes(actor)) {
      assert.ok(has(rows.hs) && has(rows.jb) && has(rows.national), `${actor} sees every row`);
      return;
    }
    if (ROOT[actor]) {
      for (const a of all) {
        assert.ok(await inSubtree(server.base, a.region_code, ROOT[actor]), `${actor} sees row outside ${ROOT[actor]}: ${JSON.stringify(a)}`);
      }
      assert.equal(has(rows.hs), within('330203', ROOT[actor]), `${actor} and the 海曙 registration row`);
      assert.equal(has(rows.jb), within('330205', ROOT[actor]), `${actor} and the 江北 registration row`);
      assert.equal(has(rows.national), false);
      return;
    }
    // enterprise users: own rows only
    const ent = E[actor];
    for (const a of all) {
      const own = sameId(a.actor_id, me(actor).id)
        || (/enterprise/i.test(a.entity) && sameId(a.entity_id, ent.id))
        || (/user/i.test(a.entity) && sameId(a.entity_id, me(actor).id));
      assert.ok(own, `${actor} sees a row that is not its own: ${JSON.stringify(a)}`);
    }
    assert.equal(has(actor === 'ent_hs' ? rows.hs : rows.jb), true, `${actor} sees its registration row`);
    assert.equal(has(actor === 'ent_hs' ? rows.jb : rows.hs), false);
  };
  const rowOk = (key) => (r) => {
    assert.ok(sameId(r.body.id, rows[key].id), show(r));
    assert.ok('before' in r.body && 'after' in r.body, show(r));
  };

  it('setup: the row about the national_office user has no region', () => {
    assert.ok(rows.national.region_code === null || rows.national.region_code === undefined || rows.national.region_code === '',
      `expected no region: ${JSON.stringify(rows.national)}`);
    assert.equal(rows.hs.region_code, '330203');
    assert.equal(rows.jb.region_code, '330205');
  });
  //                                               anon adm  nat  c_hs c_jb nb   hz   zj   hn   tech exp  e_hs e_jb
  matrix({ route: 'GET /audit', expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 200, 200],
    req: (c) => c.get('/audit?page_size=200'), ok: auditOk });
  matrix({ route: 'GET /audit/export.xlsx', expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 200, 200],
    req: (c) => getBinary(c, '/audit/export.xlsx'),
    ok: (r, actor) => {
      const text = xlsxText(r);
      // the registration rows name the enterprise in their summary
      const sees = (region, own) => ['admin', 'national'].includes(actor) || (ROOT[actor] ? within(region, ROOT[actor]) : actor === own);
      assert.equal(text.includes(E.ent_hs.name), sees('330203', 'ent_hs'), `${actor} export and the 海曙 registration (${E.ent_hs.name})`);
      assert.equal(text.includes(E.ent_jb.name), sees('330205', 'ent_jb'), `${actor} export and the 江北 registration (${E.ent_jb.name})`);
    } });
  matrix({ route: 'GET /audit/{海曙 registration}', expect: [401, 200, 200, 200, 404, 200, 404, 200, 404, 403, 403, 200, 404],
    req: (c) => c.get(`/audit/${rows.hs.id}`), ok: rowOk('hs') });
  matrix({ route: 'GET /audit/{江北 registration}', expect: [401, 200, 200, 404, 200, 200, 404, 200, 404, 403, 403, 404, 200],
    req: (c) => c.get(`/audit/${rows.jb.id}`), ok: rowOk('jb') });
  matrix({ route: 'GET /audit/{row without region}', expect: [401, 200, 200, 404, 404, 404, 404, 404, 404, 403, 403, 404, 404],
    req: (c) => c.get(`/audit/${rows.national.id}`), ok: rowOk('national') });
  matrix({ route: 'GET /audit/{no such id}', expect: [401, 404, 404, 404, 404, 404, 404, 404, 404, 403, 403, 404, 404],
    req: (c) => c.get('/audit/987654321') });
  matrix({ route: 'GET /audit?entity=enterprise', expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 200, 200],
    req: (c) => c.get('/audit?entity=enterprise&page_size=200'),
    ok: async (r, actor) => {
      for (const a of r.body.items) {
        if (ROOT[actor]) assert.ok(await inSubtree(server.base, a.region_code, ROOT[actor]), `${actor}: ${JSON.stringify(a)}`);
        if (actor.startsWith('ent_')) assert.ok(!sameId(a.entity_id, E[actor === 'ent_hs' ? 'ent_jb' : 'ent_hs'].id) || !/enterprise/i.test(a.entity), JSON.stringify(a));
      }
    } });
  matrix({ route: 'GET /audit?actor=<county 海曙>', expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 403, 403, 200, 200],
    req: (c) => c.get(`/audit?actor=${U.county_hs.id}&page_size=200`),
    ok: async (r, actor) => {
      for (const a of r.body.items) {
        assert.ok(sameId(a.actor_id, U.county_hs.id), `actor filter: ${JSON.stringify(a)}`);
        if (ROOT[actor]) assert.ok(await inSubtree(server.base, a.region_code, ROOT[actor]), `${actor}: ${JSON.stringify(a)}`);
      }
      // county_hs confirmed p1 (海曙): visible to admin, national, 海曙/宁波/浙江 regulators
      const sees = ['admin', 'national'].includes(actor) || (ROOT[actor] && within('330203', ROOT[actor]));
      if (sees) assert.ok(r.body.items.some((a) => sameId(a.entity_id, E.p1.id)), `${actor} should see the confirmation of p1: ${show(r)}`);
    } });
});

// ------------------------------------------------------------------ session and public routes
describe('session and public routes', () => {
  //                                   anon adm  nat  c_hs c_jb nb   hz   zj   hn   tech exp  e_hs e_jb
  matrix({ route: 'GET /auth/me', expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    req: (c) => c.get('/auth/me'),
    ok: (r, actor) => { assert.equal(r.body.user.username, U[actor].username); assert.equal(typeof r.body.csrf_token, 'string'); noSecrets(r.body.user); } });
  matrix({ route: 'POST /auth/logout without session', expect: [401, null, null, null, null, null, null, null, null, null, null, null, null],
    req: (c) => c.post('/auth/logout') });
  matrix({ route: 'POST /auth/password without session', expect: [401, null, null, null, null, null, null, null, null, null, null, null, null],
    req: (c) => c.post('/auth/password', { old_password: 'x', new_password: makePassword() }) });
  const everyone200 = ACTORS.map(() => 200);
  for (const url of ['/health', '/tools/credit-code?code=91310110666007217T', '/regions', '/regions?parent=330200', '/regions/330203', '/industries', '/auth/csrf']) {
    matrix({ route: `GET ${url}`, expect: everyone200, req: (c) => c.get(url) });
  }
});
