#!/usr/bin/env node
// Route fuzzer over real HTTP (issue 13). Starts the real binary on SQLite, builds a world with
// users of every role and data in every state (world.mjs), then sends every route of
// `duibiao routes` generated requests as each role: bodies from per-route templates or the
// OpenAPI schema with odd numbers (1e999, -0, …), NaN-like text, deep nesting, long strings,
// control characters, lone surrogates, duplicate keys, wrong types, missing and extra fields,
// other regions' ids; odd query strings and path parameters.
//
// It fails on: any 5xx; the server exiting or a request taking more than 10 s; a 2xx after which
// a stored text that changed holds a control character other than \t \n \r (C0 and DEL:
// stored-control-char; C1, U+0080–U+009F: stored-c1-control; the classes are in db_watch.mjs)
// or is not UTF-8; any change of the stored data after a 4xx (every table compared before and
// after, audit_log, login_attempts, sessions and code_lookup_misses excepted); a login (or registration) from a
// client holding a session that leaves that session alive.
//
// Phases: every route as every role with a sensible request; every field of every JSON body
// with a wrong type, a number no double holds, a NUL and a C1 control (U+0085); every query parameter
// with NUL, 1e999, bytes that are not UTF-8 and a huge integer; then random mutations until the
// time is up. --seconds is the fuzzing time; building the world adds about 10 s.
//
//   node tests/route-fuzz/route_fuzz.mjs [--seconds N] [--seed N] [--cases N] [--out DIR] [--keep] [--verbose] [--trace TEXT]
//   node tests/route-fuzz/route_fuzz.mjs --replay FILE     one recorded case against a fresh world
// (scripts/fuzz-routes wraps it.) --trace prints every case whose route contains TEXT.
//
// Deterministic for a seed and a binary: the world is built in a fixed order, every choice comes
// from a seeded PRNG; --cases N stops after N cases instead of a time budget.
import http from 'node:http';
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, cli, repoRoot, binary } from '../lib/server.mjs';
import { buildWorld } from './world.mjs';
import { DbWatcher, diffSnapshots, decodeRow, rowKey, textProblems, IGNORED_TABLES } from './db_watch.mjs';
import {
  Rng, toBytes, mutateBody, oddWholeBody, nodes, setAt, pathName, Raw, HUGE_NUMBERS, CONTROL_CHARS, wrongTypes,
  ODD_QUERY_VALUES, ODD_PATH_IDS, encodeQueryValue,
} from './gen.mjs';
import { ROLE_NAMES, naturalRoles, poolFor, queryValue, jsonTemplate, fromSchema, rawBody, side } from './templates.mjs';

const REQUEST_TIMEOUT_MS = 10000;
const MAX_BODY = 1048576;

// ---------------------------------------------------------------- options
function parseArgs(argv) {
  const o = { seconds: 60, seed: 1, cases: Infinity, out: null, keep: false, verbose: false, replay: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i]; };
    if (a === '--seconds') o.seconds = Number(next());
    else if (a === '--seed') o.seed = Number(next());
    else if (a === '--cases') o.cases = Number(next());
    else if (a === '--out') o.out = next();
    else if (a === '--keep') o.keep = true;
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--trace') o.trace = next();
    else if (a === '--replay') o.replay = next();
    else if (a === '--help' || a === '-h') { o.help = true; }
    else if (/^\d+$/.test(a)) o.seconds = Number(a);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isFinite(o.seconds) || o.seconds <= 0) throw new Error('--seconds must be a positive number');
  if (!Number.isInteger(o.seed)) throw new Error('--seed must be an integer');
  return o;
}

// ---------------------------------------------------------------- routes and the OpenAPI document
function loadRoutes() {
  const routes = cli(['routes']).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const doc = JSON.parse(readFileSync(path.join(repoRoot, 'docs/openapi.json'), 'utf8'));
  const resolve = (s) => {
    let x = s;
    for (let i = 0; x && x.$ref && i < 20; i++) x = x.$ref.split('/').slice(1).reduce((o, k) => o?.[k], doc);
    return x;
  };
  return routes.map(({ method, path: p }) => {
    const item = doc.paths[p] || {};
    const op = item[method.toLowerCase()] || null;
    const params = [...(item.parameters || []), ...(op?.parameters || [])].map(resolve).filter(Boolean);
    const content = op?.requestBody ? resolve(op.requestBody)?.content || {} : {};
    const json = content['application/json'];
    const rawTypes = Object.keys(content).filter((t) => t !== 'application/json');
    return {
      method, path: p, key: `${method} ${p}`, op, documented: !!op,
      query: params.filter((x) => x.in === 'query'),
      pathParams: [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
      schema: json?.schema || null, raw: rawTypes.length > 0 && !json, rawTypes,
    };
  }).map((r) => ({ ...r, resolve }));
}

// ---------------------------------------------------------------- HTTP
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function storeCookies(jar, res) {
  const lines = res.headers['set-cookie'] || [];
  for (const line of lines) {
    const [pair] = line.split(';');
    const i = pair.indexOf('=');
    const name = pair.slice(0, i).trim();
    const value = pair.slice(i + 1).trim();
    if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}

// Sends one request; resolves {status, headers, buf, text, json, ms} or {error, ms}.
function send(port, { method, path: p, headers = {}, body = null }, timeoutMs = REQUEST_TIMEOUT_MS) {
  return new Promise((resolve) => {
    const start = Date.now();
    let done = false;
    let gotResponse = false;
    let timer = null;
    const finish = (x) => { if (!done) { done = true; clearTimeout(timer); resolve({ ...x, ms: Date.now() - start }); } };
    const h = { ...headers };
    if (body) h['content-length'] = String(body.length);
    let req;
    try {
      req = http.request({ host: '127.0.0.1', port, method, path: p, headers: h, agent });
    } catch (e) {
      return finish({ error: `client: ${e.code || e.message}`, clientError: true });
    }
    timer = setTimeout(() => { req.destroy(new Error('timeout')); finish({ error: 'timeout', timeout: true }); }, timeoutMs);
    req.on('response', (res) => {
      gotResponse = true;
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        const text = buf.toString('utf8');
        let json;
        if ((res.headers['content-type'] || '').includes('json') && text) { try { json = JSON.parse(text); } catch { json = undefined; } }
        finish({ status: res.statusCode, headers: res.headers, res, buf, text, json });
      });
      res.on('error', (e) => finish({ error: `response: ${e.code || e.message}` }));
    });
    req.on('error', (e) => { if (!gotResponse) finish({ error: `${e.code || e.message}` }); });
    if (body) req.end(body); else req.end();
  });
}

