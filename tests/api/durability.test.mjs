// Durability: no acknowledged write is lost on kill -9; SIGTERM shuts down cleanly; backups serve.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  PG, Api, startServer, cli, expectStatus, show, adminClient, loginAs, enterpriseBody, userBody,
  registerEnterprise, listAll, suffix, sleep,
} from './fixtures.mjs';

const toStop = [];   // servers to stop at the end
const toClean = [];  // cleanup functions
after(async () => {
  for (const s of toStop) await s.stop('SIGKILL').catch(() => {});
  for (const f of toClean) f();
});

function withTimeout(p, ms, what) {
  return Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`${what}: no answer in ${ms} ms`)), ms))]);
}

// One registration from a fresh anonymous client. Returns {status, record} or throws on a network error.
async function registerOnce(base, region, tag) {
  const ent = enterpriseBody({ region });
  const usr = userBody({ username: `${tag}_${suffix(8)}` });
  const c = new Api(base, tag);
  await c.prepare();
  const r = await c.post('/enterprises/register', { enterprise: ent, user: usr });
  return { r, record: { code: ent.credit_code, username: usr.username, password: usr.password } };
}

describe('durability', () => {
  it('kill -9 in the middle of a registration stream loses no acknowledged registration', { timeout: 240000 }, async (t) => {
    const srv = await startServer();
    toStop.push(srv);
    toClean.push(() => srv.cleanup());
    const admin = await adminClient(srv);

    const acked = [];
    const unexpected = [];
    let killing = false;
    let sent = 0;
    const deadline = Date.now() + 3000;
    const worker = async (w) => {
      while (!killing && Date.now() < deadline && sent < 400) {
        sent++;
        try {
          const { r, record } = await registerOnce(srv.base, w % 2 ? '330203' : '330205', `k${w}`);
          if (r.status === 201) acked.push(record); // acknowledged: must survive, even if it arrived after the kill
          else if (!killing) unexpected.push(show(r));
        } catch (e) {
          if (!killing) unexpected.push(`worker ${w}: ${e.message}`);
          break;
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    const start = Date.now();
    // kill while the stream is running: after >= 1.5 s and >= 20 acknowledgements (at most 2.8 s)
    while (Date.now() - start < 2800 && (Date.now() - start < 1500 || acked.length < 20)) await sleep(10);
    killing = true;
    const sig = await srv.stop('SIGKILL');
    assert.equal(sig, 'SIGKILL');
    await Promise.all(workers);
    t.diagnostic(`sent ${sent}, acknowledged ${acked.length} before kill -9 at ${Date.now() - start} ms`);
    assert.deepEqual(unexpected, [], 'every registration before the kill should have been acknowledged with 201');
    assert.ok(acked.length > 0, 'no registration acknowledged before the kill');

    const srv2 = await startServer({ dataDir: srv.dataDir });
    toStop.push(srv2);
    assert.equal(srv2.adminPassword, null, 'a restart must not create a new administrator');
    const admin2 = await loginAs(srv2.base, admin.user.username, admin.password, 'admin');
    const items = await listAll(admin2, '/enterprises');
    const codes = new Set(items.map((e) => e.credit_code));
    const missing = acked.filter((a) => !codes.has(a.code)).map((a) => a.code);
    assert.deepEqual(missing, [], `acknowledged registrations lost after kill -9 (${missing.length} of ${acked.length})`);
    assert.equal(codes.size, items.length, 'no credit code twice');
    // the users of the last acknowledged registrations can log in (their user rows and password hashes survived)
    for (const a of acked.slice(-3)) await loginAs(srv2.base, a.username, a.password);
    // and the server works normally after recovery
    const { r } = await registerOnce(srv2.base, '330203', 'after');
    expectStatus(r, 201);
    await srv2.stop();
  });

  it('SIGTERM: answered requests were fine, the process exits 0, acknowledged writes persist', { timeout: 120000 }, async (t) => {
    const srv = await startServer();
    toStop.push(srv);
    toClean.push(() => srv.cleanup());
    const admin = await adminClient(srv);

    const results = [];
    const inflight = new Set();
    let stopping = false;
    let i = 0;
    const fire = () => {
      const n = i++;
      // phase = whether SIGTERM had been sent when the answer arrived
      const phase = () => (stopping ? 'after' : 'before');
      const p = (async () => {
        try {
          if (n % 2) {
            const r = await new Api(srv.base, 'stream').get('/health');
            results.push({ n, phase: phase(), status: r.status, text: r.text });
          } else {
            const { r, record } = await registerOnce(srv.base, '330212', 't');
            results.push({ n, phase: phase(), status: r.status, text: r.text, record });
          }
        } catch (e) {
          results.push({ n, phase: phase(), error: e.message });
        }
      })();
      inflight.add(p);
      p.finally(() => inflight.delete(p));
    };
    const timer = setInterval(fire, 40);
    await sleep(1000);
    // On a loaded machine registrations (argon2id) answer slowly: send SIGTERM once the stream is
    // seen running (at least 5 answers), not after a fixed time.
    for (let waited = 0; results.filter((r) => r.status).length < 5 && waited < 30000; waited += 100) await sleep(100);
    stopping = true;
    const exited = srv.stop('SIGTERM');
    await sleep(300);
    clearInterval(timer);
    const code = await withTimeout(exited, 20000, 'exit after SIGTERM');
    await Promise.allSettled([...inflight]);
    t.diagnostic(`requests: ${results.length}; answered before exit: ${results.filter((r) => r.status).length}; errors: ${results.filter((r) => r.error).length}`);
    assert.equal(code, 0, `exit code after SIGTERM\n${srv.output().slice(-2000)}`);
    const answeredBefore = results.filter((r) => r.phase === 'before' && r.status);
    assert.ok(answeredBefore.length >= 5, 'the stream was running');
    for (const r of results.filter((x) => x.status)) {
      const okStatuses = r.phase === 'before' ? [200, 201] : [200, 201, 503];
      assert.ok(okStatuses.includes(r.status), `request ${r.n} answered ${r.phase} SIGTERM with ${r.status}: ${r.text}`);
    }
    const acked = results.filter((r) => r.status === 201).map((r) => r.record);
    assert.ok(acked.length > 0);

    const srv2 = await startServer({ dataDir: srv.dataDir });
    toStop.push(srv2);
    const admin2 = await loginAs(srv2.base, admin.user.username, admin.password, 'admin');
    const codes = new Set((await listAll(admin2, '/enterprises')).map((e) => e.credit_code));
    const missing = acked.filter((a) => !codes.has(a.code)).map((a) => a.code);
    assert.deepEqual(missing, [], 'acknowledged registrations lost after SIGTERM');
    assert.equal(await srv2.stop('SIGTERM'), 0, 'an idle server exits 0 on SIGTERM');
  });

  it('`duibiao backup FILE` writes a SQLite file that a server can serve', { timeout: 120000 }, async () => {
    const srv = await startServer();
    toStop.push(srv);
    toClean.push(() => srv.cleanup());
    const admin = await adminClient(srv);
    for (let n = 0; n < 5; n++) await registerEnterprise(srv.base, { region: n % 2 ? '330203' : '330205' });
    const before = (await listAll(admin, '/enterprises')).map((e) => e.credit_code).sort();
    const schema = expectStatus(await admin.get('/health'), 200).body.schema_version;

    const dir = mkdtempSync(path.join(tmpdir(), 'duibiao-backup-'));
    toClean.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'backup.db');
    cli(['backup', file, '--data', srv.dataDir]); // taken while the server is running
    assert.ok(statSync(file).size > 0, 'backup file is empty');
    const fd = openSync(file, 'r');
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    closeSync(fd);
    assert.equal(head.toString('latin1'), 'SQLite format 3\0', 'backup must be a SQLite database file');

    // a write after the backup is not in it
    const late = await registerEnterprise(srv.base, { region: '330203' });

    const srv2 = await startServer({ db: `sqlite:${file}` });
    toStop.push(srv2);
    toClean.push(() => srv2.cleanup());
    const admin2 = await loginAs(srv2.base, admin.user.username, admin.password, 'admin');
    const health = expectStatus(await admin2.get('/health'), 200).body;
    assert.equal(health.database, 'sqlite');
    assert.equal(health.schema_version, schema);
    const restored = (await listAll(admin2, '/enterprises')).map((e) => e.credit_code).sort();
    assert.deepEqual(restored, before, 'the backup holds the same enterprises');
    assert.ok(!restored.includes(late.code));
    // the restored database accepts writes
    const { r } = await registerOnce(srv2.base, '330203', 'restored');
    expectStatus(r, 201);
    await srv2.stop();
    await srv.stop();
  });

  it('`duibiao migrate` prepares a data directory and is idempotent', { timeout: 120000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'duibiao-migrate-'));
    toClean.push(() => rmSync(dir, { recursive: true, force: true }));
    cli(['migrate', '--data', dir]);
    cli(['migrate', '--data', dir]);
    const srv = await startServer({ dataDir: dir });
    toStop.push(srv);
    const anon = new Api(srv.base);
    const h = expectStatus(await anon.get('/health'), 200).body;
    assert.ok(h.schema_version > 0);
    const regions = expectStatus(await anon.get('/regions?parent=330200'), 200).body.items;
    assert.ok(regions.some((x) => x.code === '330203'), 'reference data loaded');
    await srv.stop();
    cli(['migrate', '--data', dir]); // after serving too
  });

  it('two server processes on one PostgreSQL neither lose nor duplicate writes', { skip: !PG && 'DUIBIAO_TEST_PG not set', timeout: 180000 }, async (t) => {
    const a = await startServer({ db: PG });
    toStop.push(a);
    toClean.push(() => a.cleanup());
    const admin = await adminClient(a, { db: PG });
    const b = await startServer({ db: PG });
    toStop.push(b);
    toClean.push(() => b.cleanup());
    assert.equal(b.adminPassword, null, 'the second process must not create another administrator');
    const tag = `pg${suffix(5)}`;
    const acked = [];
    const failures = [];
    const deadline = Date.now() + 3000;
    const worker = async (w) => {
      const srv = w % 2 ? b : a;
      while (Date.now() < deadline && acked.length < 200) {
        const { r, record } = await registerOnce(srv.base, '330203', `${tag}${w}`);
        if (r.status === 201) acked.push(record);
        else failures.push(show(r));
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    // the same credit code through both processes at once: one wins
    const code = enterpriseBody().credit_code;
    const race = await Promise.all([a, b, a, b].map(async (srv, i) => {
      const c = new Api(srv.base, `race${i}`);
      await c.prepare();
      return c.post('/enterprises/register', { enterprise: enterpriseBody({ code }), user: userBody({ username: `${tag}_race${i}` }) });
    }));
    t.diagnostic(`acknowledged ${acked.length} registrations through two processes`);
    assert.deepEqual(failures, []);
    assert.deepEqual(race.map((r) => r.status).sort(), [201, 409, 409, 409], race.map(show).join('\n'));
    const viaB = await loginAs(b.base, admin.user.username, admin.password, 'admin@b');
    for (const rec of acked) {
      const r = expectStatus(await viaB.get(`/enterprises?q=${rec.code}`), 200);
      assert.equal(r.body.items.filter((e) => e.credit_code === rec.code).length, 1, `${rec.code} once`);
    }
    const r = expectStatus(await viaB.get(`/enterprises?q=${code}`), 200);
    assert.equal(r.body.total, 1);
    // a session opened on one process is valid on the other (sessions live in the database)
    const cross = new Api(b.base, 'cross');
    cross.cookies = admin.cookies;
    expectStatus(await cross.get('/auth/me'), 200);
    await a.stop();
    await b.stop();
  });
});
