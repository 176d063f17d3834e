// Sessions, CSRF, throttling, passwords (docs/api.md: /auth/*, /users/{id}/reset-password).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  Api, startServer, cli, expectStatus, expectError, expectFields, show, loginAs, adminClient,
  createUser, enterpriseBody, userBody, makePassword, suffix, listAll,
} from './fixtures.mjs';

let server;
let admin;
const S = suffix();
const secrets = new Set(); // every password used in this file; none may appear in the audit log

before(async () => {
  server = await startServer();
  admin = await adminClient(server);
  secrets.add(admin.password);
});

after(async () => {
  if (server) {
    await server.stop();
    server.cleanup();
  }
});

function sessionCookieLine(r) {
  return (r.headers.getSetCookie?.() || []).find((l) => l.startsWith('duibiao_session='));
}

describe('login', () => {
  it('succeeds with the right password, sets a HttpOnly SameSite=Lax session cookie', async () => {
    const c = new Api(server.base, 'admin2');
    await c.prepare();
    const r = expectStatus(await c.post('/auth/login', { username: 'admin', password: server.adminPassword }), 200);
    assert.equal(r.body.user.username, 'admin');
    assert.equal(r.body.user.role, 'admin');
    assert.equal(typeof r.body.csrf_token, 'string');
    assert.ok(r.body.csrf_token.length >= 16, 'csrf token too short');
    for (const k of Object.keys(r.body.user)) assert.ok(!/pass|hash|secret/i.test(k) || k === 'must_change_password', `user leaks ${k}`);
    const line = sessionCookieLine(r);
    assert.ok(line, `no duibiao_session cookie: ${JSON.stringify(r.headers.getSetCookie())}`);
    assert.match(line, /;\s*HttpOnly/i, line);
    assert.match(line, /;\s*SameSite=Lax/i, line);
    const me = expectStatus(await c.get('/auth/me'), 200);
    assert.equal(me.body.user.username, 'admin');
    assert.equal(me.body.csrf_token, r.body.csrf_token, 'me returns the session csrf token');
    const csrf = expectStatus(await c.get('/auth/csrf'), 200);
    assert.equal(csrf.body.csrf_token, r.body.csrf_token, '/auth/csrf with a session returns the session token');
  });

  it('wrong password → 401 with a message that does not reveal whether the user exists', async () => {
    const c = new Api(server.base);
    await c.prepare();
    const wrong = `Wrong${suffix()}1`;
    secrets.add(wrong);
    const a = await c.post('/auth/login', { username: 'admin', password: wrong });
    const ea = expectError(a, 401, 'unauthenticated');
    const b = await c.post('/auth/login', { username: `ghost_${S}`, password: wrong });
    const eb = expectError(b, 401, 'unauthenticated');
    assert.equal(ea.message, eb.message, 'same message for unknown user and wrong password');
    assert.ok(!ea.message.includes('admin') && !eb.message.includes(`ghost_${S}`), 'message must not echo the user name');
    assert.ok(!sessionCookieLine(a) && !sessionCookieLine(b), 'no session cookie on failure');
  });

  it('/auth/me without session → 401', async () => {
    expectError(await new Api(server.base).get('/auth/me'), 401, 'unauthenticated');
    const bogus = new Api(server.base);
    bogus.cookies.set('duibiao_session', 'not-a-real-session-token');
    expectError(await bogus.get('/auth/me'), 401, 'unauthenticated');
  });

  it('logout → 204 and the old cookie no longer works', async () => {
    const c = await loginAs(server.base, 'admin', server.adminPassword, 'admin3');
    const old = c.cookies.get('duibiao_session');
    assert.ok(old);
    expectStatus(await c.post('/auth/logout'), 204);
    expectError(await c.get('/auth/me'), 401, 'unauthenticated');
    const replay = new Api(server.base, 'replay');
    replay.cookies.set('duibiao_session', old);
    expectError(await replay.get('/auth/me'), 401, 'unauthenticated');
    expectError(await replay.get('/users'), 401, 'unauthenticated');
    const admin = await loginAs(server.base, 'admin', server.adminPassword, 'admin3b');
    const audit = expectStatus(await admin.get('/audit?entity=session'), 200);
    assert.ok(audit.body.items.some((row) => row.action === 'logout'), 'the logout is in the audit log');
  });

  it('CLI `admin create --password-stdin` makes an administrator who can log in (trailing newline stripped)', async () => {
    const username = `cliadmin_${S}`;
    const password = makePassword();
    secrets.add(password);
    cli(['admin', 'create', '--data', server.dataDir, '--username', username, '--password-stdin'], { input: password + '\n' });
    const c = await loginAs(server.base, username, password);
    assert.equal(c.user.role, 'admin');
  });
});

