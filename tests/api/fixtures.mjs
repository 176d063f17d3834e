// Helpers shared by the API tests (tests/api/*.test.mjs).
// Builds on tests/lib/server.mjs: startServer(), Client, cli(), checkChar().
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import net from 'node:net';
import zlib from 'node:zlib';
import { Client, cli, checkChar, startServer } from '../lib/server.mjs';

export { startServer, cli, checkChar };

export const API = '/api/v1';
// When set, the main flow file runs once more against this PostgreSQL database (shared between runs).
export const PG = process.env.DUIBIAO_TEST_PG || null;

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export function suffix(n = 6) {
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}

// A password that satisfies the policy (>= 10 chars, letters and digits) and is unique.
export function makePassword() {
  return `Pw${suffix(10)}7k`;
}

// ---------------------------------------------------------------- credit codes
export const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// A random valid GB 32100 code for a 6-digit region (random 9-char organisation code).
export function makeCode(region = '330203') {
  let org = '';
  for (let i = 0; i < 9; i++) org += CODE_CHARS[randomInt(CODE_CHARS.length)];
  const first17 = '91' + region + org;
  return first17 + checkChar(first17);
}

// A random valid code whose check character is in `chars` (to make "names the expected char" checks meaningful).
export function makeCodeWithCheckIn(region, chars) {
  for (;;) {
    const c = makeCode(region);
    if (chars.includes(c[17])) return c;
  }
}

// The same code with a wrong (but allowed) 18th character.
export function breakCheck(code) {
  const right = code[17];
  const wrong = CODE_CHARS[(CODE_CHARS.indexOf(right) + 1 + randomInt(CODE_CHARS.length - 1)) % CODE_CHARS.length];
  assert.notEqual(wrong, right);
  return code.slice(0, 17) + wrong;
}

// ---------------------------------------------------------------- client
// Client that prefixes /api/v1, remembers who it is, and annotates every response
// with method, url and actor so failing assertions say which request failed.
export class Api extends Client {
  constructor(base, name = 'anon') {
    super(base);
    this.name = name;
    this.user = null;
    this.password = null;
  }
  async request(method, url, o = {}) {
    const full = url.startsWith('/api/') ? url : API + url;
    let r;
    try {
      r = await super.request(method, full, o);
    } catch (e) {
      e.message = `${method} ${full} (as ${this.name}): ${e.message}`;
      throw e;
    }
    r.method = method;
    r.url = full;
    r.actor = this.name;
    r.sent = o.json;
    return r;
  }
  // Refreshes user and csrf token from /auth/me.
  async me() {
    const r = await this.get('/auth/me');
    if (r.status === 200) this.user = r.body.user;
    return r;
  }
}

export function show(r) {
  const sent = r.sent === undefined ? '' : ` body=${JSON.stringify(r.sent).slice(0, 300)}`;
  return `${r.method} ${r.url} as ${r.actor}${sent} → ${r.status} ${String(r.text).slice(0, 600)}`;
}

export function expectStatus(r, status, note = '') {
  assert.equal(r.status, status, `${note ? note + ': ' : ''}expected ${status}: ${show(r)}`);
  return r;
}

// Asserts an error answer of the contract's shape {"error":{"code","message","fields"?}}.
export function expectError(r, status, code, note = '') {
  expectStatus(r, status, note);
  assert.match(r.headers.get('content-type') || '', /application\/json/, `error must be JSON: ${show(r)}`);
  assert.ok(r.body && typeof r.body === 'object' && r.body.error, `error body missing: ${show(r)}`);
  if (code) assert.equal(r.body.error.code, code, `error code: ${show(r)}`);
  assert.equal(typeof r.body.error.message, 'string', `error.message: ${show(r)}`);
  assert.ok(r.body.error.message.trim().length > 0, `error.message empty: ${show(r)}`);
  return r.body.error;
}

// The key of `fields` that refers to `name` ("credit_code", "enterprise.credit_code", "enterprise[credit_code]").
export function fieldKey(fields, name) {
  if (!fields || typeof fields !== 'object') return undefined;
  return Object.keys(fields).find(
    (k) => k === name || k.endsWith('.' + name) || k.endsWith('[' + name + ']') || k.endsWith('/' + name),
  );
}

