// The built front end: caching headers, ETags, the single-page-app fallback, refusal of paths
// outside the web root, and fresh files after a rebuild.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { startServer } from '../lib/server.mjs';

let server;
let dir;
let web;

// Sends a raw request line so the path reaches the server exactly as written (fetch would
// normalize "..").
function rawGet(port, target) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    s.on('data', (c) => { data += c.toString('latin1'); });
    s.on('end', () => resolve({ status: Number(data.split(' ')[1]), text: data }));
    s.on('error', reject);
  });
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'duibiao-static-'));
  web = path.join(dir, 'dist');
  mkdirSync(path.join(web, 'assets'), { recursive: true });
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>v1</title>');
  writeFileSync(path.join(web, 'assets', 'app-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET');
  server = await startServer({ web });
});
after(async () => {
  await server.stop();
  server.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

test('hashed assets are cached for a year, index.html is revalidated with its ETag', async () => {
  let r = await fetch(`${server.base}/assets/app-abc123.js`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('cache-control'), /max-age=31536000.*immutable/);
  assert.match(r.headers.get('content-type'), /javascript/);
  r = await fetch(`${server.base}/`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  const etag = r.headers.get('etag');
  assert.ok(etag);
  r = await fetch(`${server.base}/`, { headers: { 'if-none-match': etag } });
  assert.equal(r.status, 304);
});

test('app routes fall back to index.html; unknown files and assets are 404', async () => {
  let r = await fetch(`${server.base}/app/users`);
  assert.equal(r.status, 200);
  assert.match(await r.text(), /<title>v1/);
  assert.equal((await fetch(`${server.base}/assets/missing-1.js`)).status, 404);
  assert.equal((await fetch(`${server.base}/robots.txt`)).status, 404);
  assert.equal((await fetch(`${server.base}/`, { method: 'POST' })).status, 405);
});

test('paths outside the web root are never served', async () => {
  for (const target of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/../../secret.txt']) {
    const r = await rawGet(server.port, target);
    assert.ok(!r.text.includes('TOP-SECRET'), `${target} leaked the file`);
    assert.ok([400, 404].includes(r.status), `${target}: ${r.status}`);
  }
});

test('a rebuilt front end is served without restarting the server', async () => {
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>v2 rebuilt</title>');
  const later = new Date(Date.now() + 5000);
  utimesSync(path.join(web, 'index.html'), later, later);
  const r = await fetch(`${server.base}/app/plans`);
  assert.match(await r.text(), /v2 rebuilt/);
});
