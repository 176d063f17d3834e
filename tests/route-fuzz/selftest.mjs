#!/usr/bin/env node
// Checks that the route fuzzer's oracles fire: a row changed behind a 4xx answer, a control
// character stored behind a 2xx, a server that dies in a request, a server that stops answering.
// The faults are made from outside (a second sqlite3 writing the database, signals to the
// server), so this says nothing about the platform, only about the fuzzer.
//   node tests/route-fuzz/selftest.mjs        (about 30 s; exits 1 when an oracle stays silent)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Fuzzer } from './route_fuzz.mjs';

const f = new Fuzzer({ seed: 1, seconds: 1, cases: Infinity, replay: 'selftest' });
f.outDir = mkdtempSync(path.join(tmpdir(), 'route-fuzz-selftest-'));
f.log = () => {};
const failures = [];
const expect = (kind, what) => {
  if (!f.findings.some((x) => x.kind === kind)) failures.push(`${what}: no ${kind} finding`);
  else console.log(`ok  ${what} → ${kind}`);
  f.findings.length = 0;
  f.signatures.clear();
};
const write = (sql) => execFileSync('sqlite3', [path.join(f.dataDir, 'duibiao.db'), `PRAGMA busy_timeout = 5000; ${sql}`]);

try {
  await f.start();
  const route = (key) => f.routes.find((r) => r.key === key);
  const products = route('GET /api/v1/products');

  write("UPDATE products SET model = 'tampered' WHERE id = 1");
  await f.run(f.generate(products, { roleName: 'anon', plain: true }));
  expect('changed-after-4xx', 'a row changed behind a 401');

  write("UPDATE products SET name = 'a' || char(1) || 'b' WHERE id = 2");
  const rec = await f.run(f.generate(route('GET /api/v1/health'), { roleName: 'anon', plain: true }));
  if (rec.r.status !== 200) failures.push(`health answered ${rec.r.status}`);
  expect('stored-control-char', 'a control character stored behind a 200');

  write("UPDATE products SET name = 'a' || char(133) || 'b' WHERE id = 3");
  await f.run(f.generate(route('GET /api/v1/health'), { roleName: 'anon', plain: true }));
  expect('stored-c1-control', 'a C1 control stored behind a 200');

  setTimeout(() => f.server.child.kill('SIGSEGV'), 1);
  await f.run(f.generate(products, { roleName: 'ent_a', plain: true }));
  expect('crash', 'the server killed during a request');

  f.server.child.kill('SIGSTOP');
  await f.run(f.generate(products, { roleName: 'ent_a', plain: true }));
  expect('hang', 'the server stopped');

  const after = await f.run(f.generate(products, { roleName: 'ent_a', plain: true }));
  if (after.r.status !== 200) failures.push(`after the restarts GET /products answered ${after.r.status || after.r.error}`);
  else console.log('ok  the fuzzer goes on after restarting the server');
} catch (e) {
  failures.push(`selftest stopped: ${e.stack || e}`);
} finally {
  await f.stop().catch(() => {});
  rmSync(f.outDir, { recursive: true, force: true });
}
for (const x of failures) console.log(`FAIL ${x}`);
process.exit(failures.length ? 1 : 0);
