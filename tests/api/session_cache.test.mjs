// Sessions are kept in memory per process (ServiceConfig::session_check_ms). A revocation —
// logout, password change, disabled account — is refused at once by the process that made it and
// within the configured bound by another process on the same database.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Api, startServer, expectStatus, adminClient, createUser, suffix, PG, registerEnterprise, makeCode, breakCheck } from './fixtures.mjs';

const BOUND_MS = 700;  // --session-check-ms of process B
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The same browser (cookies and CSRF token) talking to another process.
function sameBrowserOn(base, c) {
  const other = new Api(base, `${c.name}@B`);
  other.cookies = new Map(c.cookies);
  other.csrf = c.csrf;
  return other;
}

// A new user logged in through A (admin's process) whose session both A and B have cached.
async function userCachedOnBoth(admin, b, prefix) {
  const { user, client } = await createUser(admin, { username: `${prefix}_${suffix()}`, role: 'expert' });
  const onB = sameBrowserOn(b.base, client);
  for (const c of [client, onB]) {
    for (let i = 0; i < 3; i++) expectStatus(await c.get('/auth/me'), 200, `${c.name} before`);
  }
  return { user, onA: client, onB };
}

describe('session cache across two server processes', () => {
  let a, b, admin;
  before(async () => {
    // A trusts its memory for a minute: whatever it refuses at once, it refuses because its own
    // commit invalidated the cache, not because the entry aged.
    a = await startServer({ db: PG || undefined, extraArgs: ['--session-check-ms', '60000'] });
    b = await startServer({ dataDir: a.dataDir, db: PG || undefined,
                            extraArgs: ['--session-check-ms', String(BOUND_MS)] });
    admin = await adminClient(a, { db: PG || undefined });
  });
  after(async () => {
    await b?.stop();
    await a?.stop();
  });

  const userOnBoth = () => userCachedOnBoth(admin, b, 'sc');

  async function refusedWithin(c, ms) {
    const start = Date.now();
    for (;;) {
      const r = await c.get('/auth/me');
      if (r.status === 401) return Date.now() - start;
      assert.equal(r.status, 200, `unexpected ${r.status}`);
      if (Date.now() - start > ms) return Infinity;
      await sleep(50);
    }
  }

  it('logout through A: A refuses at once, B within the bound', async () => {
    const { onA, onB } = await userOnBoth();
    expectStatus(await onA.post('/auth/logout', {}), 204);
    // A: the cookie is gone from the client after logout; send the old one again.
    const replay = sameBrowserOn(a.base, onB);
    expectStatus(await replay.get('/auth/me'), 401, 'A right after the logout');
    const took = await refusedWithin(onB, BOUND_MS + 500);
    assert.ok(took <= BOUND_MS + 500, `B still accepted the session ${BOUND_MS + 500} ms after logout`);
  });

  it('user disabled through A: A refuses at once, B within the bound', async () => {
    const { user, onA, onB } = await userOnBoth();
    expectStatus(await admin.patch(`/users/${user.id}`, { disabled: true }), 200);
    expectStatus(await onA.get('/auth/me'), 401, 'A right after disabling');
    const took = await refusedWithin(onB, BOUND_MS + 500);
    assert.ok(took <= BOUND_MS + 500, `B still accepted a disabled user ${BOUND_MS + 500} ms later`);
  });

  it('password changed through B: B refuses the other sessions of the user at once', async () => {
    const { user, onA } = await userOnBoth();
    // A second session of the same user, logged in through B; the first stays cached on A.
    const second = new Api(b.base, 'second');
    await second.prepare();
    expectStatus(await second.post('/auth/login', { username: user.username, password: onA.password }), 200);
    const firstOnB = sameBrowserOn(b.base, onA);
    expectStatus(await firstOnB.get('/auth/me'), 200);
    const newPw = `N${suffix()}x9-${suffix()}`;
    expectStatus(await second.post('/auth/password', { old_password: onA.password, new_password: newPw }), 204);
    expectStatus(await firstOnB.get('/auth/me'), 401, 'B right after the password change');
    expectStatus(await second.get('/auth/me'), 200, 'the session that changed it stays');
  });
});

// SQLite: both processes map the database's change signal (store/change_signal.h), so another
// process's revocation or edit is seen by the very next request, whatever the session-check
// bound: here both trust their memory for a minute.
describe('answers kept across two processes on one SQLite database', { skip: PG ? 'SQLite only' : false }, () => {
  let a, b, admin;
  before(async () => {
    a = await startServer({ extraArgs: ['--session-check-ms', '60000'] });
    b = await startServer({ dataDir: a.dataDir, extraArgs: ['--session-check-ms', '60000'] });
    admin = await adminClient(a);
  });
  after(async () => {
    await b?.stop();
    await a?.stop();
  });

  const cachedOnBoth = () => userCachedOnBoth(admin, b, 'sx');

  it('logout through A: B refuses the next request', async () => {
    const { onA, onB } = await cachedOnBoth();
    expectStatus(await onA.post('/auth/logout', {}), 204);
    expectStatus(await onB.get('/auth/me'), 401, 'B right after the logout through A');
  });

  it('user disabled through A: B refuses the next request; renamed: B shows the new name', async () => {
    const first = await cachedOnBoth();
    const renamed = `改名${suffix()}`;
    expectStatus(await admin.patch(`/users/${first.user.id}`, { display_name: renamed }), 200);
    const me = expectStatus(await first.onB.get('/auth/me'), 200);
    assert.equal((me.body.user || me.body).display_name, renamed, 'B shows the name given through A');
    expectStatus(await admin.patch(`/users/${first.user.id}`, { disabled: true }), 200);
    expectStatus(await first.onB.get('/auth/me'), 401, 'B right after disabling through A');
  });

  it('an enterprise confirmed through A: its profile on B shows it at once', async () => {
    const code = breakCheck(makeCode('330203'));
    const pilot = await registerEnterprise(a.base, { region: '330203', code, pilot: true, username: `sxp_${suffix()}` });
    const onB = sameBrowserOn(b.base, pilot.client);
    for (let i = 0; i < 3; i++) {
      const mine = expectStatus(await onB.get('/enterprises/mine'), 200);
      assert.equal(mine.body.credit_code_status, 'pilot_unconfirmed');
    }
    const { client: county } = await createUser(admin, { username: `sxc_${suffix()}`, role: 'county_regulator', region_code: '330203' });
    expectStatus(await county.post(`/enterprises/${pilot.enterprise.id}/confirm-code`), 200);
    const mine = expectStatus(await onB.get('/enterprises/mine'), 200);
    assert.equal(mine.body.credit_code_status, 'pilot_confirmed', 'B right after the confirmation through A');
  });
});
