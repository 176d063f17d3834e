// Backup and restore drill (issue 11 §4), as docs/operations.md tells an operator to do it:
// SQLite — `duibiao backup FILE` while the server runs, plus a copy of DATA/uploads, restored into
// a fresh data directory; PostgreSQL — pg_dump of the live database restored with pg_restore into a
// new one, plus the uploads. The restored server must hold the same data (counted through the API
// before the backup), serve an uploaded file byte for byte, keep the schema version, accept
// logins and writes, and not hold what was written after the backup.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, cpSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  PG, startServer, cli, expectStatus, adminClient, loginAs, registerEnterprise, listAll, getBinary, suffix,
} from './fixtures.mjs';

const toStop = [];
const toClean = [];
after(async () => {
  for (const s of toStop) await s.stop('SIGKILL').catch(() => {});
  for (const f of toClean) f();
});

const PDF = Buffer.from(`%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n% drill ${suffix(12)}\n%%EOF\n`);

// Data made through the API, and what it looks like, counted before the backup.
async function populate(srv, db) {
  const admin = await adminClient(srv, { db });
  const ents = [];
  for (let n = 0; n < 4; n++) ents.push(await registerEnterprise(srv.base, { region: n % 2 ? '330203' : '330205' }));
  const up = await ents[0].client.request('POST', '/files?name=' + encodeURIComponent('检测报告.pdf'), {
    body: PDF, headers: { 'content-type': 'application/pdf' },
  });
  expectStatus(up, 201, 'upload before the backup');
  const snapshot = {
    enterprises: (await listAll(admin, '/enterprises')).map((e) => e.credit_code).sort(),
    users: (await listAll(admin, '/users')).map((u) => u.username).sort(),
    schema: expectStatus(await admin.get('/health'), 200).body.schema_version,
  };
  return { admin, ents, hash: up.body.hash, snapshot };
}

async function checkRestored(srv, { admin, ents, hash, snapshot }, late) {
  const admin2 = await loginAs(srv.base, admin.user.username, admin.password, 'admin');
  assert.equal(expectStatus(await admin2.get('/health'), 200).body.schema_version, snapshot.schema);
  const enterprises = (await listAll(admin2, '/enterprises')).map((e) => e.credit_code).sort();
  const users = (await listAll(admin2, '/users')).map((u) => u.username).sort();
  for (const code of snapshot.enterprises) assert.ok(enterprises.includes(code), `enterprise ${code} restored`);
  for (const name of snapshot.users) assert.ok(users.includes(name), `user ${name} restored`);
  assert.ok(!enterprises.includes(late.code), 'what was written after the backup is not in it');
  // the enterprise logs in with its password and reads its upload back, byte for byte
  const ent = await loginAs(srv.base, ents[0].username, ents[0].password, 'ent');
  const file = await getBinary(ent, `/files/${hash}`);
  assert.equal(file.status, 200, 'the uploaded file is served from the restored uploads');
  assert.deepEqual(file.buf, PDF);
  // and the restored installation takes writes
  const fresh = await registerEnterprise(srv.base, { region: '330203' });
  assert.ok(fresh.enterprise.id > 0);
  return { enterprises, users };
}

describe('backup and restore drill', () => {
  it('SQLite: online backup + uploads into a fresh data directory', { timeout: 180000 }, async () => {
    const srv = await startServer();
    toStop.push(srv);
    toClean.push(() => srv.cleanup());
    const made = await populate(srv);
    assert.ok(existsSync(path.join(srv.dataDir, 'uploads')), 'uploads live under DATA/uploads');

    const restoredDir = mkdtempSync(path.join(tmpdir(), 'duibiao-restore-'));
    toClean.push(() => rmSync(restoredDir, { recursive: true, force: true }));
    cli(['backup', path.join(restoredDir, 'duibiao.db'), '--data', srv.dataDir]); // while serving
    cpSync(path.join(srv.dataDir, 'uploads'), path.join(restoredDir, 'uploads'), { recursive: true });
    const late = await registerEnterprise(srv.base, { region: '330205' });

    const restored = await startServer({ dataDir: restoredDir });
    toStop.push(restored);
    await checkRestored(restored, made, late);
    await restored.stop();
    await srv.stop();
  });

  it('PostgreSQL: pg_dump / pg_restore into a new database + uploads', { skip: !PG && 'DUIBIAO_TEST_PG not set', timeout: 240000 }, async () => {
    // A database of its own (the shared test database holds other tests' rows at any moment).
    const url = new URL(PG);
    const conn = ['-h', url.hostname, '-p', url.port, '-U', decodeURIComponent(url.username)];
    const bin = (name) => {
      const dirs = execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1']).toString().trim();
      return path.join(dirs, name);
    };
    const source = `duibiao_drill_${suffix(6).toLowerCase()}`;
    const target = `${source}_restored`;
    execFileSync(bin('createdb'), [...conn, source]);
    execFileSync(bin('createdb'), [...conn, target]);
    toClean.push(() => {
      for (const db of [source, target]) {
        try { execFileSync(bin('dropdb'), [...conn, '--if-exists', db]); } catch { /* best effort */ }
      }
    });
    const dbUrl = (name) => { const u = new URL(PG); u.pathname = `/${name}`; return u.toString(); };

    const srv = await startServer({ db: dbUrl(source) });
    toStop.push(srv);
    toClean.push(() => srv.cleanup());
    const made = await populate(srv, dbUrl(source));
    const dumpDir = mkdtempSync(path.join(tmpdir(), 'duibiao-pgdump-'));
    toClean.push(() => rmSync(dumpDir, { recursive: true, force: true }));
    const dump = path.join(dumpDir, 'duibiao.dump');
    execFileSync(bin('pg_dump'), [...conn, '-Fc', '-f', dump, source]); // while serving
    const restoredDir = mkdtempSync(path.join(tmpdir(), 'duibiao-restore-pg-'));
    toClean.push(() => rmSync(restoredDir, { recursive: true, force: true }));
    cpSync(path.join(srv.dataDir, 'uploads'), path.join(restoredDir, 'uploads'), { recursive: true });
    const late = await registerEnterprise(srv.base, { region: '330205' });
    await srv.stop();

    execFileSync(bin('pg_restore'), [...conn, '--no-owner', '-d', target, dump]);
    const restored = await startServer({ dataDir: restoredDir, db: dbUrl(target) });
    toStop.push(restored);
    await checkRestored(restored, made, late);
    await restored.stop();
  });
});
