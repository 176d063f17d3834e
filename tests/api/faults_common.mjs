// Shared by the fault tests (faults_*.test.mjs): a seeded random generator, a throwaway
// PostgreSQL cluster of the test's own (it is restarted, so it cannot be the shared one), a small
// tmpfs for the data directory (disk full), SQL read-backs of the database files, and the world
// of users, plans and enterprises the writers need.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import {
  adminClient, createUser, expectStatus, publishPlan, registerEnterprise, todayCst,
} from './fixtures.mjs';

export const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

// ---------------------------------------------------------------- seeded randomness
// mulberry32: small, fast, and the same sequence for the same seed on every machine.
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  return next;
}
// The seed of a run: FAULTS_SEED when given (to replay a failure), else a fresh one (printed).
export function runSeed() {
  const s = process.env.FAULTS_SEED;
  return s ? Number(s) >>> 0 : randomBytes(4).readUInt32LE(0);
}

// ---------------------------------------------------------------- files
// A PDF by content (the server sniffs `%PDF-`), unique, of about `size` bytes.
export function pdfBytes(size = 4096) {
  return Buffer.concat([Buffer.from('%PDF-1.4\n% duibiao fault test\n'), randomBytes(Math.max(16, size - 32))]);
}
export const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

// Files under uploads/: {hash → size} of the stored files, and the temporary files left there.
export function uploadsOnDisk(dataDir) {
  const dir = path.join(dataDir, 'uploads');
  const files = new Map();
  const temporary = [];
  if (!existsSync(dir)) return { files, temporary };
  for (const sub of readdirSync(dir)) {
    const d = path.join(dir, sub);
    if (!statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d)) {
      if (f.includes('.tmp')) temporary.push(path.join(sub, f));
      else files.set(f, statSync(path.join(d, f)).size);
    }
  }
  return { files, temporary };
}

// Every file row of the database has its file, of its size and with the content its name is
// the hash of; returns the problems (empty when none).
export function checkFileRows(dataDir, rows) {
  const problems = [];
  for (const r of rows) {
    const p = path.join(dataDir, 'uploads', r.hash.slice(0, 2), r.hash);
    if (!existsSync(p)) { problems.push(`${r.what} ${r.hash}: no file`); continue; }
    const buf = readFileSync(p);
    if (r.size !== undefined && buf.length !== Number(r.size)) problems.push(`${r.what} ${r.hash}: ${buf.length} bytes, the row says ${r.size}`);
    if (sha256(buf) !== r.hash) problems.push(`${r.what} ${r.hash}: content does not match its hash`);
  }
  return problems;
}

// ---------------------------------------------------------------- SQL read-backs
// Rows of a query on a SQLite file (the sqlite3 shell, read-only; works while a server holds it).
export function sqliteRows(file, sql) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', file, sql], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.trim() ? JSON.parse(out) : [];
}
export const HAVE_SQLITE3 = spawnSync('sqlite3', ['-version']).status === 0;

// Rows of a query on PostgreSQL, as objects (psql, JSON aggregated by the server).
export function pgRows(url, sql) {
  const out = execFileSync(path.join(PG_BIN, 'psql'), ['-Atq', '-v', 'ON_ERROR_STOP=1', url, '-c',
    `SELECT COALESCE(json_agg(t), '[]'::json) FROM (${sql}) t`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out.trim() || '[]');
}

// One interface over both: rows(sql) with the SQL written to run on either backend.
export function sqlOf(db, dataDir) {
  if (db) return { kind: 'postgresql', rows: (sql) => pgRows(db, sql) };
  const file = path.join(dataDir, 'duibiao.db');
  return { kind: 'sqlite', rows: (sql) => sqliteRows(file, sql) };
}

// ---------------------------------------------------------------- a PostgreSQL of the test's own
export const PG_BIN = process.env.PG_BIN ||
  (existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)).map((v) => `/usr/lib/postgresql/${v}/bin`).pop() : '');
export const HAVE_PG = !!PG_BIN && existsSync(path.join(PG_BIN, 'pg_ctl'));

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

