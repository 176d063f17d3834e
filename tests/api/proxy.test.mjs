// Login throttling per client address behind a reverse proxy: with --trust-proxy the address
// comes from X-Real-IP / X-Forwarded-For (when the peer is on loopback); without it those
// headers are ignored, so a client cannot dodge the per-address limit by sending them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from '../lib/server.mjs';

const servers = [];
after(async () => {
  for (const s of servers) {
    await s.stop();
    s.cleanup();
  }
});

async function failFrom(base, ip, n) {
  for (let i = 0; i < n; i++) {
    const c = await new Client(base).prepare();
    const r = await c.post('/api/v1/auth/login', { username: `nobody${i}`, password: 'wrong-password-1' },
      { headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` } });
    assert.equal(r.status, 401, `attempt ${i} from ${ip}: ${r.text}`);
  }
}

async function adminLoginFrom(base, password, ip) {
  const c = await new Client(base).prepare();
  return c.post('/api/v1/auth/login', { username: 'admin', password }, { headers: { 'x-forwarded-for': ip } });
}

test('with --trust-proxy the per-address limit applies to the forwarded client address', async () => {
  const s = await startServer({ extraArgs: ['--trust-proxy'] });
  servers.push(s);
  await failFrom(s.base, '10.0.0.1', 20);
  const blocked = await adminLoginFrom(s.base, s.adminPassword, '10.0.0.1');
  assert.equal(blocked.status, 429, blocked.text);
  assert.match(blocked.body.error.message, /分钟后再试/);
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  const other = await adminLoginFrom(s.base, s.adminPassword, '10.0.0.2');
  assert.equal(other.status, 200, 'another client behind the same proxy is not locked out: ' + other.text);
});

test('without --trust-proxy forwarded headers are ignored', async () => {
  const s = await startServer();
  servers.push(s);
  await failFrom(s.base, '10.0.0.1', 20);
  const spoofed = await adminLoginFrom(s.base, s.adminPassword, '10.0.0.2');
  assert.equal(spoofed.status, 429, 'a forged X-Forwarded-For must not bypass the limit: ' + spoofed.text);
});