// ---------------------------------------------------------------- the fuzzer
export class Fuzzer {
  constructor(opts) {
    this.opts = opts;
    this.rng = new Rng(opts.seed);
    this.findings = [];
    this.signatures = new Map();
    this.coverage = new Map();
    this.caseNo = 0;
    this.logOffset = 0;
    this.crashes = 0;
    this.timing = { send: 0, db: 0, after: 0 };
    this.stats = {};
    this.lost = new Set();
    this.notes = [];
  }

  log(...a) { console.log(...a); }

  async start() {
    this.routes = loadRoutes();
    const t0 = Date.now();
    this.server = await this.startServer();
    this.dataDir = this.server.dataDir;
    this.port = this.server.port;
    this.world = await buildWorld(this.server, (m) => this.opts.verbose && this.log(`  setup: ${m}`));
    this.roles = this.world.roles;
    for (const r of Object.values(this.roles)) r.candidates = [];
    this.db = await new DbWatcher(path.join(this.dataDir, 'duibiao.db')).open();
    this.baseline = await this.db.snapshot();
    this.dataVersion = await this.db.dataVersion();
    this.setupMs = Date.now() - t0;
  }

  async startServer(o = {}) {
    // A 2 s throttling window: fuzzed wrong passwords must not lock the roles out for 15 minutes.
    // --trust-proxy: the cases carry X-Forwarded-For, so address-based throttles (logins, public
    // verification codes) count per fuzzed client instead of locking everyone out.
    const server = await startServer({ ...o, extraArgs: ['--login-window', '2', '--trust-proxy', '--workers', '4', '--io-threads', '1'] });
    server.child.on('exit', (code, sig) => { server.exited = { code, sig }; });
    return server;
  }

