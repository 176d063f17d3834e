// scripts/release: the tarball is reproducible (two runs, same bytes), holds what an operator
// installs (binary, front end, docs/deploy, guides, the Debian packages it needs), and the unpacked
// tree runs on its own: the server started from it, in another working directory, answers health
// with its version and serves its own front end.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, freePort } from '../lib/server.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'duibiao-release-'));
let child = null;
after(() => {
  child?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const release = () => execFileSync(path.join(repoRoot, 'scripts/release'), ['--no-build'], { cwd: dir }).toString().trim().split('\n').pop();
const sha = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('the release tarball is reproducible, complete, and runs unpacked', { timeout: 120000 }, async () => {
  const tarball = release();
  assert.match(tarball, /build\/release\/duibiao-\d+\.\d+\.\d+-linux-x86_64\.tar\.gz$/);
  const first = sha(tarball);
  assert.equal(sha(release()), first, 'two runs give the same bytes');

  execFileSync('tar', ['xzf', tarball, '-C', dir]);
  const top = path.join(dir, path.basename(tarball, '.tar.gz'));
  for (const f of ['bin/duibiao', 'web/dist/index.html', 'docs/deploy/nginx.conf', 'docs/deploy/duibiao.service',
    'docs/operations.md', 'docs/user-guide.md', 'README.md', 'DEPENDENCIES.txt']) {
    assert.ok(existsSync(path.join(top, f)), `${f} is in the tarball`);
  }
  const deps = readFileSync(path.join(top, 'DEPENDENCIES.txt'), 'utf8').split('\n');
  for (const pkg of ['libsqlite3-0', 'libpq5', 'libsodium23']) assert.ok(deps.includes(pkg), `DEPENDENCIES.txt names ${pkg}`);
  const version = execFileSync(path.join(top, 'bin/duibiao'), ['--version']).toString();
  assert.ok(tarball.includes(version.trim().split(/\s+/).pop()), `--version (${version.trim()}) matches the file name`);

  const port = await freePort();
  const data = path.join(dir, 'data');
  child = spawn(path.join(top, 'bin/duibiao'), ['serve', '--host', '127.0.0.1', '--port', String(port), '--data', data], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the unpacked server did not start:\n${out}`)), 30000);
    const on = (c) => { out += c; if (/listening on http/.test(out)) { clearTimeout(timer); resolve(); } };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  const health = await (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).json();
  assert.equal(health.status, 'ok', JSON.stringify(health));
  assert.equal(health.database, 'sqlite');
  assert.ok(health.schema_version > 0, 'migrated its own data directory');
  assert.ok(version.includes(health.version), `health version ${health.version}`);
  const page = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(page.status, 200);
  assert.equal(await page.text(), readFileSync(path.join(top, 'web/dist/index.html'), 'utf8'), 'the front end served is the unpacked one');
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
});
