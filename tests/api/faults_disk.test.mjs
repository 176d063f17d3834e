// Disk full (issue 11 §3): the data directory (SQLite database and uploads) on a small tmpfs the
// test mounts and fills. Uploads and writes must answer 507 insufficient_storage (JSON, the
// contract's error shape), nothing half-written stays (no temporary upload files, no file row
// without its file, the database passes its integrity check, every acknowledged write is
// there), reads keep being served meanwhile, and once space is freed the same process takes
// writes again. Needs root (mount); DUIBIAO_FAULTS_REQUIRED=1 makes a missing root a failure.
import { describe, it, after } from 'node:test';
import path from 'node:path';
import {
  PG, Api, startServer, expectStatus, show, loginAs, enterpriseBody, userBody,
} from './fixtures.mjs';
import {
  IS_ROOT, HAVE_SQLITE3, assert, smallDisk, world, filledDraft, pdfBytes, uploadsOnDisk, checkFileRows,
  sqliteRows, isErrorAnswer, indicatorRows,
} from './faults_common.mjs';

const REQUIRED = process.env.DUIBIAO_FAULTS_REQUIRED === '1';
const toStop = [];
const toClean = [];
after(async () => {
  for (const s of toStop) await s.stop('SIGKILL').catch(() => {});
  for (const f of toClean.reverse()) { try { f(); } catch { /* best effort */ } }
});

function canRun(t) {
  if (IS_ROOT && HAVE_SQLITE3) return true;
  const why = IS_ROOT ? 'the sqlite3 shell is missing' : 'mounting a tmpfs needs root';
  if (REQUIRED) assert.fail(`DUIBIAO_FAULTS_REQUIRED=1 but ${why}`);
  t.skip(why);
  return false;
}

async function register(base, tag) {
  const c = new Api(base, tag);
  await c.prepare();
  const ent = enterpriseBody({ region: '330203' });
  const usr = userBody();
  const r = await c.post('/enterprises/register', { enterprise: ent, user: usr });
  return { r, code: ent.credit_code, username: usr.username, password: usr.password };
}