  // ---- roles and sessions
  async roleRequest(role, method, p, { json, body, headers = {}, csrf = true, timeoutMs } = {}) {
    const h = { ...headers };
    if (role.jar.size) h.cookie = [...role.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (json !== undefined) { h['content-type'] = 'application/json'; body = Buffer.from(JSON.stringify(json)); }
    if (csrf && role.csrf && method !== 'GET') h['x-csrf-token'] = role.csrf;
    const r = await send(this.port, { method, path: p, headers: h, body }, timeoutMs);
    if (r.res) storeCookies(role.jar, r.res);
    if (r.json && typeof r.json.csrf_token === 'string') role.csrf = r.json.csrf_token;
    return r;
  }

  async resetAnon() {
    const a = this.roles.anon;
    a.jar.clear();
    a.csrf = null;
    await this.roleRequest(a, 'GET', '/api/v1/auth/csrf');
  }

  async login(role, password) {
    this.stats.logins = (this.stats.logins || 0) + 1;
    role.jar.delete('duibiao_session');
    if (!role.jar.has('duibiao_csrf')) await this.roleRequest(role, 'GET', '/api/v1/auth/csrf');
    else {
      const c = await this.roleRequest(role, 'GET', '/api/v1/auth/csrf');
      if (c.status !== 200) return c;
    }
    for (let attempt = 0; attempt < 4; attempt++) {
      const r = await this.roleRequest(role, 'POST', '/api/v1/auth/login', { json: { username: role.username, password } });
      if (r.status !== 429) return r;
      await new Promise((res) => setTimeout(res, 2200));
    }
    return { status: 429 };
  }

  // Makes sure the client of a role is logged in as its own user, repairing what fuzzed
  // requests did to it (logout, password change or reset, disabled account, another login).
  async ensureRole(name, depth = 0) {
    this.stats.ensure = (this.stats.ensure || 0) + 1;
    const role = this.roles[name];
    if (name === 'anon') return this.resetAnon();
    const me = await this.roleRequest(role, 'GET', '/api/v1/auth/me');
    if (me.status === 200 && me.json?.user?.id === role.userId && !me.json.user.must_change_password && !me.json.user.disabled) return true;
    let ok = false;
    for (const pw of [role.password, ...role.candidates.splice(0)]) {
      if (typeof pw !== 'string') continue;
      const r = await this.login(role, pw);
      if (r.status === 200 && r.json?.user?.id === role.userId) { role.password = pw; ok = true; break; }
    }
    if (!ok) {
      if (depth > 1) throw new Error(`cannot restore the session of ${name}`);
      let fixer = this.roles.admin;
      if (name === 'admin') fixer = await this.spareAdmin();
      else await this.ensureRole('admin', depth + 1);
      await this.roleRequest(fixer, 'PATCH', `/api/v1/users/${role.userId}`, { json: { disabled: false } });
      const rp = await this.roleRequest(fixer, 'POST', `/api/v1/users/${role.userId}/reset-password`);
      if (rp.status !== 200 || !rp.json?.password) throw new Error(`cannot reset the password of ${name}: ${rp.status} ${rp.text}`);
      role.password = rp.json.password;
      const r = await this.login(role, role.password);
      if (r.status !== 200) throw new Error(`cannot log ${name} in after a reset: ${r.status} ${r.text}`);
    }
    const me2 = await this.roleRequest(role, 'GET', '/api/v1/auth/me');
    if (me2.json?.user?.must_change_password) {
      const pw = `FzKeep${this.rng.int(1e9)}x9`;
      const c = await this.roleRequest(role, 'POST', '/api/v1/auth/password', { json: { old_password: role.password, new_password: pw } });
      if (c.status !== 204) throw new Error(`cannot settle the password of ${name}: ${c.status} ${c.text}`);
      role.password = pw;
      const again = await this.roleRequest(role, 'GET', '/api/v1/auth/me');
      if (again.status !== 200) {
        const r = await this.login(role, pw);
        if (r.status !== 200) throw new Error(`cannot log ${name} in after settling: ${r.status}`);
      }
    }
    return true;
  }

  // An administrator created with the CLI, for when the fuzzed admin account is lost.
  async spareAdmin() {
    if (!this.spare) {
      const username = `fz_spare_admin`;
      const password = `FzSpare${this.opts.seed}admin9`;
      cli(['admin', 'create', '--data', this.dataDir, '--username', username, '--password-stdin'], { input: password });
      this.spare = { name: 'spare', username, password, jar: new Map(), csrf: null, candidates: [] };
      const r = await this.login(this.spare, password);
      if (r.status !== 200) throw new Error(`spare admin cannot log in: ${r.status} ${r.text}`);
      this.spare.userId = r.json.user.id;
    }
    await this.ensureSpare();
    return this.spare;
  }
  async ensureSpare() {
    const me = await this.roleRequest(this.spare, 'GET', '/api/v1/auth/me');
    if (me.status === 200 && !me.json.user.must_change_password) return;
    let r = await this.login(this.spare, this.spare.password);
    if (r.json?.user?.must_change_password) {
      const pw = `FzSpare${this.rng.int(1e9)}x9`;
      await this.roleRequest(this.spare, 'POST', '/api/v1/auth/password', { json: { old_password: this.spare.password, new_password: pw } });
      this.spare.password = pw;
      r = await this.login(this.spare, pw);
    }
  }

  async ensureAll() {
    for (const n of ROLE_NAMES) await this.ensureRole(n);
  }

  // ensureRole for each, once more after a pause (throttled logins); a role that still cannot be
  // restored is left out of the rest of the run (a limit of the fuzzer, not a finding).
  async restore(names) {
    for (const n of names) {
      if (this.lost.has(n)) continue;
      try {
        await this.ensureRole(n);
      } catch (e1) {
        await new Promise((res) => setTimeout(res, 3000));
        try {
          await this.ensureRole(n);
        } catch (e2) {
          this.lost.add(n);
          this.notes.push(`role ${n} could not be logged in again after case #${this.caseNo} and was left out: ${e2.message}`);
          this.log(`  note: ${this.notes[this.notes.length - 1]}`);
        }
      }
    }
  }

  // ---- generation
  pickRole(route) {
    const natural = naturalRoles(route.method, route.path).filter((r) => !this.lost.has(r));
    if (natural.length && this.rng.chance(0.6)) return this.rng.pick(natural);
    return this.rng.pick(ROLE_NAMES.filter((r) => !this.lost.has(r)));
  }

  pathValue(route, param, roleName, odd) {
    const rng = this.rng;
    if (odd) return rng.pick(ODD_PATH_IDS);
    const smart = rng.chance(0.5) ? this.smartId(route, param, roleName) : null;
    if (smart !== null && smart !== undefined) return String(smart);
    const poolName = poolFor(route.path, param);
    let pool = this.world.pools[poolName] || [];
    if (!pool.length) return '1';
    // resets and edits of users: mostly users the fuzzer made, so the roles keep their sessions
    if (poolName === 'users' && route.method !== 'GET' && rng.chance(0.8)) {
      const roleIds = new Set(Object.values(this.roles).map((r) => r.userId));
      const others = pool.filter((x) => !roleIds.has(x));
      if (others.length) pool = others;
    }
    // prefer the role's own side, and send the other region's ids too
    const mine = side(roleName);
    if (mine && rng.chance(0.65)) {
      const own = pool.filter((x) => this.world.owner[`${poolName}:${x}`] === mine);
      if (own.length) return String(rng.pick(own));
    }
    return String(rng.pick(pool));
  }

  // An id the route can act on for this role, from what the answers said of the rows' states.
  smartId(route, param, roleName) {
    const p = route.path;
    const W = this.world;
    const role = this.roles[roleName];
    if (param !== 'id') return null;
    if (/^\/api\/v1\/results\/\{id\}\/review$/.test(p)) {
      const [level, region] = ROLE_LEVELS[roleName] || [];
      if (!level) return null;
      const ids = [...W.resultInfo].filter(([, x]) => x.stage === level && (level === 'national' || x.stageRegion === region)).map(([id]) => id);
      return ids.length ? this.rng.pick(ids) : null;
    }
    if (/^\/api\/v1\/results\/\{id\}(\/submit)?$/.test(p) && route.method !== 'GET' && role.role === 'enterprise') {
      const ids = [...W.resultInfo].filter(([id, x]) => ['draft', 'returned'].includes(x.status) && W.owner[`results:${id}`] === side(roleName)).map(([id]) => id);
      return ids.length ? this.rng.pick(ids) : null;
    }
    if (p === '/api/v1/plans/{id}/versions' || p === '/api/v1/plans/{id}/objections') {
      const want = p.endsWith('versions') ? 'published' : 'notice';
      const ids = [...W.planStatus].filter(([, st]) => st === want).map(([id]) => id);
      return ids.length ? this.rng.pick(ids) : null;
    }
    if (p === '/api/v1/support-requests/{id}/actions') {
      const ids = [...W.supportStatus].filter(([, st]) => st !== 'done').map(([id]) => id);
      return ids.length ? this.rng.pick(ids) : null;
    }
    return null;
  }

  // Two path parameters that belong together (a plan and its objection, a campaign and its member).
  pickPair(route) {
    const pairs = { '/api/v1/plans/{id}/objections/{oid}/answer': 'objections', '/api/v1/campaigns/{id}/members/{enterprise_id}': 'members',
      '/api/v1/campaigns/{id}/list/{row_id}': 'listRows', '/api/v1/planning-indicators/{id}/actuals/{year}': 'actuals' }[route.path];
    if (!pairs || !this.world.pairs[pairs].length || !this.rng.chance(0.6)) return null;
    const [a, b] = this.rng.pick(this.world.pairs[pairs]);
    return { id: String(a), [route.pathParams[1]]: String(b) };
  }

  buildQuery(route, oddness) {
    const rng = this.rng;
    const parts = [];
    const tags = [];
    for (const prm of route.query) {
      if (!rng.chance(prm.required ? 1 : 0.45)) continue;
      parts.push([prm.name, queryValue(rng, this.world, prm.name, route.resolve(prm.schema) || {})]);
    }
    if (oddness && rng.chance(0.7)) {
      const kind = rng.pick(['odd-value', 'odd-value', 'duplicate', 'unknown', 'raw-tail', 'raw-byte']);
      if (kind === 'odd-value') {
        const names = route.query.length ? route.query.map((x) => x.name) : ['page', 'page_size', 'q'];
        const name = rng.pick(names);
        const i = parts.findIndex(([k]) => k === name);
        const v = rng.pick(ODD_QUERY_VALUES);
        if (i >= 0) parts[i] = [name, v, true]; else parts.push([name, v, true]);
        tags.push(`query-odd:${name}`);
      } else if (kind === 'duplicate' && parts.length) {
        const [k] = rng.pick(parts);
        parts.push([k, rng.pick(ODD_QUERY_VALUES), true]);
        tags.push(`query-duplicate:${k}`);
      } else if (kind === 'unknown') {
        parts.push([rng.pick(['x', 'page[]', '', '%00', 'a'.repeat(300), '__proto__']), rng.pick(ODD_QUERY_VALUES), true]);
        tags.push('query-unknown');
      } else if (kind === 'raw-tail') {
        parts.push([rng.pick(['&&&', '=', '==', '&=&', '%', '%%%', '?', ';', 'a=1;b=2', '+', '&page', 'page_size=']), null, true]);
        tags.push('query-raw');
      } else {
        parts.push(['q', '\u00ff\u00fe\u0080', 'raw']);
        tags.push('query-raw-bytes');
      }
    }
    if (!parts.length) return { qs: '', tags };
    const qs = parts.map(([k, v, odd]) => {
      if (v === null) return k;
      if (odd === 'raw') return `${k}=${v}`;
      return odd ? `${encodeQueryValue(rng, k)}=${encodeQueryValue(rng, v)}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
    }).join('&');
    return { qs: '?' + qs, tags };
  }

  // A case: {role, method, url, headers, body, tags, field, route}
  generate(route, { roleName, mutations, mutator, oddPath, oddQuery, plain, strict } = {}) {
    const rng = this.rng;
    const wild = !plain && !strict;
    roleName = roleName || this.pickRole(route);
    const tags = [];
    const params = {};
    let url = route.path;
    const pair = this.pickPair(route);
    for (const prm of route.pathParams) {
      const odd = oddPath ?? (!plain && rng.chance(0.08));
      const v = pair && !odd ? pair[prm] : this.pathValue(route, prm, roleName, odd);
      if (odd) tags.push(`path-odd:${prm}`);
      params[prm] = v;
      // odd values go as written, except what HTTP cannot carry in a request line
      url = url.replace(`{${prm}}`, odd ? v.replace(/[^\u0021-\u00ff]/gu, (ch) => encodeURIComponent(ch)) : encodeURIComponent(v));
    }
    const q = this.buildQuery(route, oddQuery ?? (!plain && rng.chance(route.method === 'GET' ? 0.5 : 0.15)));
    url += q.qs;
    tags.push(...q.tags);
    let method = route.method;
    if (wild && rng.chance(0.02)) { method = rng.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']); tags.push(`method:${method}`); }
    const headers = {};
    let body = null;
    let field;
    if (route.raw) {
      const rb = rawBody(route.key, { rng, world: this.world, plain: plain || strict });
      if (rb) {
        body = rb.bytes;
        headers['content-type'] = rng.chance(0.9) ? rb.contentType : rng.pick(['application/json', 'text/plain', 'application/octet-stream']);
        tags.push(rb.tag);
      }
    } else if (route.method !== 'GET' && route.method !== 'DELETE' || route.schema) {
      let tree = jsonTemplate(route.key, { rng, world: this.world, role: roleName, params });
      if (tree === undefined && route.schema) tree = fromSchema(rng, route.schema, route.resolve);
      if (tree === undefined && route.method !== 'GET' && route.method !== 'DELETE' && rng.chance(0.5)) tree = {};
      if (tree !== undefined) {
        if (mutator) {
          const m = mutator(tree);
          tree = m.body; tags.push(m.tag); field = m.field;
        } else {
          const n = mutations ?? (plain ? 0 : rng.weighted([[15, 0], [45, 1], [25, 2], [15, 3]]));
          for (let i = 0; i < n; i++) {
            const otherIds = [...this.world.pools.enterprises, ...this.world.pools.results, ...this.world.pools.products];
            const m = mutateBody(rng, tree, { maxBytes: MAX_BODY - 8192, otherIds });
            tree = m.body; tags.push(`${m.tag}@${m.field || '(body)'}`); field = field || m.field;
          }
        }
        body = toBytes(tree);
        headers['content-type'] = plain || rng.chance(0.95) ? 'application/json'
          : rng.pick(['text/plain', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'application/json; charset=gbk']);
        if (body.length > MAX_BODY && !tags.some((t) => t.startsWith('over-limit'))) tags.push('over-limit');
      }
      if (wild && !mutator && rng.chance(0.05) && route.method !== 'GET') {
        const w = oddWholeBody(rng, MAX_BODY);
        body = w.bytes; tags.push(w.tag);
        headers['content-type'] = 'application/json';
      }
    }
    // the client address (the server trusts X-Forwarded-For from loopback): one per role, some
    // random ones, some odd header values
    const roleIndex = ROLE_NAMES.indexOf(roleName);
    headers['x-forwarded-for'] = !wild || rng.chance(0.8) ? `10.13.0.${roleIndex + 1}`
      : rng.chance(0.75) ? `10.${rng.int(256)}.${rng.int(256)}.${rng.int(256)}`
        : rng.pick(['', 'garbage', '1.2.3.4, 5.6.7.8', '::1', '999.999.999.999', 'x'.repeat(5000), '%00', '10.0.0.1\u00ff', '-', '[::1]:80']);
    if (headers['x-forwarded-for'] && !/^10\.\d+\.\d+\.\d+$/.test(headers['x-forwarded-for'])) tags.push('xff-odd');
    const csrf = !wild || !rng.chance(0.03) ? 'session' : rng.pick(['none', 'wrong']);
    if (csrf !== 'session') tags.push(`csrf:${csrf}`);
    const noCookies = wild && rng.chance(0.03);
    if (noCookies) tags.push('no-cookies');
    return { route, role: roleName, method, url, headers, body, tags, field, csrf, noCookies };
  }

  // ---- running one case
  async run(c) {
    const n = ++this.caseNo;
    const role = this.roles[c.role];
    const h = { ...c.headers };
    if (!c.noCookies && role.jar.size) h.cookie = [...role.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (c.method !== 'GET' && c.method !== 'HEAD') {
      if (c.csrf === 'session' && role.csrf) h['x-csrf-token'] = role.csrf;
      else if (c.csrf === 'wrong') h['x-csrf-token'] = 'x'.repeat(43);
    }
    const oldSession = role.jar.get('duibiao_session');
    const logStart = this.server.output().length;
    const r = await send(this.port, { method: c.method, path: c.url, headers: h, body: c.body });
    this.timing.send += r.ms;
    if (r.res && !c.noCookies) storeCookies(role.jar, r.res);
    if (r.json && typeof r.json.csrf_token === 'string' && !c.noCookies) role.csrf = r.json.csrf_token;
    const record = { n, c, r, headersSent: h };
    if (this.opts.trace && c.route.key.includes(this.opts.trace)) {
      this.log(`#${n} ${c.role} ${c.method} ${c.url.slice(0, 150)} [${c.tags.join(' ')}] → ${r.status || r.error} ${(r.text || '').slice(0, 200).replace(/\s+/g, ' ')}`);
    }
    const cov = this.coverage.get(c.route.key) || {};
    const cls = r.status ? `${Math.floor(r.status / 100)}xx` : r.error;
    cov[cls] = (cov[cls] || 0) + 1;
    this.coverage.set(c.route.key, cov);

    // crash / hang
    if (r.error && !r.clientError && !this.server.exited) await new Promise((res) => setTimeout(res, 500));
    if (this.server.exited) {
      await this.finding('crash', record, `server exited (${JSON.stringify(this.server.exited)})`, this.server.output().slice(logStart));
      await this.restart();
      return record;
    }
    if (r.timeout) {
      const health = await send(this.port, { method: 'GET', path: '/api/v1/health' }, 5000);
      await this.finding('hang', record, `no answer within ${REQUEST_TIMEOUT_MS / 1000} s (health afterwards: ${health.status || health.error})`,
        this.server.output().slice(logStart));
      if (!health.status) await this.restart(true);
    } else if (r.error && !r.clientError) {
      const health = await send(this.port, { method: 'GET', path: '/api/v1/health' }, 5000);
      // a connection closed without an answer is only acceptable for a body over the limit
      if (!health.status) {
        await this.finding('hang', record, `connection failed (${r.error}) and health does not answer`, this.server.output().slice(logStart));
        await this.restart(true);
      } else if (!(c.body && c.body.length > MAX_BODY)) {
        await this.finding('no-answer', record, `connection closed without an answer (${r.error})`, this.server.output().slice(logStart));
      }
    }
    if (r.status >= 500) await this.finding('5xx', record, `answered ${r.status}`, this.server.output().slice(logStart));

    // stored data
    const t0 = Date.now();
    const dv = await this.db.dataVersion();
    if (dv !== this.dataVersion) {
      this.dataVersion = dv;
      const snap = await this.db.snapshot();
      const diff = diffSnapshots(this.baseline, snap);
      this.baseline = snap;
      if (Object.keys(diff).length) {
        if (r.status >= 400 && r.status < 500) {
          await this.finding('changed-after-4xx', record, `answered ${r.status} but changed ${describeDiff(diff, this.db)}`);
        } else if (r.status >= 200 && r.status < 300) {
          const bad = this.badText(diff);
          for (const [kind, name] of [['control', 'stored-control-char'], ['c1', 'stored-c1-control'], ['utf8', 'stored-invalid-text']]) {
            const mine = bad.filter((b) => b.kind === kind);
            if (mine.length) await this.finding(name, record, `answered ${r.status} and stored ${mine.slice(0, 3).map((b) => b.msg).join('; ')}`);
          }
        }
      }
    }

    this.timing.db += Date.now() - t0;
    // sessions
    const t1 = Date.now();
    const p = c.route.path;
    if (c.method === 'POST' && (p === '/api/v1/auth/login' || p === '/api/v1/enterprises/register') && oldSession && !c.noCookies
        && r.status >= 200 && r.status < 300) {
      const probe = await send(this.port, { method: 'GET', path: '/api/v1/auth/me', headers: { cookie: `duibiao_session=${oldSession}` } });
      if (probe.status === 200) {
        const kind = p.endsWith('login') ? 'session-survives-login' : 'session-survives-registration';
        await this.finding(kind, record, `the session the client held before still answers GET /auth/me 200 (as ${probe.json?.user?.username})`);
      }
    }
    await this.afterCase(c, r);
    this.timing.after += Date.now() - t1;
    return record;
  }

  // Learns ids and versions from answers; repairs sessions the case may have touched.
  async afterCase(c, r) {
    const P = this.world.pools;
    const p = c.route.path;
    const role = this.roles[c.role];
    const ok = r.status >= 200 && r.status < 300;
    const add = (pool, v) => { if (v === undefined || v === null) return; if (!P[pool].includes(v)) { P[pool].push(v); if (P[pool].length > 80) P[pool].splice(0, 1); } };
    if (ok && r.json && typeof r.json === 'object') {
      const b = r.json;
      if (c.method === 'POST') {
        if (p === '/api/v1/users') add('users', b.user?.id);
        if (p === '/api/v1/enterprises/register') { add('enterprises', b.enterprise?.id); add('users', b.user?.id); }
        if (p === '/api/v1/standards') add('standards', b.id);
        if (p === '/api/v1/plans' || p.endsWith('/versions')) add('plans', b.id);
        if (p.endsWith('/objections')) add('objections', b.id);
        if (p === '/api/v1/products') { add('products', b.id); this.world.owner[`products:${b.id}`] = side(c.role); }
        if (p === '/api/v1/results') { add('results', b.id); add('resultCodes', b.code); this.world.owner[`results:${b.id}`] = side(c.role); }
        if (p === '/api/v1/files') add('hashes', b.hash);
        if (p === '/api/v1/campaigns') { add('campaigns', b.id); this.world.owner[`campaigns:${b.id}`] = side(c.role); }
        if (p === '/api/v1/campaigns/{id}/analysis-reports') add('reportJobs', b.id);
      }
      if (p.startsWith('/api/v1/results') && b.id && typeof b.status === 'string' && 'stage' in b) {
        this.world.resultInfo.set(b.id, { status: b.status, stage: b.stage, stageRegion: b.stage_region_code });
      }
      if (p.startsWith('/api/v1/plans') && b.id && typeof b.status === 'string' && c.method !== 'GET') this.world.planStatus.set(b.id, b.status);
      if (p.startsWith('/api/v1/support-requests/') && b.id && typeof b.status === 'string') this.world.supportStatus.set(b.id, b.status);
      if (c.method === 'POST' && p.endsWith('/objections') && b.id) this.world.pairs.objections.push([Number(c.url.split('/')[4]), b.id]);
      if (c.method === 'POST' && p === '/api/v1/campaigns/{id}/members') {
        const cid = Number(c.url.split('/')[4]);
        const skipped = new Set((b.skipped || []).map((x) => x.enterprise_id));
        for (const e of stringsOrNumbers(c.body, 'enterprise_ids')) if (!skipped.has(e)) this.world.pairs.members.push([cid, e]);
      }
      if (c.method === 'GET' && p === '/api/v1/campaigns/{id}/list' && Array.isArray(b.items)) {
        const cid = Number(c.url.split('/')[4]);
        for (const it of b.items.slice(0, 5)) if (!this.world.pairs.listRows.some(([x, y]) => x === cid && y === it.id)) this.world.pairs.listRows.push([cid, it.id]);
      }
      if (c.method === 'GET' && p === '/api/v1/support-requests' && Array.isArray(b.items)) {
        for (const it of b.items.slice(0, 10)) this.world.supportStatus.set(it.id, it.status);
      }
      // 附件3 reports: versions per filing office, ids for /reports/{id}
      const reportsIn = (x) => (x && typeof x === 'object' && Number.isInteger(x.version) && x.period && x.id ? [x] : []);
      if (p.includes('/reports')) {
        for (const rep of [...reportsIn(b), ...reportsIn(b.own), ...(Array.isArray(b.children) ? b.children.flatMap(reportsIn) : [])]) {
          add('reports', rep.id);
          this.world.versions.set(`reports:${rep.id}`, rep.version);
        }
        if (/^\/api\/v1\/campaigns\/\{id\}\/reports\/\{period\}/.test(p) && b.id) {
          const [, , , , cid, , period] = c.url.split('?')[0].split('/');
          this.world.versions.set(`report:${cid}:${decodeURIComponent(period)}:${c.role}`, b.version);
        }
      }
      if (c.method === 'PUT' && p === '/api/v1/planning-indicators/{id}/actuals/{year}') {
        const [, , , , pid, , year] = c.url.split('?')[0].split('/');
        this.world.pairs.actuals.push([Number(pid), year]);
      }
      if (c.method === 'GET' && p === '/api/v1/planning-indicators' && Array.isArray(b.items)) for (const it of b.items.slice(0, 5)) add('planning', it.id);
      if (/^\/api\/v1\/(results|campaigns|notices|circulars|questions|directory)\/\{id\}/.test(p) && !p.includes('/reports') && b.id && Number.isInteger(b.version)) {
        this.world.versions.set(`${p.split('/')[3]}:${b.id}`, b.version);
        if (b.status === 'published' && b.code) add('resultCodes', b.code);
      }
      if (p === '/api/v1/results/review' && Array.isArray(b.items)) {
        for (const it of b.items) if (it.ok) this.world.versions.delete(`results:${it.id}`);
      }
      if (Array.isArray(b.items) && c.method === 'GET') {
        const pool = { '/api/v1/notifications': 'notifications', '/api/v1/audit': 'audit', '/api/v1/campaigns/{id}/list': 'listRows',
          '/api/v1/support-requests': 'support', '/api/v1/standards': 'standards', '/api/v1/results': 'results',
          '/api/v1/campaigns/{id}/analysis-reports': 'reportJobs' }[p];
        if (pool) for (const it of b.items.slice(0, 5)) add(pool, it.id);
        if (p === '/api/v1/results') for (const it of b.items.slice(0, 5)) if (Number.isInteger(it.version)) this.world.versions.set(`results:${it.id}`, it.version);
      }
    }
    // a stale version answer: read the row again so later cases use the current one
    if (r.status === 409 && /^\/api\/v1\/(results|campaigns|notices|circulars|questions|directory)\/\{id\}/.test(p)) {
      const kind = p.split('/')[3];
      const id = c.url.split('/')[4]?.split('?')[0];
      if (/^\d+$/.test(id || '')) {
        const g = await this.roleRequest(role.userId ? role : this.roles.admin, 'GET', `/api/v1/${kind}/${id}`);
        if (g.status === 200 && Number.isInteger(g.json?.version)) this.world.versions.set(`${kind}:${id}`, g.json.version);
      }
    }
    // sessions
    if (c.role === 'anon') {
      if (role.jar.has('duibiao_session') || !role.jar.has('duibiao_csrf')) await this.resetAnon();
    } else {
      const touchy = (c.method !== 'GET' && (p.startsWith('/api/v1/auth/') || p === '/api/v1/enterprises/register' || p.startsWith('/api/v1/users/{id}')))
        || (r.status === 401 && !c.noCookies);
      if (touchy) {
        if (p === '/api/v1/auth/password' && ok) role.candidates.push(...stringsIn(c.body));
        await this.restore([c.role]);
      }
      if (ok && p.startsWith('/api/v1/users/{id}')) await this.restore(ROLE_NAMES);
    }
    // repairs write (sessions, users): compare the next case against the data as it is now
    const dv = await this.db.dataVersion();
    if (dv !== this.dataVersion) {
      this.dataVersion = dv;
      this.baseline = await this.db.snapshot();
    }
  }

  // Text the case stored that it should not have: only values that changed (a row is matched
  // with its old version by its first column, the key).
  badText(diff) {
    const bad = [];
    for (const [table, { added, removed }] of Object.entries(diff)) {
      if (IGNORED_TABLES.has(table)) continue;
      const old = new Map(removed.map((l) => [rowKey(table, l, this.db), decodeRow(table, l, this.db)]));
      for (const line of added) {
        const before = old.get(rowKey(table, line, this.db));
        decodeRow(table, line, this.db).forEach((cell, i) => {
          if (cell.type !== 'text') return;
          if (before && before[i] && before[i].type === 'text' && before[i].bytes.equals(cell.bytes)) return;
          for (const p of textProblems(cell.bytes)) bad.push({ kind: p.kind, msg: `${p.msg} in ${table}.${cell.col} = ${JSON.stringify(cell.text.slice(0, 80))}` });
        });
      }
    }
    return bad;
  }

  async restart(kill = false) {
    this.crashes++;
    if (this.crashes > 5) throw new Error('the server crashed or hung more than 5 times; stopping');
    if (kill && !this.server.exited) {
      this.server.child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 500));
    }
    this.server = await this.startServer({ dataDir: this.dataDir, port: this.port });
    this.dataVersion = await this.db.dataVersion();
    this.baseline = await this.db.snapshot();
    await this.restore(ROLE_NAMES);
    this.dataVersion = await this.db.dataVersion();
    this.baseline = await this.db.snapshot();
  }