describe('CSRF', () => {
  const newUserBody = (tag) => ({ username: `csrf_${tag}_${S}`, display_name: 'x', role: 'expert', password: makePassword() });
  const userCount = async (username) => expectStatus(await admin.get(`/users?q=${username}`), 200).body.items.filter((u) => u.username === username).length;

  it('POST with a session but without X-CSRF-Token → 403 csrf_failed, nothing written', async () => {
    const b = newUserBody('none');
    expectError(await admin.post('/users', b, { csrf: false }), 403, 'csrf_failed');
    assert.equal(await userCount(b.username), 0);
  });

  it('wrong token → 403, nothing written', async () => {
    const b = newUserBody('wrong');
    expectError(await admin.post('/users', b, { csrf: false, headers: { 'x-csrf-token': 'wrong-token' } }), 403, 'csrf_failed');
    assert.equal(await userCount(b.username), 0);
    const pre = new Api(server.base);
    await pre.prepare();
    // a pre-session token is not the session's token
    expectError(await admin.post('/users', b, { csrf: false, headers: { 'x-csrf-token': pre.csrf } }), 403, 'csrf_failed');
    assert.equal(await userCount(b.username), 0);
  });

  it("another session's token → 403", async () => {
    const other = await loginAs(server.base, 'admin', server.adminPassword, 'other');
    assert.notEqual(other.csrf, admin.csrf);
    const b = newUserBody('other');
    expectError(await admin.post('/users', b, { csrf: false, headers: { 'x-csrf-token': other.csrf } }), 403, 'csrf_failed');
    assert.equal(await userCount(b.username), 0);
  });

  it('PATCH and logout need the token too', async () => {
    const { user } = await createUser(admin, { username: `csrfpatch_${S}`, role: 'expert', login: false });
    expectError(await admin.patch(`/users/${user.id}`, { display_name: 'hacked' }, { csrf: false }), 403, 'csrf_failed');
    const u = expectStatus(await admin.get(`/users/${user.id}`), 200);
    assert.notEqual(u.body.display_name, 'hacked');
    const c = await loginAs(server.base, 'admin', server.adminPassword, 'admin4');
    expectError(await c.post('/auth/logout', undefined, { csrf: false }), 403, 'csrf_failed');
    expectStatus(await c.get('/auth/me'), 200, 'session must survive a logout without token');
  });

  it('login and registration without the double-submit token → 403', async () => {
    const c = new Api(server.base);
    const r = await c.post('/auth/login', { username: 'admin', password: server.adminPassword });
    expectError(r, 403, 'csrf_failed');
    assert.ok(!sessionCookieLine(r), 'no session without csrf');
    await c.prepare();
    expectError(await c.post('/auth/login', { username: 'admin', password: server.adminPassword }, { csrf: false, headers: { 'x-csrf-token': 'x' + c.csrf } }), 403, 'csrf_failed');
    const ent = enterpriseBody({ region: '330203' });
    const ub = userBody();
    secrets.add(ub.password);
    expectError(await c.post('/enterprises/register', { enterprise: ent, user: ub }, { csrf: false }), 403, 'csrf_failed');
    const q = expectStatus(await admin.get(`/enterprises?q=${ent.credit_code}`), 200);
    assert.equal(q.body.total, 0, show(q));
    // header without the cookie (cookie jar emptied) → 403
    const token = c.csrf;
    c.cookies.clear();
    expectError(await c.post('/auth/login', { username: 'admin', password: server.adminPassword }, { csrf: false, headers: { 'x-csrf-token': token } }), 403, 'csrf_failed');
  });
});