// True when the error names the field, in `fields` or in the message as a whole word.
export function namesField(err, name) {
  if (fieldKey(err.fields, name)) return true;
  const re = new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`);
  return re.test(err.message || '');
}

export function expectFields(r, names, status = 422, code = 'validation_failed') {
  const err = expectError(r, status, code);
  assert.ok(err.fields && typeof err.fields === 'object', `validation error without fields: ${show(r)}`);
  for (const n of names) {
    const k = fieldKey(err.fields, n);
    assert.ok(k, `fields must name "${n}": ${show(r)}`);
    assert.equal(typeof err.fields[k], 'string', `fields["${k}"] must be a message: ${show(r)}`);
    assert.ok(err.fields[k].length > 0, `fields["${k}"] empty: ${show(r)}`);
  }
  return err;
}

// ---------------------------------------------------------------- sessions and data
export async function loginAs(base, username, password, name = username) {
  const c = new Api(base, name);
  await c.prepare();
  const r = await c.post('/auth/login', { username, password });
  expectStatus(r, 200, `login ${username}`);
  c.user = r.body.user;
  c.password = password;
  return c;
}

// Logs the administrator in. On a database that was initialised before (a shared PostgreSQL),
// no password is printed, so a new administrator is created with the CLI.
export async function adminClient(server, { db } = {}) {
  let username = 'admin';
  let password = server.adminPassword;
  if (!password) {
    username = `admin_${suffix()}`;
    password = makePassword();
    const args = ['admin', 'create', '--data', server.dataDir, '--username', username, '--password-stdin'];
    if (db) args.push('--db', db);
    cli(args, { input: password });
  }
  let c = await loginAs(server.base, username, password, 'admin');
  if (c.user.must_change_password) {
    // The first administrator may be asked to replace the printed password: do so, and keep
    // server.adminPassword current for tests that log in again.
    c = await settle(c);
    if (username === 'admin') server.adminPassword = c.password;
  }
  return c;
}

// A user whose must_change_password is set changes it once, so the client can act normally.
export async function settle(c) {
  if (!c.user?.must_change_password) return c;
  const newPw = makePassword();
  const r = await c.post('/auth/password', { old_password: c.password, new_password: newPw });
  expectStatus(r, 204, `first password change of ${c.user.username}`);
  c.password = newPw;
  const me = await c.me();
  if (me.status === 401) return loginAs(c.base, c.user.username, newPw, c.name);
  expectStatus(me, 200);
  return c;
}

// Creates a user as admin and (unless login:false) returns a logged-in client for it.
// Returns {user, password, client}.
export async function createUser(admin, { username, role, region_code, enterprise_id, name, login = true }) {
  const password = makePassword();
  const body = { username, display_name: `测试 ${username}`, role, password };
  if (region_code) body.region_code = region_code;
  if (enterprise_id) body.enterprise_id = enterprise_id;
  const r = await admin.post('/users', body);
  expectStatus(r, 201, `create user ${username}`);
  const user = r.body.user;
  if (!login) return { user, password, initialPassword: password, client: null };
  let client = await loginAs(admin.base, username, password, name || username);
  client = await settle(client);
  return { user, password: client.password, initialPassword: password, client };
}

export function enterpriseBody(o = {}) {
  // `??`: an explicitly given empty string is sent as is
  const region = o.region ?? '330203';
  return {
    name: o.name ?? `测试企业${suffix(4)}有限公司`,
    credit_code: o.code ?? makeCode(/^\d{6}$/.test(region) ? region : '330200'),
    region_code: region,
    industry_code: o.industry ?? 'C',
    contact_name: '张三',
    contact_phone: '0574-87654321',
    contact_email: 'contact@example.com',
    address: '浙江省宁波市测试路1号',
    flags: o.flags ?? ['above_size'],
    ...(o.pilot !== undefined ? { pilot_code: o.pilot } : {}),
    ...(o.extra || {}),
  };
}

export function userBody(o = {}) {
  return {
    username: o.username ?? `ent_${suffix(8)}`,
    password: o.password ?? makePassword(),
    display_name: o.display_name ?? '企业联系人',
  };
}

// Registers an enterprise through the public route; returns
// {client (logged in as the new enterprise user), enterprise, user, username, password, code}.
export async function registerEnterprise(base, o = {}) {
  const c = new Api(base, o.actor || 'registrant');
  await c.prepare();
  const ent = enterpriseBody(o);
  const usr = userBody(o);
  const r = await c.post('/enterprises/register', { enterprise: ent, user: usr });
  expectStatus(r, 201, `register ${ent.credit_code}`);
  c.password = usr.password;
  const me = await c.me();
  expectStatus(me, 200, 'registration must log the user in');
  return { client: c, enterprise: r.body.enterprise, user: r.body.user, username: usr.username, password: usr.password, code: ent.credit_code };
}

// Pages through a list route and returns all items (stops after maxPages).
export async function listAll(client, url, { maxPages = 1000, pageSize = 200 } = {}) {
  const items = [];
  const sep = url.includes('?') ? '&' : '?';
  for (let page = 1; page <= maxPages; page++) {
    const r = await client.get(`${url}${sep}page=${page}&page_size=${pageSize}`);
    expectStatus(r, 200);
    assert.ok(Array.isArray(r.body.items), `items must be an array: ${show(r)}`);
    items.push(...r.body.items);
    if (r.body.items.length < pageSize || items.length >= r.body.total) break;
  }
  return items;
}

// Finds the first audit row matching pred, paging (newest pages first is not assumed).
export async function findAudit(client, pred, { maxPages = 20 } = {}) {
  for (let page = 1; page <= maxPages; page++) {
    const r = await client.get(`/audit?page=${page}&page_size=200`);
    expectStatus(r, 200);
    const hit = r.body.items.find(pred);
    if (hit) return hit;
    if (r.body.items.length < 200) break;
  }
  return undefined;
}

export const sameId = (a, b) => a !== undefined && a !== null && String(a) === String(b);

// Region ancestry via GET /regions/{code}; cached per base URL.
const pathCache = new Map();
export async function regionLineage(base, code) {
  const key = base + ' ' + code;
  if (!pathCache.has(key)) {
    const r = await new Api(base).get(`/regions/${encodeURIComponent(code)}`);
    expectStatus(r, 200, `region ${code}`);
    pathCache.set(key, new Set([code, ...(r.body.path || []).map((p) => p.code)]));
  }
  return pathCache.get(key);
}
export async function inSubtree(base, code, root) {
  if (code === null || code === undefined || code === '') return false;
  return (await regionLineage(base, code)).has(root);
}

// ---------------------------------------------------------------- raw HTTP
// Sends a request over a plain socket so an early answer (413 before the body is read) is still seen.
// body: string/Buffer sent with Content-Length, or chunks: array of Buffers sent chunked.
export function rawRequest(port, { method = 'POST', path, headers = {}, body, chunks, timeoutMs = 30000 }) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const text = data.toString('utf8');
      const m = text.match(/^HTTP\/1\.[01] (\d{3})/);
      if (!m) return reject(err || new Error('no HTTP answer: ' + JSON.stringify(text.slice(0, 200))));
      const sep = text.indexOf('\r\n\r\n');
      const head = sep >= 0 ? text.slice(0, sep) : text;
      const hdrs = {};
      for (const line of head.split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) hdrs[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(m[1]), headers: hdrs, text: sep >= 0 ? text.slice(sep + 4) : '' });
    };
    const timer = setTimeout(() => finish(new Error('timeout')), timeoutMs);
    sock.on('data', (d) => {
      data = Buffer.concat([data, d]);
      const text = data.toString('latin1');
      const sep = text.indexOf('\r\n\r\n');
      if (sep >= 0) {
        const cl = text.slice(0, sep).match(/\r\ncontent-length:\s*(\d+)/i);
        if (cl && data.length >= sep + 4 + Number(cl[1])) finish();
      }
    });
    sock.on('end', () => finish());
    sock.on('close', () => finish());
    sock.on('error', (e) => { if (data.length) finish(); else if (!['EPIPE', 'ECONNRESET'].includes(e.code)) finish(e); });
    sock.on('connect', () => {
      const h = { host: `127.0.0.1:${port}`, connection: 'close', 'content-type': 'application/json', ...headers };
      if (chunks) h['transfer-encoding'] = 'chunked';
      else if (body !== undefined) h['content-length'] = String(Buffer.byteLength(body));
      const head = `${method} ${path} HTTP/1.1\r\n` + Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\r\n') + '\r\n\r\n';
      const write = (b) => { if (!sock.destroyed) sock.write(b, () => {}); };
      write(head);
      if (chunks) {
        for (const c of chunks) write(Buffer.concat([Buffer.from(c.length.toString(16) + '\r\n'), c, Buffer.from('\r\n')]));
        write('0\r\n\r\n');
      } else if (body !== undefined) write(body);
    });
  });
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// ---------------------------------------------------------------- xlsx exports
// GET of a binary answer (xlsx) with the client's cookies; errors are parsed as JSON.
export async function getBinary(client, url) {
  const full = url.startsWith('/api/') ? url : API + url;
  const headers = client.cookies.size ? { cookie: client.cookieHeader() } : {};
  const res = await fetch(client.base + full, { headers, redirect: 'manual' });
  const buf = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') || '';
  let body = null;
  if (type.includes('json')) {
    try { body = JSON.parse(buf.toString('utf8')); } catch { body = null; }
  }
  const text = body ? buf.toString('utf8') : `<${buf.length} bytes of ${type}>`;
  return { status: res.status, headers: res.headers, body, text, buf, method: 'GET', url: full, actor: client.name };
}

// The text of every entry of a zip file (enough to read the XML inside an xlsx).
export function unzipEntries(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(off), 0x02014b50, 'zip central directory');
    const method = buf.readUInt16LE(off + 10);
    const csize = buf.readUInt32LE(off + 20);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    const local = buf.readUInt32LE(off + 42);
    const name = buf.toString('utf8', off + 46, off + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + csize);
    files[name] = (method === 0 ? data : zlib.inflateRawSync(data)).toString('utf8');
    off += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

// Asserts an xlsx answer and returns the text of its worksheets and shared strings.
export function xlsxText(r) {
  assert.match(r.headers.get('content-type') || '', /spreadsheetml|officedocument|octet-stream/, `xlsx content type: ${r.text}`);
  assert.equal(r.buf.subarray(0, 2).toString('latin1'), 'PK', 'xlsx is a zip file');
  const files = unzipEntries(r.buf);
  assert.ok(Object.keys(files).some((n) => n.startsWith('xl/worksheets/')), 'xlsx without worksheet');
  return Object.entries(files).filter(([n]) => /^xl\/(worksheets\/|sharedStrings)/.test(n)).map(([, t]) => t).join('\n');
}

// Today in China Standard Time (the office's calendar), YYYY-MM-DD.
export function todayCst() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

// A benchmarking plan with `indicators` taken through draft → consultation → 公示 (ending
// today) → published, by a technical body `tech` and the national office `national` (Api
// clients). Returns the published plan.
export async function publishPlan(tech, national, o = {}) {
  const body = {
    product: o.product ?? '家用电动洗衣机',
    industry_code: o.industry_code ?? '38',
    author_org: '宁波市标准化研究院',
    summary: '洗衣机性能指标对标 IEC',
    standards: o.standards ?? [
      { role: 'domestic', number: 'GB/T 4288-2018' },
      { role: 'benchmark', number: 'IEC 60456:2010' },
    ],
    indicators: o.indicators ?? [
      { name: '洗净比', unit: '', domestic_requirement: '≥0.70', benchmark_requirement: '≥0.80', core: true },
      { name: '噪声', unit: 'dB(A)', domestic_requirement: '≤62', benchmark_requirement: '≤65 dB(A)', core: true },
      { name: '泄漏电流', unit: 'mA', domestic_requirement: '≤0.75 mA', benchmark_requirement: '≤0.75mA', safety: true },
    ],
  };
  // Benchmark standards must be in the catalog (409: already there).
  for (const st of body.standards.filter((x) => x.role === 'benchmark')) {
    const c = await national.post('/standards', { number: st.number, title_zh: `对标标准 ${st.number}` });
    if (c.status !== 201 && c.status !== 409) expectStatus(c, 201, 'catalog entry');
  }
  let r = expectStatus(await tech.post('/plans', body), 201, 'draft plan');
  const id = r.body.id;
  expectStatus(await tech.post(`/plans/${id}/actions`, { action: 'submit' }), 200, 'plan to consultation');
  const today = todayCst();
  expectStatus(await tech.post(`/plans/${id}/actions`, { action: 'notice', notice_start: today, notice_end: today }), 200, 'plan to notice');
  r = expectStatus(await national.post(`/plans/${id}/actions`, { action: 'publish' }), 200, 'publish plan');
  return r.body;
}