  // ---- findings
  async finding(kind, record, what, serverLog = '') {
    const { c, r, n } = record;
    const tag = c.tags.find((t) => /^(huge-number|control-char|lone-surrogate|deep-nesting|raw-bytes|wrong-type|duplicate-key)/.test(t)) || c.tags[0] || 'plain';
    // one finding per kind, route and place: the table for stored data, the server's error
    // message (numbers left out) for a 5xx, the kind of mutation otherwise
    const logError = ((serverLog.match(/"error":"([^"]{0,120})/) || [])[1] || '').replace(/\d+/g, 'N');
    const sig = kind.startsWith('session-') ? `${kind} ${c.route.path}`
      : kind.startsWith('stored-') ? `${kind} ${c.method} ${c.route.path}`
        : kind === 'changed-after-4xx' ? `${kind} ${c.method} ${c.route.path} ${(what.match(/ changed (\w+)/) || [])[1]}`
          : kind === '5xx' && logError ? `${kind} ${c.method} ${c.route.path} ${r.status} ${logError}`
            : `${kind} ${c.method} ${c.route.path} ${r.status || r.error} ${tag.replace(/[@(].*$/, '')}`;
    const entry = this.signatures.get(sig);
    if (entry) { entry.count++; return; }
    const f = {
      kind, sig, n, role: c.role, method: c.method, url: c.url, route: c.route.key, status: r.status || null, error: r.error || null, tags: c.tags,
      field: c.field, what, body: c.body ? preview(c.body) : '', answer: r.text ? r.text.slice(0, 400) : '',
      log: serverLog.split('\n').filter((l) => /"level":"(error|warn)"|exception|what\(\)/i.test(l)).slice(0, 3).join('\n').slice(0, 600),
      count: 1,
    };
    if (this.outDir) {
      const file = path.join(this.outDir, `case-${n}.json`);
      writeFileSync(file, JSON.stringify({
        seed: this.opts.seed, n, role: c.role, method: c.method, url: c.url, headers: c.headers, csrf: c.csrf, noCookies: c.noCookies,
        route: c.route.key, body_base64: c.body ? c.body.toString('base64') : null, finding: { kind, what, status: f.status },
      }, null, 1));
      f.replay = `scripts/fuzz-routes --replay ${file}`;
    }
    this.signatures.set(sig, f);
    this.findings.push(f);
    this.log(`  FOUND [${kind}] ${c.method} ${c.url.slice(0, 120)} as ${c.role} → ${r.status || r.error}: ${what.slice(0, 300)}`);
  }

  // ---- phases
  deadlineReached() { return Date.now() >= this.deadline || this.caseNo >= this.opts.cases; }

  async phasePlain() {
    // every route as every role, with a sensible request
    // deletions last, so the other routes still find the rows
    const ordered = [...this.routes.filter((r) => r.method !== 'DELETE'), ...this.routes.filter((r) => r.method === 'DELETE')];
    for (const route of ordered) {
      for (const roleName of ROLE_NAMES) {
        if (this.deadlineReached()) return;
        if (this.lost.has(roleName)) continue;
        await this.run(this.generate(route, { roleName, plain: true }));
      }
    }
  }

  async phaseFields() {
    // every field of every JSON body: a wrong type, a number no double holds, a NUL, a C1 control
    const kinds = [
      ['wrong-type', () => wrongTypes(this.rng)],
      ['huge-number', () => new Raw(this.rng.pick(HUGE_NUMBERS.slice(0, 6)))],
      ['control-char', (v) => `${typeof v === 'string' ? v : 'a'}\u0000b`],
      ['control-char', (v) => `${typeof v === 'string' ? v : 'a'}\u0085b`],
    ];
    for (const route of this.routes) {
      if (route.raw) continue;
      const candidates = naturalRoles(route.method, route.path).filter((r) => !this.lost.has(r));
      const roleName = candidates.length ? this.rng.pick(candidates) : 'admin';
      const probe = jsonTemplate(route.key, { rng: this.rng, world: this.world, role: roleName, params: {} })
        ?? (route.schema ? fromSchema(this.rng, route.schema, route.resolve) : undefined);
      if (probe === undefined) continue;
      const fields = nodes(probe).filter((x) => x.path.length > 0).map((x) => x.path);
      for (const fp of [[], ...fields]) {
        for (const [kind, make] of kinds) {
          if (this.deadlineReached()) return;
          const c = this.generate(route, {
            roleName, oddPath: false, oddQuery: false, strict: true,
            mutator: (tree) => {
              const all = nodes(tree);
              const hit = all.find((x) => pathName(x.path) === pathName(fp));
              if (!hit) return { body: tree, tag: `${kind}@${pathName(fp)}(absent)`, field: pathName(fp) };
              if (kind === 'control-char' && typeof hit.value !== 'string' && fp.length) return { body: setAt(tree, fp, make(hit.value)), tag: `${kind}@${pathName(fp)}`, field: pathName(fp) };
              return { body: setAt(tree, fp, make(hit.value)), tag: `${kind}@${pathName(fp) || '(body)'}`, field: pathName(fp) };
            },
          });
          await this.run(c);
        }
      }
    }
  }

  async phaseQuery() {
    // every documented query parameter of every route: NUL inside text, a number no double holds,
    // bytes that are not UTF-8, a number no integer holds
    for (const route of this.routes) {
      if (route.raw || !route.query.length) continue;
      const candidates = naturalRoles(route.method, route.path).filter((r) => !this.lost.has(r));
      const roleName = candidates.length ? this.rng.pick(candidates) : 'admin';
      for (const prm of route.query) {
        for (const v of ['a%00b', '1e999', '%ff%fe', '99999999999999999999']) {
          if (this.deadlineReached()) return;
          const c = this.generate(route, { roleName, oddPath: false, oddQuery: false, strict: true, mutations: 0 });
          const [base, qs = ''] = c.url.split('?');
          const kept = qs.split('&').filter((x) => x && !x.startsWith(`${encodeURIComponent(prm.name)}=`));
          c.url = `${base}?${[...kept, `${encodeURIComponent(prm.name)}=${v}`].join('&')}`;
          c.tags.push(`query-odd:${prm.name}`);
          await this.run(c);
        }
      }
    }
  }

  async phaseRandom() {
    const weighted = this.routes.map((r) => [r.method === 'GET' || r.method === 'DELETE' || r.path === '/api/v1/auth/logout' ? 1 : 3, r]);
    while (!this.deadlineReached()) {
      const route = this.rng.weighted(weighted);
      await this.run(this.generate(route));
    }
  }

  async fuzz() {
    this.deadline = Date.now() + this.opts.seconds * 1000;
    const t0 = Date.now();
    const progress = setInterval(() => {
      this.log(`  … ${this.caseNo} cases in ${Math.round((Date.now() - t0) / 1000)} s, ${this.findings.length} distinct findings`);
    }, 15000);
    try {
      for (const [name, phase] of [['every route × every role', () => this.phasePlain()], ['every field', () => this.phaseFields()],
        ['every query parameter', () => this.phaseQuery()], ['random mutations', () => this.phaseRandom()]]) {
        if (this.deadlineReached()) break;
        const before = this.caseNo;
        const s = Date.now();
        await phase();
        this.log(`phase "${name}": ${this.caseNo - before} cases in ${((Date.now() - s) / 1000).toFixed(1)} s`);
      }
    } finally {
      clearInterval(progress);
    }
    this.fuzzMs = Date.now() - t0;
    const health = await send(this.port, { method: 'GET', path: '/api/v1/health' }, 5000);
    if (health.status !== 200) this.findings.push({ kind: 'hang', sig: 'end', what: `health at the end: ${health.status || health.error}`, count: 1 });
  }

  async stop() {
    this.db?.close();
    agent.destroy();
    if (this.server) {
      await this.server.stop();
      if (!this.opts.keep) rmSync(this.dataDir, { recursive: true, force: true });
      else this.log(`data directory kept: ${this.dataDir}`);
    }
  }

  report() {
    const lines = [];
    lines.push('');
    lines.push(`route fuzzer: seed ${this.opts.seed}, ${this.caseNo} cases on ${this.routes.length} routes × ${ROLE_NAMES.length} roles in ${(this.fuzzMs / 1000).toFixed(1)} s (setup ${(this.setupMs / 1000).toFixed(1)} s), binary ${binary}`);
    if (this.opts.verbose) lines.push(`time: requests ${(this.timing.send / 1000).toFixed(1)} s, database checks ${(this.timing.db / 1000).toFixed(1)} s (${this.db?.snapshots} snapshots), session checks and repairs ${(this.timing.after / 1000).toFixed(1)} s (${JSON.stringify(this.stats)})`);
    const undocumented = this.routes.filter((r) => !r.documented).map((r) => r.key);
    if (undocumented.length) lines.push(`routes missing from docs/openapi.json: ${undocumented.join(', ')}`);
    if (this.opts.verbose) {
      lines.push('answers per route:');
      for (const r of this.routes) {
        const cov = this.coverage.get(r.key) || {};
        lines.push(`  ${r.key.padEnd(60)} ${Object.entries(cov).sort().map(([k, v]) => `${k}:${v}`).join(' ')}`);
      }
    }
    const never2xx = this.routes.filter((r) => !(this.coverage.get(r.key) || {})['2xx']).map((r) => r.key);
    if (never2xx.length && !this.opts.replay) lines.push(`routes that never answered 2xx: ${never2xx.join(', ')}`);
    for (const n of this.notes) lines.push(`note: ${n}`);
    if (!this.findings.length) {
      lines.push('no findings');
    } else {
      lines.push(`${this.findings.length} distinct findings:`);
      const order = ['crash', 'hang', '5xx', 'no-answer', 'changed-after-4xx', 'session-survives-login', 'session-survives-registration',
        'stored-control-char', 'stored-invalid-text', 'stored-c1-control'];
      const sorted = [...this.findings].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.n || 0) - (b.n || 0));
      for (const f of sorted) {
        lines.push(`FAIL [${f.kind}] ${f.method || ''} ${f.route ? f.route.split(' ')[1] : ''} as ${f.role || '-'} → ${f.status ?? f.error ?? ''} (${f.count} case${f.count > 1 ? 's' : ''}, first #${f.n})`);
        lines.push(`  what:    ${f.what}`);
        if (f.url) lines.push(`  request: ${f.method} ${f.url.length > 300 ? f.url.slice(0, 300) + '…' : f.url}`);
        if (f.tags?.length) lines.push(`  made by: ${f.tags.join(', ')}`);
        if (f.body) lines.push(`  body:    ${f.body}`);
        if (f.answer) lines.push(`  answer:  ${f.answer.replace(/\s+/g, ' ')}`);
        if (f.log) lines.push(`  log:     ${f.log.replace(/\n/g, '\n           ')}`);
        if (f.replay) lines.push(`  replay:  ${f.replay}`);
      }
      if (!this.opts.replay) lines.push(`reproduce the run: scripts/fuzz-routes ${this.opts.seconds} --seed ${this.opts.seed}${Number.isFinite(this.opts.cases) ? ` --cases ${this.opts.cases}` : ''}`);
    }
    console.log(lines.join('\n'));
  }
}

