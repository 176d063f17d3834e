// Two server processes on one PostgreSQL (issue 11 §3), behind nginx when it is installed (a
// round-robin upstream of the two), else behind a client that alternates between them itself.
// Sessions work on either process; an upload through one is served and referred to through the
// other (one shared data directory); login throttling and the public code-guessing throttle are
// shared and exact under a parallel burst split across both; an edit with a stale version is
// refused on either process (no lost update), for drafts, campaigns and notices.
// Every client uses an address of its own (X-Real-IP, --trust-proxy): the throttles are per
// address, and other suites share this database from 127.0.0.1.
import { describe, it, before, after } from 'node:test';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { randomInt } from 'node:crypto';
import {
  PG, Api, startServer, expectStatus, show, loginAs, createUser, sleep, todayCst,
} from './fixtures.mjs';
import {
  assert, world, filledDraft, pdfBytes, indicatorRows, uploadsOnDisk, IS_ROOT,
} from './faults_common.mjs';

const REQUIRE_PG = process.env.DUIBIAO_REQUIRE_PG === '1';
const HAVE_NGINX = spawnSync('nginx', ['-v']).status === 0;
const toStop = [];
const toClean = [];
after(async () => {
  for (const s of toStop) await s.stop('SIGKILL').catch(() => {});
  for (const f of toClean.reverse()) { try { f(); } catch { /* best effort */ } }
});

const fakeAddr = () => `10.${randomInt(256)}.${randomInt(256)}.${1 + randomInt(250)}`;

// A client that sends every request to the next process in turn (when there is no nginx), and
// from an address of its own.
class Spread extends Api {
  constructor(bases, name, addr = fakeAddr()) {
    super(bases[0], name);
    this.bases = bases;
    this.turn = 0;
    this.addr = addr;
  }
  async request(method, url, o = {}) {
    this.base = this.bases[this.turn++ % this.bases.length];
    return super.request(method, url, { ...o, headers: { 'x-real-ip': this.addr, ...(o.headers || {}) } });
  }
}
// The same client pinned to one process (or to nginx).
const pinned = (base, name, addr) => new Spread([base], name, addr);

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

// nginx in front of the two processes: round robin, the client's X-Real-IP passed on (the test
// plays several clients), uploads up to 12m. Single process, no daemon, everything in `dir`.
async function startNginx(ports) {
  const dir = mkdtempSync(path.join(tmpdir(), 'duibiao-faults-nginx-'));
  const port = await freePort();
  writeFileSync(path.join(dir, 'nginx.conf'), `
daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream duibiao { ${ports.map((p) => `server 127.0.0.1:${p};`).join(' ')} keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 12m;
    location / {
      proxy_pass http://duibiao;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Real-IP $http_x_real_ip;
      proxy_next_upstream off;
    }
  }
}
`);
  const child = spawn('nginx', ['-c', path.join(dir, 'nginx.conf'), '-p', dir + '/'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((r) => { const s = net.connect(port, '127.0.0.1', () => { s.destroy(); r(true); }); s.on('error', () => r(false)); });
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`nginx exited: ${out}`);
    await sleep(50);
  }
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => { child.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); },
  };
}