// initdb + start on a free loopback port. Returns {url, dir, port, stop(), start(), restart()}.
export async function ownPostgres() {
  const dir = mkdtempSync(path.join(tmpdir(), 'duibiao-faults-pg-'));
  const port = await freePort();
  const asUser = IS_ROOT ? ['runuser', '-u', 'postgres', '--'] : [];
  if (IS_ROOT) {
    spawnSync('id', ['postgres']).status === 0 || execFileSync('useradd', ['--system', '--no-create-home', 'postgres']);
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, -1);
  }
  const argvOf = (bin, args) => (asUser.length
    ? [asUser[0], [...asUser.slice(1), path.join(PG_BIN, bin), ...args]]
    : [path.join(PG_BIN, bin), args]);
  const run = (bin, args) => {
    const [cmd, argv] = argvOf(bin, args);
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')}: ${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  // The same without blocking the event loop (the load goes on while pg_ctl waits).
  const runAsync = async (bin, args) => {
    const [cmd, argv] = argvOf(bin, args);
    return (await promisify(execFile)(cmd, argv, { encoding: 'utf8' })).stdout;
  };
  run('initdb', ['-D', `${dir}/data`, '-U', 'duibiao', '--auth=trust', '--locale=C.UTF-8', '--encoding=UTF8']);
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=100`;
  const pg = {
    dir, port,
    url: `postgresql://duibiao@127.0.0.1:${port}/faults`,
    start: () => run('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/server.log`, '-w', '-t', '60', '-o', opts, 'start']),
    stop: (mode = 'fast') => run('pg_ctl', ['-D', `${dir}/data`, '-m', mode, '-w', 'stop']),
    startAsync: () => runAsync('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/server.log`, '-w', '-t', '60', '-o', opts, 'start']),
    stopAsync: (mode = 'fast') => runAsync('pg_ctl', ['-D', `${dir}/data`, '-m', mode, '-w', 'stop']),
    destroy: () => {
      try { pg.stop('immediate'); } catch { /* not running */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  execFileSync(path.join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'duibiao', 'faults']);
  return pg;
}

// A new, empty database on the PostgreSQL server of `url` (the API suites share one database,
// and the checks that read rows back must see this test's rows only). Returns {url, drop()}.
export function ownDatabaseOn(url, prefix) {
  const u = new URL(url);
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username)];
  execFileSync(path.join(PG_BIN, 'createdb'), [...args, name]);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: () => spawnSync(path.join(PG_BIN, 'dropdb'), [...args, '--if-exists', '--force', name]),
  };
}

// ---------------------------------------------------------------- a small disk
// Mounts a tmpfs of `mib` MiB on a new directory (root only). Returns {dir, fill(), free(), unmount()}.
// fill() writes a filler file until the disk is full; free() removes it.
export function smallDisk(mib) {
  const dir = mkdtempSync(path.join(tmpdir(), 'duibiao-faults-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m`, 'tmpfs', dir]);
  const filler = path.join(dir, 'filler');
  return {
    dir,
    fill() {
      // dd stops with "No space left on device": that is the point.
      spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { encoding: 'utf8' });
      spawnSync('sync');
      return statSync(filler).size;
    },
    available() {
      const out = execFileSync('df', ['-B1', '--output=avail', dir], { encoding: 'utf8' }).trim().split('\n').pop();
      return Number(out.trim());
    },
    free() { rmSync(filler, { force: true }); },
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- the world the writers need
export const indicatorRows = (fileHash) => [
  { enterprise_requirement: '≥0.85', measured_value: '0.88', report_number: 'BG-2026-901', lab: '宁波市产品质量检验研究院', report_date: todayCst(), ...(fileHash ? { file_hash: fileHash } : {}) },
  { enterprise_requirement: '≤60 dB(A)', measured_value: '58', report_number: 'BG-2026-901', lab: '宁波市产品质量检验研究院', report_date: todayCst() },
  { enterprise_requirement: '≤0.75 mA', measured_value: '0.5', report_number: 'BG-2026-902', lab: '宁波市产品质量检验研究院', report_date: todayCst() },
];

export const productBody = (name) => ({
  name, model: 'XQB80', category: '洗衣机', industry_code: '38',
  standards: ['GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020',
});

// Users of every office the writers act as, a published plan and `enterprises` registered
// enterprises of 海曙 (330203). Usernames carry `tag` (a shared PostgreSQL outlives runs).
export async function world(srv, { db, tag, enterprises = 1 } = {}) {
  const admin = await adminClient(srv, db ? { db } : {});
  const mk = async (name, role, region_code) =>
    (await createUser(admin, { username: `${tag}_${name}`, role, region_code, name }));
  const [national, tech, county, city, province] = await Promise.all([
    mk('national', 'national_office'), mk('tech', 'technical_body'), mk('county', 'county_regulator', '330203'),
    mk('city', 'city_regulator', '330200'), mk('province', 'province_regulator', '330000'),
  ]);
  const plan = await publishPlan(tech.client, national.client);
  const ents = [];
  for (let i = 0; i < enterprises; i++) ents.push(await registerEnterprise(srv.base, { region: '330203', actor: `ent${i}`, industry: '38' }));
  return { admin, national, tech, county, city, province, plan, ents };
}

// A product, selected, with a result draft against `plan` filled in; selection released again
// (at most three products may be selected at a time). Returns the filled draft.
export async function filledDraft(ent, plan, name, fileHash) {
  const p = expectStatus(await ent.post('/products', productBody(name)), 201, 'product').body;
  expectStatus(await ent.post(`/products/${p.id}/selection`, { selected: true }), 200, 'select');
  const r = expectStatus(await ent.post('/results', { product_id: p.id, plan_id: plan.id }), 201, 'new result').body;
  expectStatus(await ent.post(`/products/${p.id}/selection`, { selected: false }), 200, 'unselect');
  return expectStatus(await ent.put(`/results/${r.id}`, {
    version: r.version, enterprise_standard: 'Q/NBHS 001-2020', indicators: indicatorRows(fileHash), conclusion: '各项指标达到或优于对标标准',
  }), 200, 'fill').body;
}

// An error answer of the contract's shape with the given status and code.
export function isErrorAnswer(r, status, code) {
  return r.status === status && r.body && typeof r.body === 'object' && r.body.error?.code === code &&
    typeof r.body.error.message === 'string' && r.body.error.message.length > 0;
}

export { assert };