const ROLE_LEVELS = {
  county_a: ['county', '330203'], city_a: ['city', '330200'], prov_a: ['province', '330000'],
  county_b: ['county', '330106'], city_b: ['city', '330100'], prov_b: ['province', '460000'], national: ['national', ''],
};

// Integers of one array member of a JSON body (the ids a request named).
function stringsOrNumbers(buf, key) {
  try {
    const v = JSON.parse(buf.toString('utf8'))[key];
    return Array.isArray(v) ? v.filter((x) => Number.isInteger(x)) : [];
  } catch { return []; }
}

function stringsIn(buf) {
  if (!buf) return [];
  try {
    const out = [];
    const walk = (v) => { if (typeof v === 'string') out.push(v); else if (v && typeof v === 'object') Object.values(v).forEach(walk); };
    walk(JSON.parse(buf.toString('utf8')));
    return out;
  } catch { return []; }
}

// The body as printable text: JSON-style escapes for controls and invalid bytes, shortened.
function preview(buf) {
  let s = buf.toString('utf8');
  const bad = Buffer.compare(Buffer.from(s, 'utf8'), buf) !== 0;
  if (buf.length > 600) s = `${s.slice(0, 250)} …[${buf.length} bytes]… ${s.slice(-120)}`;
  s = s.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, (ch) => (ch === '\ufffd' ? '\\xNN' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return bad ? `${s} (not UTF-8: base64 in the replay file)` : s;
}

function describeDiff(diff, db) {
  return Object.entries(diff).map(([t, { added, removed }]) => {
    const sample = (l) => decodeRow(t, l, db).map((c) => `${c.col}=${(c.type === 'text' ? JSON.stringify(c.text) : c.text).slice(0, 40)}`).join(' ');
    const parts = [];
    if (added.length) parts.push(`+${added.length} [${sample(added[0]).slice(0, 300)}]`);
    if (removed.length) parts.push(`-${removed.length} [${sample(removed[0]).slice(0, 300)}]`);
    return `${t} ${parts.join(' ')}`;
  }).join('; ');
}

// ---------------------------------------------------------------- main
async function replay(f, file) {
  const spec = JSON.parse(readFileSync(file, 'utf8'));
  await f.start();
  const route = f.routes.find((r) => r.key === spec.route) || { key: spec.route, path: spec.route.split(' ')[1], method: spec.method };
  const c = {
    route, role: spec.role, method: spec.method, url: spec.url, headers: spec.headers || {}, csrf: spec.csrf || 'session',
    noCookies: !!spec.noCookies, body: spec.body_base64 ? Buffer.from(spec.body_base64, 'base64') : null, tags: ['replay'],
  };
  const rec = await f.run(c);
  console.log(`${c.method} ${c.url} as ${c.role} → ${rec.r.status || rec.r.error} in ${rec.r.ms} ms`);
  console.log(`answer: ${(rec.r.text || '').slice(0, 2000)}`);
  f.fuzzMs = 0;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  if (opts.help) {
    console.log('usage: route_fuzz.mjs [--seconds N] [--seed N] [--cases N] [--out DIR] [--keep] [--verbose] | --replay FILE');
    return;
  }
  const f = new Fuzzer(opts);
  f.outDir = opts.out || mkdtempSync(path.join(tmpdir(), `route-fuzz-seed${opts.seed}-`));
  mkdirSync(f.outDir, { recursive: true });
  let crashed = null;
  try {
    if (opts.replay) {
      await replay(f, opts.replay);
    } else {
      await f.start();
      console.log(`route fuzzer: seed ${opts.seed}, ${opts.seconds} s, ${f.routes.length} routes, world built in ${(f.setupMs / 1000).toFixed(1)} s; case files in ${f.outDir}`);
      await f.fuzz();
    }
  } catch (e) {
    crashed = e;
  } finally {
    await f.stop().catch(() => {});
  }
  if (f.routes) f.report();
  if (crashed) {
    console.error(`route fuzzer stopped: ${crashed.stack || crashed}`);
    process.exit(2);
  }
  if (!f.findings.length && !opts.out) rmSync(f.outDir, { recursive: true, force: true });
  process.exit(f.findings.length ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