describe('passwords', () => {
  let u; // {user, password, client}

  before(async () => {
    u = await createUser(admin, { username: `pw_${S}`, role: 'expert' });
    secrets.add(u.password).add(u.initialPassword);
  });

  it('wrong old password → 422 naming old_password; nothing changed', async () => {
    const wrongOld = makePassword();
    const newPw = makePassword();
    secrets.add(wrongOld).add(newPw);
    const r = await u.client.post('/auth/password', { old_password: wrongOld, new_password: newPw });
    expectFields(r, ['old_password']);
    await loginAs(server.base, u.user.username, u.password);
  });

  it('weak new password → 422 naming new_password', async () => {
    for (const weak of ['short1', 'onlyletterslong', '12345678901234', '']) {
      const r = await u.client.post('/auth/password', { old_password: u.password, new_password: weak });
      expectFields(r, ['new_password']);
    }
    await loginAs(server.base, u.user.username, u.password);
  });

  it('success → 204, the old password stops working, the new one works', async () => {
    const newPw = makePassword();
    secrets.add(newPw);
    expectStatus(await u.client.post('/auth/password', { old_password: u.password, new_password: newPw }), 204);
    const c = new Api(server.base);
    await c.prepare();
    expectError(await c.post('/auth/login', { username: u.user.username, password: u.password }), 401, 'unauthenticated');
    const ok = await loginAs(server.base, u.user.username, newPw);
    assert.equal(ok.user.must_change_password, false);
    u.password = newPw;
  });

  it('admin reset-password returns a new password once; the user must change it', async () => {
    const r = expectStatus(await admin.post(`/users/${u.user.id}/reset-password`), 200);
    const pw = r.body.password;
    assert.equal(typeof pw, 'string', show(r));
    assert.ok(pw.length >= 10, `generated password too short: ${pw.length}`);
    secrets.add(pw);
    const c = new Api(server.base);
    await c.prepare();
    expectError(await c.post('/auth/login', { username: u.user.username, password: u.password }), 401, 'unauthenticated');
    const fresh = await loginAs(server.base, u.user.username, pw);
    assert.equal(fresh.user.must_change_password, true);
    const again = expectStatus(await admin.get(`/users/${u.user.id}`), 200);
    assert.ok(!JSON.stringify(again.body).includes(pw), 'password shown only once');
    const mine = makePassword();
    secrets.add(mine);
    expectStatus(await fresh.post('/auth/password', { old_password: pw, new_password: mine }), 204);
    const after = await loginAs(server.base, u.user.username, mine);
    assert.equal(after.user.must_change_password, false);
  });

  it('POST /users without a password generates one, shown once', async () => {
    const r = expectStatus(await admin.post('/users', { username: `gen_${S}`, display_name: 'gen', role: 'expert' }), 201);
    assert.equal(typeof r.body.password, 'string', show(r));
    assert.ok(r.body.password.length >= 10);
    secrets.add(r.body.password);
    const c = await loginAs(server.base, `gen_${S}`, r.body.password);
    assert.equal(c.user.username, `gen_${S}`);
  });

  it('a disabled user cannot log in and loses its session; re-enabled it can', async () => {
    const d = await createUser(admin, { username: `dis_${S}`, role: 'expert' });
    secrets.add(d.password).add(d.initialPassword);
    const r = expectStatus(await admin.patch(`/users/${d.user.id}`, { disabled: true }), 200);
    assert.equal(r.body.disabled, true, show(r));
    expectError(await d.client.get('/auth/me'), 401, 'unauthenticated');
    const c = new Api(server.base);
    await c.prepare();
    expectError(await c.post('/auth/login', { username: d.user.username, password: d.password }), 401, 'unauthenticated');
    expectStatus(await admin.patch(`/users/${d.user.id}`, { disabled: false }), 200);
    await loginAs(server.base, d.user.username, d.password);
  });

  it('passwords never appear in the audit log', async () => {
    const rows = await listAll(admin, '/audit');
    assert.ok(rows.length > 0, 'audit log should not be empty');
    let text = JSON.stringify(rows);
    for (const row of rows) {
      const r = expectStatus(await admin.get(`/audit/${row.id}`), 200);
      assert.ok('before' in r.body && 'after' in r.body, `audit row needs before/after: ${show(r)}`);
      text += r.text;
    }
    for (const s of secrets) assert.ok(!text.includes(s), `password found in the audit log: ${s}`);
    assert.ok(!/\$argon2/.test(text), 'password hash found in the audit log');
  });
});

describe('login throttling', () => {
  let srv;
  let adm;
  before(async () => {
    srv = await startServer();
    adm = await adminClient(srv);
  });
  after(async () => {
    if (srv) {
      await srv.stop();
      srv.cleanup();
    }
  });

  it('repeated failures for one account → 429 with Retry-After, even with the right password', async (t) => {
    const { user, password } = await createUser(adm, { username: `thr_${S}`, role: 'expert', login: false });
    const c = new Api(srv.base, 'attacker');
    await c.prepare();
    const statuses = [];
    for (let i = 0; i < 30; i++) {
      const r = await c.post('/auth/login', { username: user.username, password: `Bad${i}password9` });
      statuses.push(r.status);
      if (r.status === 429) break;
      expectError(r, 401, 'unauthenticated');
    }
    const first429 = statuses.indexOf(429);
    assert.ok(first429 >= 0, `no throttling after 30 failures: ${statuses.join(',')}`);
    assert.ok(first429 >= 3, `throttled too early (after ${first429} failures)`);
    t.diagnostic(`throttled after ${first429} failures`);
    const r = await c.post('/auth/login', { username: user.username, password });
    const err = expectError(r, 429, 'too_many_requests');
    assert.ok(err.message.length > 5, 'clear message');
    const ra = r.headers.get('retry-after');
    assert.ok(ra, `Retry-After missing: ${show(r)}`);
    const secs = /^\d+$/.test(ra) ? Number(ra) : (Date.parse(ra) - Date.now()) / 1000;
    assert.ok(secs > 0, `Retry-After must be in the future: ${ra}`);
    // a fresh client (new cookies) for the same account is throttled too
    const c2 = new Api(srv.base);
    await c2.prepare();
    expectError(await c2.post('/auth/login', { username: user.username, password }), 429, 'too_many_requests');
    // informational: does the per-address limit also block other accounts?
    const o = new Api(srv.base);
    await o.prepare();
    const other = await o.post('/auth/login', { username: adm.user.username, password: adm.password });
    t.diagnostic(`other account from the same address while throttled: ${other.status}`);
  });
});