describe('disk full', () => {
  for (const backend of ['sqlite', 'postgresql']) {
    it(`uploads and writes answer 507, reads go on, nothing half-written, recovery without restart (${backend})`, { timeout: 180000 }, async (t) => {
      if (!canRun(t)) return;
      if (backend === 'postgresql' && !PG) {
        if (REQUIRED && process.env.DUIBIAO_REQUIRE_PG === '1') assert.fail('DUIBIAO_TEST_PG not set');
        t.skip('DUIBIAO_TEST_PG not set');
        return;
      }
      const db = backend === 'postgresql' ? PG : null;
      const disk = smallDisk(24);
      toClean.push(() => disk.unmount());
      const dataDir = path.join(disk.dir, 'data');
      const srv = await startServer({ dataDir, ...(db ? { db } : {}) });
      toStop.push(srv);
      const tag = `df${Date.now().toString(36)}`;
      const w = await world(srv, { db, tag });
      const ent = w.ents[0].client;

      // Before the disk fills: an upload, a draft that refers to it, one registration.
      const first = pdfBytes(20000);
      const up = expectStatus(await ent.request('POST', '/files?name=before.pdf', { body: first, headers: { 'content-type': 'application/pdf' } }), 201, 'upload').body;
      const draft = await filledDraft(ent, w.plan, `${tag}洗衣机`, up.hash);
      const before = await register(srv.base, 'before');
      expectStatus(before.r, 201, 'registration before the disk fills');

      const filled = disk.fill();
      t.diagnostic(`${backend}: filler of ${(filled / 1048576).toFixed(1)} MiB, ${disk.available()} bytes left`);

      // Uploads: 507 with the contract's error, nothing left under uploads/.
      const problems = [];
      for (let i = 0; i < 5; i++) {
        const r = await ent.request('POST', `/files?name=full${i}.pdf`, { body: pdfBytes(200000 + i), headers: { 'content-type': 'application/pdf' } });
        if (!isErrorAnswer(r, 507, 'insufficient_storage')) problems.push(`upload ${i} on a full disk: ${show(r)}`);
      }
      const disk1 = uploadsOnDisk(dataDir);
      assert.deepEqual(disk1.temporary, [], 'no temporary upload file is left on a full disk');

      // Writes: on SQLite they fail as the write-ahead log and the file need pages (507); on
      // PostgreSQL the database is elsewhere and they go on. Each answer is 2xx or 507, never 500.
      const acked = [];
      let refused = 0;
      let version = draft.version;
      for (let i = 0; i < 200 && refused < 10; i++) {
        let r;
        if (i % 2) {
          const reg = await register(srv.base, `full${i}`);
          r = reg.r;
          if (r.status === 201) acked.push(reg);
        } else {
          r = await ent.put(`/results/${draft.id}`, {
            version, enterprise_standard: 'Q/NBHS 001-2020', indicators: indicatorRows(up.hash), conclusion: `第${i}次保存：${'各项指标达到或优于对标标准。'.repeat(130)}`,
          });
          if (r.status === 200) version = r.body.version;
        }
        if (isErrorAnswer(r, 507, 'insufficient_storage')) refused++;
        else if (![200, 201].includes(r.status)) problems.push(`write ${i} on a full disk: ${show(r)}`);
      }
      t.diagnostic(`${backend}: ${refused} writes refused with 507, ${acked.length} registrations and draft v${version} acknowledged on the full disk`);
      if (!db) assert.ok(refused > 0, 'on a full disk SQLite writes must fail (with 507)');

      // Reads are served meanwhile: the session, the result, its file, the lists.
      expectStatus(await ent.get('/auth/me'), 200, 'session read on a full disk');
      const now = expectStatus(await ent.get(`/results/${draft.id}`), 200, 'result read on a full disk').body;
      assert.equal(now.version, version, 'the last acknowledged draft is the one read');
      const file = await ent.get(`/files/${up.hash}`);
      assert.equal(file.status, 200, 'an uploaded file is served on a full disk');
      expectStatus(await w.county.client.get('/results?page_size=5'), 200, 'a list on a full disk');
      expectStatus(await new Api(srv.base).get('/health'), 200, 'health on a full disk');
      assert.deepEqual(problems, [], 'answers on a full disk');

      // Nothing half-written: the database is sound, every file row has its whole file.
      if (!db) {
        const dbFile = path.join(dataDir, 'duibiao.db');
        assert.deepEqual(sqliteRows(dbFile, 'PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
        assert.deepEqual(sqliteRows(dbFile, 'PRAGMA foreign_key_check'), []);
        const rows = sqliteRows(dbFile, 'SELECT hash, size FROM uploads').map((x) => ({ ...x, what: 'upload' }));
        assert.deepEqual(checkFileRows(dataDir, rows), []);
        assert.equal(rows.length, 1, 'only the upload made before the disk filled has a row');
      }
      assert.deepEqual(uploadsOnDisk(dataDir).temporary, []);

      // Space comes back: the same process takes uploads and writes again.
      disk.free();
      const again = pdfBytes(150000);
      const up2 = expectStatus(await ent.request('POST', '/files?name=after.pdf', { body: again, headers: { 'content-type': 'application/pdf' } }), 201, 'upload after space is freed').body;
      const got = await ent.request('GET', `/files/${up2.hash}`);
      assert.equal(got.status, 200);
      const saved = expectStatus(await ent.put(`/results/${draft.id}`, {
        version, enterprise_standard: 'Q/NBHS 001-2020', indicators: indicatorRows(up2.hash), conclusion: '空间恢复后保存',
      }), 200, 'draft saved after space is freed').body;
      assert.equal(saved.version, version + 1);
      const after1 = await register(srv.base, 'after');
      expectStatus(after1.r, 201, 'registration after space is freed');

      // And all acknowledged writes survive a restart.
      assert.equal(await srv.stop('SIGKILL'), 'SIGKILL');
      const srv2 = await startServer({ dataDir, ...(db ? { db } : {}) });
      toStop.push(srv2);
      const ent2 = await loginAs(srv2.base, w.ents[0].username, w.ents[0].password, 'ent');
      const back = expectStatus(await ent2.get(`/results/${draft.id}`), 200).body;
      assert.equal(back.version, saved.version);
      assert.equal(back.conclusion, '空间恢复后保存');
      for (const a of [before, ...acked, after1].slice(-6)) await loginAs(srv2.base, a.username, a.password);
      const admin2 = await loginAs(srv2.base, w.admin.user.username, w.admin.password, 'admin');
      for (const a of [before, ...acked, after1]) {
        const r = expectStatus(await admin2.get(`/enterprises?q=${a.code}`), 200).body;
        assert.equal(r.total, 1, `acknowledged registration ${a.code}`);
      }
      await srv2.stop();
    });
  }
});
