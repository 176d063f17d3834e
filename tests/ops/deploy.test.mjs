// docs/deploy: the nginx config passes `nginx -t` (with a throwaway self-signed certificate and
// writable paths substituted), its upload location covers exactly the upload routes of
// `duibiao routes`, and the systemd units pass `systemd-analyze verify`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, binary, cli } from '../lib/server.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'duibiao-deploy-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const deploy = path.join(repoRoot, 'docs/deploy');
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const required = process.env.DUIBIAO_OPS_REQUIRED === '1';

// Replaces `from` (which must occur) in text.
function swap(text, from, to) {
  assert.ok(text.includes(from), `docs/deploy/nginx.conf no longer contains ${from}`);
  return text.split(from).join(to);
}

test('nginx -t accepts docs/deploy/nginx.conf', { skip: !have('nginx') && !required && 'nginx not installed' }, () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'),
    '-out', path.join(dir, 'c.pem'), '-days', '2', '-subj', '/CN=localhost'], { stdio: 'ignore' });
  let conf = readFileSync(path.join(deploy, 'nginx.conf'), 'utf8');
  conf = swap(conf, '/etc/nginx/tls/duibiao.crt', path.join(dir, 'c.pem'));
  conf = swap(conf, '/etc/nginx/tls/duibiao.key', path.join(dir, 'k.pem'));
  conf = swap(conf, '/run/nginx.pid', path.join(dir, 'nginx.pid'));
  conf = swap(conf, '/var/log/nginx/', dir + '/');
  if (process.getuid() !== 0) conf = swap(conf, 'user www-data;', '');
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const r = spawnSync('nginx', ['-t', '-c', path.join(dir, 'nginx.conf'), '-p', dir + '/'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /syntax is ok/);
});

test('the nginx upload location matches every upload route and no other route', () => {
  const conf = readFileSync(path.join(deploy, 'nginx.conf'), 'utf8');
  const m = conf.match(/location ~ (\^\/api\/v1\/\S+\$) \{\s*client_max_body_size 10m;/);
  assert.ok(m, 'upload location with client_max_body_size 10m');
  const re = new RegExp(m[1]);
  const routes = cli(['routes']).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const sample = (p) => p.replace(/\{[^}]+\}/g, '12');
  for (const r of routes) {
    if (r.method !== 'POST' && r.upload) assert.fail(`upload route ${r.method} ${r.path}`);
    const matches = re.test(sample(r.path));
    if (r.upload) assert.ok(matches, `upload route ${r.path} gets nginx's 10m limit`);
    else if (r.method === 'POST') assert.ok(!matches, `${r.path} is not an upload route`);
  }
  assert.match(conf, /client_max_body_size 1m;/, '= --max-body default');
  assert.match(conf, /location = \/metrics \{\s*return 404;/);
  assert.match(conf, /proxy_set_header X-Forwarded-Proto \$scheme;/);
  assert.match(conf, /proxy_set_header X-Real-IP \$remote_addr;/);
  assert.match(conf, /upstream duibiao \{\s*server 127\.0\.0\.1:8080[^;]*;\s*server 127\.0\.0\.1:8081/);
});

for (const unit of ['duibiao.service', 'duibiao@.service']) {
  test(`systemd-analyze verify ${unit}`, { skip: !have('systemd-analyze') && 'systemd-analyze not installed' }, () => {
    const text = readFileSync(path.join(deploy, unit), 'utf8');
    for (const key of ['User=duibiao', 'ProtectSystem=strict', 'ReadWritePaths=/var/lib/duibiao', 'NoNewPrivileges=yes',
      'Restart=on-failure', 'LimitNOFILE=65536'])
      assert.ok(text.includes(key), `${unit} has ${key}`);
    // verify checks that ExecStart's program exists: point it at the built binary.
    writeFileSync(path.join(dir, unit), swap(text, '/opt/duibiao/bin/duibiao', binary));
    const name = unit.includes('@') ? 'duibiao@8080.service' : unit;
    const r = spawnSync('systemd-analyze', ['verify', name], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal((r.stdout + r.stderr).trim(), '', 'no warnings: ' + r.stdout + r.stderr);
  });
}