describe('two processes on one PostgreSQL', { skip: !PG && !REQUIRE_PG && 'DUIBIAO_TEST_PG not set' }, () => {
  let a, b, front, bases, w, tag;
  // The request-id prefix of a process (32 random bits chosen at its start): which one answered.
  const who = (r) => (r.headers.get('x-request-id') || '').slice(0, 8);
  before(async () => {
    if (!PG) assert.fail('DUIBIAO_REQUIRE_PG=1 but DUIBIAO_TEST_PG is not set');
    const shared = mkdtempSync(path.join(tmpdir(), 'duibiao-faults-shared-'));
    toClean.push(() => rmSync(shared, { recursive: true, force: true }));
    const args = ['--trust-proxy', '--login-max-failures', '5'];
    a = await startServer({ db: PG, dataDir: shared, extraArgs: args });
    toStop.push(a);
    b = await startServer({ db: PG, dataDir: shared, extraArgs: args });
    toStop.push(b);
    if (HAVE_NGINX && IS_ROOT) {
      front = await startNginx([a.port, b.port]);
      toClean.push(() => front.stop());
      bases = [front.base];
    } else {
      bases = [a.base, b.base];
    }
    tag = `mp${Date.now().toString(36)}`;
    w = await world(a, { db: PG, tag, enterprises: 3 });
  });

  it(`sessions work on either process (${HAVE_NGINX && IS_ROOT ? 'through nginx' : 'alternating client'}); a logout through one ends the session on the other`, async (t) => {
    const c = new Spread(bases, 'spread');
    await c.prepare();
    expectStatus(await c.post('/auth/login', { username: w.county.user.username, password: w.county.password }), 200, 'login');
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await c.get('/auth/me'));
    assert.deepEqual(answers.filter((r) => r.status !== 200).map(show), []);
    const processes = new Set(answers.map(who));
    assert.equal(processes.size, 2, `both processes answered the session's requests (${[...processes]})`);
    // the session (opened through either) on each process directly
    const onA = pinned(a.base, 'onA', c.addr);
    onA.cookies = new Map(c.cookies);
    onA.csrf = c.csrf;
    const onB = pinned(b.base, 'onB', c.addr);
    onB.cookies = new Map(c.cookies);
    onB.csrf = c.csrf;
    expectStatus(await onA.get('/auth/me'), 200);
    expectStatus(await onB.get('/auth/me'), 200);
    expectStatus(await onA.post('/auth/logout', {}), 204, 'logout through a');
    // Revocation on the other process: immediate today (sessions are read from the database on
    // every request); a per-process session cache would have to stay within this bound.
    const t0 = Date.now();
    let st;
    while ((st = (await onB.get('/auth/me')).status) === 200 && Date.now() - t0 < 15000) await sleep(100);
    t.diagnostic(`logout through a seen by b after ${Date.now() - t0} ms`);
    assert.equal(st, 401, 'the session ended on a is refused by b');
  });

  it('an upload through one process is served and referred to through the other (shared directory)', async () => {
    const e = w.ents[0];
    const entA = await loginAs(a.base, e.username, e.password, 'entA');
    const entB = await loginAs(b.base, e.username, e.password, 'entB');
    const bytes = pdfBytes(30000);
    const up = expectStatus(await entA.request('POST', '/files?name=shared.pdf', { body: bytes, headers: { 'content-type': 'application/pdf' } }), 201, 'upload on a').body;
    const res = await fetch(`${b.base}/api/v1/files/${up.hash}`, { headers: { cookie: entB.cookieHeader() } });
    assert.equal(res.status, 200, 'b serves the file a stored');
    assert.ok(Buffer.from(await res.arrayBuffer()).equals(bytes), 'the same bytes');
    const d = await filledDraft(entA, w.plan, `${tag}共享`);
    const saved = expectStatus(await entB.put(`/results/${d.id}`, {
      version: d.version, enterprise_standard: 'Q/NBHS 001-2020', indicators: indicatorRows(up.hash), conclusion: '引用另一进程上传的报告',
    }), 200, 'b refers to the upload a stored').body;
    assert.equal(saved.indicators[0].file_hash, up.hash);
    // the same content through both at once: stored once, no temporary file left
    const same = pdfBytes(20000);
    const both = await Promise.all([entA, entB].map((c) => c.request('POST', '/files?name=twice.pdf', { body: same, headers: { 'content-type': 'application/pdf' } })));
    assert.deepEqual(both.map((r) => r.status), [201, 201], both.map(show).join('\n'));
    assert.equal(both[0].body.hash, both[1].body.hash);
    assert.deepEqual(uploadsOnDisk(a.dataDir).temporary, []);
  });

  it('login throttling is shared and exact: a parallel burst through both processes checks no more than the limit', async (t) => {
    const u = await createUser(w.admin, { username: `${tag}_victim`, role: 'county_regulator', region_code: '330203', login: false });
    const addr = fakeAddr();
    const clients = await Promise.all(Array.from({ length: 14 }, async (_, i) => {
      const c = pinned(i % 2 ? a.base : b.base, `guess${i}`, addr);
      await c.prepare();
      return c;
    }));
    const answers = await Promise.all(clients.map((c, i) => c.post('/auth/login', { username: u.user.username, password: `wrong-password-${i}` })));
    const statuses = answers.map((r) => r.status);
    const checked = statuses.filter((s) => s === 401).length;
    t.diagnostic(`14 parallel wrong passwords, 7 per process: ${checked} × 401, ${statuses.filter((s) => s === 429).length} × 429`);
    // Attempts in flight count as failures until they succeed, so a burst may get fewer than the
    // limit checked, never more.
    assert.ok(checked >= 1 && checked <= 5, `at most the limit (5) checked: ${statuses}`);
    assert.equal(statuses.filter((s) => s === 429).length, 14 - checked, `the rest throttled: ${statuses}`);
    for (const r of answers.filter((x) => x.status === 429)) assert.ok(Number(r.headers.get('retry-after')) > 0);
    // One at a time after the burst, alternating processes: checked until the limit, then refused.
    const after = [];
    for (let i = 0; i < 7; i++) {
      const c = pinned(i % 2 ? a.base : b.base, `late${i}`, addr);
      await c.prepare();
      after.push((await c.post('/auth/login', { username: u.user.username, password: `wrong-again-${i}` })).status);
    }
    assert.deepEqual(after, [...Array(5 - checked).fill(401), ...Array(7 - (5 - checked)).fill(429)], `sequential attempts after ${checked} checked`);
    // the right password is refused now on either process, from another address too
    for (const base of [a.base, b.base]) {
      const c = pinned(base, 'right', fakeAddr());
      await c.prepare();
      const r = await c.post('/auth/login', { username: u.user.username, password: u.password });
      assert.equal(r.status, 429, `${base}: ${show(r)}`);
    }
  });

  it('the public code-guessing throttle is shared and exact across both processes', async (t) => {
    const addr = fakeAddr();
    const codes = Array.from({ length: 40 }, (_, i) => `NOPE${tag}${String(i).padStart(4, '0')}`.toUpperCase());
    const answers = await Promise.all(codes.map((code, i) => pinned(i % 2 ? a.base : b.base, `guess${i}`, addr).get(`/public/results/${code}`)));
    const statuses = answers.map((r) => r.status);
    t.diagnostic(`40 parallel misses, 20 per process: ${statuses.filter((s) => s === 404).length} × 404, ${statuses.filter((s) => s === 429).length} × 429`);
    assert.equal(statuses.filter((s) => s === 404).length, 30, `exactly the limit (30) told apart: ${statuses}`);
    assert.equal(statuses.filter((s) => s === 429).length, 10, `the rest throttled: ${statuses}`);
    for (const base of [a.base, b.base]) {
      const r = await pinned(base, 'again', addr).get(`/public/results/${codes[0]}`);
      assert.equal(r.status, 429, `${base} throttles the address the other counted: ${show(r)}`);
    }
    // another address is not affected
    const other = await pinned(b.base, 'other', fakeAddr()).get(`/public/results/${codes[1]}`);
    assert.equal(other.status, 404, show(other));
  });

  it('writes that move the same campaign counters, concurrent through both processes, all succeed (no deadlock)', async (t) => {
    // Results of members move the campaign counters (one row per group at every region level),
    // product selections too; concurrent transactions used to lock those rows in opposite
    // orders and PostgreSQL aborted one of them as a deadlock.
    const year = Number(todayCst().slice(0, 4));
    const ents = [w.ents[0], w.ents[2]];
    const campaign = expectStatus(await w.city.client.post('/campaigns', {
      name: `${tag}计数竞争`, year, description: '多进程计数', start_date: todayCst(), end_date: `${year + 1}-12-31`,
      industries: ['38'], batches: [], phases: [], targets: [], regions: [{ region_code: '330203', quota: 9 }],
    }), 201).body;
    expectStatus(await w.city.client.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: ents.map((e) => e.enterprise.id) }), 200);
    const work = [];
    for (const e of ents) {
      const onA = await loginAs(a.base, e.username, e.password, 'a');
      const onB = await loginAs(b.base, e.username, e.password, 'b');
      for (let i = 0; i < 6; i++) work.push({ d: await filledDraft(onA, w.plan, `${tag}计数${i}`), c: [onA, onB][i % 2] });
    }
    const countyB = await loginAs(b.base, w.county.user.username, w.county.password, 'countyB');
    const answers = [];
    await Promise.all(work.map(async ({ d, c }, i) => {
      const s = await c.post(`/results/${d.id}/submit`, { version: d.version });
      answers.push(s);
      if (s.status !== 200) return;
      const reviewer = i % 2 ? w.county.client : countyB;
      answers.push(await reviewer.post(`/results/${d.id}/review`, { version: s.body.version, action: 'pass', comment: '通过' }));
    }));
    // and selections moving the products counter at the same time
    const pickers = [...work.slice(0, 3), ...work.slice(6, 9)]; // three per enterprise (the limit)
    const prods = await Promise.all(pickers.map(({ c }, i) => c.post('/products', { name: `${tag}选${i}`, model: 'M', category: '洗衣机', industry_code: '38', standards: ['GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020' })));
    answers.push(...prods);
    answers.push(...(await Promise.all(prods.map((p, i) => pickers[i].c.post(`/products/${p.body.id}/selection`, { selected: true })))));
    t.diagnostic(`${answers.length} concurrent writes through two processes`);
    assert.deepEqual(answers.filter((r) => r.status >= 300).map(show), []);
    const stats = expectStatus(await w.city.client.get(`/campaigns/${campaign.id}/stats`), 200).body;
    assert.equal(stats.totals.enterprises, 2);
  });

  it('no lost update: the same version edited through both processes at once is applied once', async () => {
    const e = w.ents[1];
    const entA = await loginAs(a.base, e.username, e.password, 'entA');
    const entB = await loginAs(b.base, e.username, e.password, 'entB');
    const cityA = w.city.client;
    const cityB = await loginAs(b.base, w.city.user.username, w.city.password, 'cityB');
    const problems = [];
    const race = async (what, send, read, mark) => {
      const answers = await Promise.all([['a', 0], ['b', 1]].map(async ([p, i]) => ({ p, r: await send(i) })));
      const st = answers.map((x) => x.r.status).sort();
      if (JSON.stringify(st) !== '[200,409]') { problems.push(`${what}: ${answers.map((x) => `${x.p} ${show(x.r)}`).join(' | ')}`); return; }
      const won = answers.find((x) => x.r.status === 200);
      const lost = answers.find((x) => x.r.status === 409);
      if (lost.r.body?.error?.code !== 'conflict') problems.push(`${what}: 409 without code conflict`);
      const now = await read();
      if (mark(now) !== won.p) problems.push(`${what}: stored ${mark(now)}, acknowledged ${won.p}`);
    };
    for (let i = 0; i < 5; i++) {
      const d = await filledDraft(entA, w.plan, `${tag}竞争${i}`);
      await race(`draft ${d.id}`, (k) => [entA, entB][k].put(`/results/${d.id}`, {
        version: d.version, enterprise_standard: 'Q/NBHS 001-2020', indicators: indicatorRows(), conclusion: k ? 'b' : 'a',
      }), async () => expectStatus(await entA.get(`/results/${d.id}`), 200).body, (r) => r.conclusion);
    }
    const year = Number(todayCst().slice(0, 4));
    const campaign = expectStatus(await cityA.post('/campaigns', {
      name: `${tag}宁波市专项行动`, year, description: '多进程测试', start_date: todayCst(), end_date: `${year + 1}-12-31`,
      industries: ['38'], batches: [], phases: [], targets: [], regions: [{ region_code: '330203', quota: 3 }],
    }), 201, 'campaign').body;
    let cur = campaign;
    for (let i = 0; i < 3; i++) {
      await race(`campaign round ${i}`, (k) => [cityA, cityB][k].put(`/campaigns/${campaign.id}`, {
        name: `${tag}宁波市专项行动（${k ? 'b' : 'a'}${i}）`, year, description: '多进程测试', start_date: todayCst(), end_date: `${year + 1}-12-31`,
        industries: ['38'], batches: [], phases: [], targets: [], regions: [{ region_code: '330203', quota: 3 }], version: cur.version,
      }), async () => (cur = expectStatus(await cityA.get(`/campaigns/${campaign.id}`), 200).body), (c) => c.name.match(/（([ab])\d）/)?.[1]);
    }
    const notice = expectStatus(await cityA.post('/notices', { title: `${tag}通知`, body: '正文', audience: 'subtree' }), 201, 'notice').body;
    let nv = notice;
    for (let i = 0; i < 3; i++) {
      await race(`notice round ${i}`, (k) => [cityA, cityB][k].put(`/notices/${notice.id}`, {
        title: `${tag}通知 ${k ? 'b' : 'a'}`, body: `正文 ${i}`, audience: 'subtree', version: nv.version,
      }), async () => (nv = expectStatus(await cityA.get(`/notices/${notice.id}`), 200).body), (n) => n.title.slice(-1));
    }
    assert.deepEqual(problems, []);
  });
});
