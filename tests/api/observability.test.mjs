// Observability: GET /metrics (Prometheus text format), who may read it, the JSON access log
// with its request id (also returned in X-Request-Id), and the slow-query log.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, Client } from '../lib/server.mjs';
import { adminClient, PG } from './fixtures.mjs';

const servers = [];
const temps = [];
after(async () => {
  for (const s of servers) {
    await s.stop();
    s.cleanup();
  }
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

async function serve(extraArgs = []) {
  const s = await startServer({ extraArgs, db: PG || undefined });
  servers.push(s);
  return s;
}

// Parses the exposition into [{name, labels, value}], checking every line's syntax.
function parseMetrics(text) {
  const samples = [];
  const types = new Map();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) continue;
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      assert.ok(['counter', 'gauge', 'histogram'].includes(type), line);
      assert.ok(!types.has(name), `TYPE given twice for ${name}`);
      types.set(name, type);
      continue;
    }
    const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/);
    assert.ok(m, `not a sample line: ${line}`);
    const labels = {};
    if (m[3]) {
      for (const part of m[3].match(/[a-zA-Z_]+="(?:[^"\\]|\\.)*"/g)) {
        const i = part.indexOf('=');
        labels[part.slice(0, i)] = JSON.parse(part.slice(i + 1));
      }
    }
    const value = m[4] === '+Inf' ? Infinity : Number(m[4]);
    assert.ok(!Number.isNaN(value), line);
    samples.push({ name: m[1], labels, value });
  }
  return { samples, types };
}

