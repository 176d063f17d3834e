// Starts the real duibiao binary on a free loopback port with a fresh data directory,
// and gives tests a small HTTP client that keeps cookies and the CSRF token.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const binary = process.env.DUIBIAO_BIN || path.join(repoRoot, 'build', 'duibiao');

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

// Runs a CLI command of the binary synchronously and returns stdout.
export function cli(args, { input } = {}) {
  return execFileSync(binary, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

// Starts `duibiao serve`. Options: dataDir (reuse), db (URL; default SQLite in dataDir), extraArgs.
// Resolves once the server prints its listening line. The administrator password printed on
// the first start is returned as `adminPassword` (null when the data directory was not new).
export async function startServer(opts = {}) {
  const dataDir = opts.dataDir || mkdtempSync(path.join(tmpdir(), 'duibiao-test-'));
  const port = opts.port || (await freePort());
  const args = ['serve', '--host', '127.0.0.1', '--port', String(port), '--data', dataDir];
  if (opts.db) args.push('--db', opts.db);
  if (opts.web) args.push('--web', opts.web);
  args.push(...(opts.extraArgs || []));
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let adminPassword = null;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 60 s:\n' + out)), 60000);
    const onData = (chunk) => {
      out += chunk.toString();
      const m = out.match(/password: (\S+)/);
      if (m) adminPassword = m[1];
      if (/listening on http:\/\//.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  await ready;
  child.removeAllListeners('exit');
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    port,
    base,
    dataDir,
    adminPassword,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise((r) => child.on('exit', (code, sig) => r(code ?? sig)));
      child.kill(signal);
      return exited;
    },
    cleanup() {
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// A client with its own cookie jar; `csrf` is filled from login / me / csrf answers.
export class Client {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
    this.csrf = null;
  }
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  storeCookies(res) {
    for (const line of res.headers.getSetCookie?.() || []) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  // Low-level request: returns {status, headers, body (parsed JSON or text), text}.
  async request(method, url, { json, body, headers = {}, csrf = true } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (json !== undefined) {
      h['content-type'] = 'application/json';
      body = JSON.stringify(json);
    }
    if (csrf && this.csrf && !['GET', 'HEAD'].includes(method)) h['x-csrf-token'] = this.csrf;
    const res = await fetch(this.base + url, { method, headers: h, body, redirect: 'manual' });
    this.storeCookies(res);
    const text = await res.text();
    let parsed = text;
    if ((res.headers.get('content-type') || '').includes('application/json') && text) {
      parsed = JSON.parse(text);
    }
    if (parsed && typeof parsed === 'object' && typeof parsed.csrf_token === 'string') this.csrf = parsed.csrf_token;
    return { status: res.status, headers: res.headers, body: parsed, text };
  }
  get(url, o) { return this.request('GET', url, o); }
  post(url, json, o = {}) { return this.request('POST', url, { ...o, json }); }
  put(url, json, o = {}) { return this.request('PUT', url, { ...o, json }); }
  patch(url, json, o = {}) { return this.request('PATCH', url, { ...o, json }); }
  del(url, o) { return this.request('DELETE', url, o); }
  // Fetches a pre-session CSRF token (double-submit cookie).
  async prepare() {
    const r = await this.get('/api/v1/auth/csrf');
    if (r.status !== 200) throw new Error('csrf: ' + r.status + ' ' + r.text);
    return this;
  }
  async login(username, password) {
    await this.prepare();
    const r = await this.post('/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    return r.body.user;
  }
}

// Computes a valid GB 32100 credit code from its first 17 characters.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function checkChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first17[i]) * WEIGHTS[i];
  return CHARS[(31 - (sum % 31)) % 31];
}
// A valid code for a region (6 digits) and a sequence number, unique per (region, n).
export function makeCreditCode(region, n) {
  const org = String(n).padStart(8, '0') + '0';
  const first17 = '91' + region + org;
  return first17 + checkChar(first17);
}