const find = (samples, name, labels = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

async function scrape(base, headers = {}) {
  const res = await fetch(base + '/metrics', { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

// The access-log lines the server printed so far.
const accessLines = (s) =>
  s.output().split('\n').filter((l) => l.startsWith('{') && l.includes('"msg":"access"')).map((l) => JSON.parse(l));

test('metrics count requests by route template and status, with consistent histograms', async () => {
  const s = await serve();
  const c = new Client(s.base);
  const N = 7;
  for (let i = 0; i < N; i++) {
    const r = await c.get(`/api/v1/users/${1000 + i}`);
    assert.equal(r.status, 401, r.text);
  }
  for (let i = 0; i < 3; i++) assert.equal((await c.get('/api/v1/regions')).status, 200);
  assert.equal((await c.get('/api/v1/no/such/route')).status, 404);

  const m = await scrape(s.base);
  assert.equal(m.status, 200, m.text);
  assert.match(m.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const { samples, types } = parseMetrics(m.text);
  assert.equal(types.get('duibiao_http_requests_total'), 'counter');
  assert.equal(types.get('duibiao_http_request_duration_seconds'), 'histogram');

  const users = find(samples, 'duibiao_http_requests_total', { route: '/api/v1/users/{id}', method: 'GET' });
  assert.deepEqual(users.map((x) => [x.labels.status, x.value]), [['401', N]]);
  const regions = find(samples, 'duibiao_http_requests_total', { route: '/api/v1/regions', status: '200' });
  assert.equal(regions.length, 1);
  assert.equal(regions[0].value, 3);
  assert.equal(find(samples, 'duibiao_http_requests_total', { route: 'unmatched', status: '404' })[0]?.value, 1);
  // Bounded cardinality: no raw path ever becomes a label.
  for (const x of samples) if (x.labels.route) assert.doesNotMatch(x.labels.route, /\/(10\d\d|no)\b/, x.labels.route);

  // Histogram: cumulative buckets, +Inf == _count == the requests counted above.
  const buckets = find(samples, 'duibiao_http_request_duration_seconds_bucket', { route: '/api/v1/users/{id}' });
  assert.equal(buckets.length, 15);
  for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i].value >= buckets[i - 1].value, 'cumulative');
  assert.equal(buckets.at(-1).labels.le, '+Inf');
  assert.equal(buckets.at(-1).value, N);
  assert.equal(find(samples, 'duibiao_http_request_duration_seconds_count', { route: '/api/v1/users/{id}' })[0].value, N);
  const sum = find(samples, 'duibiao_http_request_duration_seconds_sum', { route: '/api/v1/users/{id}' })[0].value;
  assert.ok(sum > 0 && sum < N * 5, `sum ${sum}`);

  // Pool, worker queue, process and build info.
  const health = await (await fetch(s.base + '/api/v1/health')).json();
  const gauge = (name) => {
    const x = find(samples, name);
    assert.equal(x.length, 1, name);
    return x[0].value;
  };
  assert.ok(gauge('duibiao_db_pool_connections') >= 3);
  assert.ok(gauge('duibiao_db_pool_in_use') >= 0);
  assert.ok(gauge('duibiao_db_pool_waits_total') >= 0);
  assert.equal(gauge('duibiao_worker_queue_depth'), 0);
  assert.ok(gauge('duibiao_worker_threads') >= 1);
  assert.ok(gauge('process_resident_memory_bytes') > 1 << 20);
  assert.ok(gauge('duibiao_uptime_seconds') > 0);
  assert.ok(Math.abs(gauge('process_start_time_seconds') - Date.now() / 1000) < 300);
  const build = find(samples, 'duibiao_build_info')[0];
  assert.deepEqual(build.labels, {
    version: health.version,
    schema_version: String(health.schema_version),
    database: health.database,
  });

  // The scrape itself is counted at the next scrape.
  const again = parseMetrics((await scrape(s.base)).text).samples;
  assert.equal(find(again, 'duibiao_http_requests_total', { route: '/metrics', status: '200' })[0].value, 1);
});

test('without a token /metrics answers only local requests that did not come through a proxy', async () => {
  const s = await serve(['--trust-proxy']);
  assert.equal((await scrape(s.base)).status, 200);
  for (const h of [{ 'x-forwarded-for': '203.0.113.5' }, { 'x-real-ip': '203.0.113.5' }, { forwarded: 'for=203.0.113.5' }]) {
    const r = await scrape(s.base, h);
    assert.equal(r.status, 403, `${JSON.stringify(h)}: ${r.text}`);
    assert.doesNotMatch(r.text, /duibiao_http_requests_total/);
  }
});

test('with --metrics-token-file /metrics needs the bearer token, from any address', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'duibiao-metrics-'));
  temps.push(dir);
  const token = 'tok-' + Math.random().toString(36).slice(2) + 'xyz';
  writeFileSync(path.join(dir, 'token'), token + '\n', { mode: 0o600 });
  const s = await serve(['--metrics-token-file', path.join(dir, 'token')]);
  const none = await scrape(s.base);
  assert.equal(none.status, 401, none.text);
  assert.match(none.headers.get('www-authenticate') || '', /^Bearer/);
  assert.equal((await scrape(s.base, { authorization: `Bearer ${token}x` })).status, 401);
  assert.equal((await scrape(s.base, { authorization: `Bearer ${token.slice(0, -1)}` })).status, 401);
  assert.equal((await scrape(s.base, { authorization: token })).status, 401);
  const ok = await scrape(s.base, { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.5' });
  assert.equal(ok.status, 200, ok.text);
  assert.match(ok.text, /duibiao_build_info\{/);
});

test('every answer carries a fresh X-Request-Id that its access-log line repeats', async () => {
  const s = await serve();
  const admin = await adminClient(s, { db: PG || undefined });
  const ids = new Set();
  const seen = [];
  for (const url of ['/api/v1/auth/me', '/api/v1/users/999999', '/', '/api/v1/health']) {
    // Client.prototype.request: the plain client (Api would put /api/v1 in front of "/").
    const r = await Client.prototype.request.call(admin, 'GET', url);
    const id = r.headers.get('x-request-id');
    assert.match(id || '', /^[0-9a-f]{16}$/, url);
    assert.ok(!ids.has(id), 'unique');
    ids.add(id);
    seen.push({ url, id, status: r.status, bytes: Buffer.byteLength(r.text) });
  }
  // A request id sent by the client is ignored without --trust-proxy.
  const forged = await admin.request('GET', '/api/v1/auth/me', { headers: { 'x-request-id': 'forged-id-1' } });
  assert.notEqual(forged.headers.get('x-request-id'), 'forged-id-1');
  // A request refused before routing (body over --max-body) still gets an id and a log line.
  const big = await fetch(s.base + '/api/v1/auth/login', { method: 'POST', body: 'x'.repeat(2 << 20) });
  assert.equal(big.status, 413);
  const bigId = big.headers.get('x-request-id');
  assert.match(bigId || '', /^[0-9a-f]{16}$/);

  await new Promise((r) => setTimeout(r, 100));
  const lines = accessLines(s);
  const routes = { '/api/v1/auth/me': '/api/v1/auth/me', '/api/v1/users/999999': '/api/v1/users/{id}', '/': 'static', '/api/v1/health': '/api/v1/health' };
  for (const x of seen) {
    const l = lines.find((a) => a.request_id === x.id);
    assert.ok(l, `access line for ${x.url}`);
    assert.equal(l.route, routes[x.url], JSON.stringify([x, l]));
    assert.equal(l.method, 'GET');
    assert.equal(l.status, x.status);
    assert.equal(l.bytes, x.bytes);
    assert.equal(l.client_ip, '127.0.0.1');
    assert.ok(Number.isInteger(l.duration_us) && l.duration_us >= 0);
    assert.ok(Number.isInteger(l.time) && Math.abs(l.time - Date.now()) < 60000);
    if (x.url.startsWith('/api/v1/auth') || x.url.startsWith('/api/v1/users'))
      assert.equal(String(l.user_id), String(admin.user.id), `user id on ${x.url}`);
  }
  assert.equal(lines.find((a) => a.request_id === bigId)?.status, 413);
  // No raw path in the log: the template only.
  assert.ok(!lines.some((l) => JSON.stringify(l).includes('999999')));
});

test('behind a trusted proxy a well-formed incoming X-Request-Id is kept, anything else replaced', async () => {
  const s = await serve(['--trust-proxy']);
  const c = new Client(s.base);
  const kept = await c.get('/api/v1/health', { headers: { 'x-request-id': '3f2a9c0e5b7d41e8a0c4b6d8e2f01a3c', 'x-real-ip': '198.51.100.7' } });
  assert.equal(kept.headers.get('x-request-id'), '3f2a9c0e5b7d41e8a0c4b6d8e2f01a3c');
  for (const badId of ['has space', 'x'.repeat(65), 'quote"d', 'semi;colon']) {
    const r = await c.get('/api/v1/health', { headers: { 'x-request-id': badId } });
    assert.match(r.headers.get('x-request-id'), /^[0-9a-f]{16}$/, badId);
  }
  await new Promise((r) => setTimeout(r, 100));
  const l = accessLines(s).find((a) => a.request_id === '3f2a9c0e5b7d41e8a0c4b6d8e2f01a3c');
  assert.ok(l);
  assert.equal(l.client_ip, '198.51.100.7');
});

test('--no-access-log turns the per-request line off', async () => {
  const s = await serve(['--no-access-log']);
  const c = new Client(s.base);
  for (let i = 0; i < 5; i++) assert.equal((await c.get('/api/v1/health')).status, 200);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(accessLines(s).length, 0);
  // The metrics still count.
  const { samples } = parseMetrics((await scrape(s.base)).text);
  assert.equal(find(samples, 'duibiao_http_requests_total', { route: '/api/v1/health', status: '200' })[0].value, 5);
});

test('--slow-query-ms logs statement text and the request id, never the bound values', async () => {
  const s = await serve(['--slow-query-ms', '0']);
  const c = await new Client(s.base).prepare();
  const secretUser = 'nosuchuser' + Math.random().toString(36).slice(2, 8);
  const secretPass = 'Secret' + Math.random().toString(36).slice(2, 10);
  const r = await c.post('/api/v1/auth/login', { username: secretUser, password: secretPass });
  assert.equal(r.status, 401, r.text);
  const id = r.headers.get('x-request-id');
  await new Promise((res) => setTimeout(res, 100));
  const slow = s.output().split('\n').filter((l) => l.includes('"msg":"slow query"')).map((l) => JSON.parse(l));
  const mine = slow.filter((l) => l.request_id === id);
  assert.ok(mine.length >= 1, `slow-query lines for request ${id}: ${slow.length} lines in all`);
  assert.ok(mine.some((l) => /\busers\b/i.test(l.sql)), 'the user lookup is among them: ' + mine.map((l) => l.sql).join(' | '));
  for (const l of mine) {
    assert.match(l.duration_ms, /^\d+\.\d{3}$/);
    assert.doesNotMatch(l.sql, /\n/);
  }
  assert.ok(!s.output().includes(secretUser), 'user name never logged');
  assert.ok(!s.output().includes(secretPass), 'password never logged');
  const { samples } = parseMetrics((await scrape(s.base)).text);
  assert.ok(find(samples, 'duibiao_slow_queries_total')[0].value >= mine.length);
});

test('without --slow-query-ms nothing is logged as slow', async () => {
  const s = await serve();
  const c = await new Client(s.base).prepare();
  await c.post('/api/v1/auth/login', { username: 'nobody', password: 'wrong-password-1' });
  assert.ok(!s.output().includes('slow query'));
});
