// Watches the SQLite database of the server under test through one long-lived `sqlite3`
// process (read only): a cheap "did anything commit?" check (PRAGMA data_version, which changes
// whenever another connection commits) and a full snapshot of the table contents to compare.
// Text values are read as hex so that NUL bytes and invalid UTF-8 survive the trip.
import { spawn } from 'node:child_process';

// Tables whose rows legitimately change on a refused request (or are derived indexes).
// code_lookup_misses: the public code-guessing throttle counts a miss by design (a 404).
export const IGNORED_TABLES = new Set(['audit_log', 'login_attempts', 'sessions', 'code_lookup_misses']);
// Reference data loaded by migrations (thousands of rows, no route writes them): compared by a
// fingerprint only (row count and total length of each column). So is any table that holds
// more than 2,000 rows when the watch starts (region_ancestors, for one).
const STATIC_TABLES = new Set(['regions', 'industries', 'schema_version', 'region_ancestors']);
// Columns a background worker of the server writes on its own (the analysis report jobs: a job
// queued by an earlier request runs while later requests are refused): left out of the
// comparison, so a refused request that queues a job is still caught by its new row.
export const WORKER_COLUMNS = {
  report_jobs: new Set(['status', 'progress', 'stage', 'error', 'file_path', 'file_name', 'file_size', 'worker', 'started_at', 'heartbeat_at', 'finished_at']),
};
const isIgnored = (t) => IGNORED_TABLES.has(t) || /_fts($|_)/.test(t) || t.startsWith('sqlite_');

export class DbWatcher {
  constructor(file) {
    this.file = file;
    this.proc = null;
    this.buf = '';
    this.waiters = [];
    this.seq = 0;
    this.tables = [];
  }

  async open() {
    this.proc = spawn('sqlite3', ['-batch', '-noheader', '-readonly', this.file], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => { this.stderr = (this.stderr + d.toString()).slice(-4000); });
    this.proc.stdout.setEncoding('latin1');
    this.proc.stdout.on('data', (d) => this.onData(d));
    this.proc.on('exit', (code) => {
      const err = new Error(`sqlite3 exited (${code}): ${this.stderr}`);
      for (const w of this.waiters.splice(0)) w.reject(err);
    });
    await this.query('PRAGMA busy_timeout = 5000;');
    const names = (await this.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;"))
      .split('\n').filter(Boolean);
    this.tables = [];
    for (const t of names) {
      if (isIgnored(t)) continue;
      const info = (await this.query(`SELECT name || ' ' || pk FROM pragma_table_info('${t}') ORDER BY cid;`)).split('\n').filter(Boolean).map((l) => l.split(' '))
        .filter(([c]) => !(WORKER_COLUMNS[t] && WORKER_COLUMNS[t].has(c)));
      const cols = info.map(([c]) => c);
      const pk = info.map(([, k], i) => [Number(k), i]).filter(([k]) => k > 0).sort((x, y) => x[0] - y[0]).map(([, i]) => i);
      if (!cols.length) continue;
      const rows = Number((await this.query(`SELECT count(*) FROM "${t}";`)).trim());
      if (STATIC_TABLES.has(t) || rows > 2000) {
        // reference data no route writes: a fingerprint (row count and column lengths) is enough
        const agg = cols.map((c) => `total(length("${c}"))`).join(" || '|' || ");
        this.tables.push({ name: t, cols: ['count', ...cols], sql: `SELECT count(*) || '|' || ${agg} FROM "${t}";`, fingerprint: true });
        continue;
      }
      const expr = cols.map((c) => `CASE typeof("${c}") WHEN 'text' THEN 'x' || hex("${c}") ELSE quote("${c}") END`).join(" || '|' || ");
      this.tables.push({ name: t, cols, pk: pk.length ? pk : [0], sql: `SELECT ${expr} FROM "${t}";` });
    }
    return this;
  }

  onData(d) {
    this.buf += d;
    for (;;) {
      const w = this.waiters[0];
      if (!w) return;
      const i = this.buf.indexOf(w.marker);
      if (i < 0) return;
      const out = this.buf.slice(0, i);
      this.buf = this.buf.slice(i + w.marker.length);
      this.waiters.shift();
      w.resolve(out);
    }
  }

  // Runs SQL and resolves with its raw output (latin1 text).
  query(sql) {
    const marker = `__dbw_end_${++this.seq}__\n`;
    return new Promise((resolve, reject) => {
      this.waiters.push({ marker, resolve, reject });
      this.proc.stdin.write(`${sql}\nSELECT '${marker.trim()}';\n`);
    });
  }

  async dataVersion() {
    return (await this.query('PRAGMA data_version;')).trim();
  }

  // Map table → {hash, lines}; one consistent read (a single transaction). The CLI's
  // sha3_query() hashes each table first; only tables whose hash moved are read row by row.
  async snapshot() {
    this.snapshots = (this.snapshots || 0) + 1;
    this.cache = this.cache || new Map();
    const full = this.tables.filter((t) => !t.fingerprint);
    const shaSql = full.map((t) => `SELECT '#H ${t.name} ' || hex(sha3_query('SELECT * FROM "${t.name}"'));`);
    const fpSql = this.tables.filter((t) => t.fingerprint).flatMap((t) => [`SELECT '#T ${t.name}';`, t.sql]);
    const out = await this.query(['BEGIN;', ...shaSql, ...fpSql].join('\n'));
    const snap = new Map();
    const changed = [];
    let cur = null;
    for (const line of out.split('\n')) {
      if (line.startsWith('#H ')) {
        const [, name, sha] = line.split(' ');
        const c = this.cache.get(name);
        if (c && c.hash === sha) snap.set(name, c);
        else changed.push({ name, sha });
      } else if (line.startsWith('#T ')) {
        cur = line.slice(3);
        snap.set(cur, { hash: '', lines: [] });
      } else if (line !== '' && cur) {
        const e = snap.get(cur);
        e.lines.push(line);
        e.hash = e.lines.join('\n');
      }
    }
    if (changed.length) {
      const sql = changed.flatMap(({ name }) => [`SELECT '#T ${name}';`, this.tables.find((t) => t.name === name).sql]);
      const rows = await this.query(sql.join('\n'));
      let name = null;
      const lines = new Map(changed.map((c) => [c.name, []]));
      for (const line of rows.split('\n')) {
        if (line.startsWith('#T ')) name = line.slice(3);
        else if (line !== '' && name) lines.get(name).push(line);
      }
      for (const { name: n, sha } of changed) {
        const e = { hash: sha, lines: lines.get(n) };
        this.cache.set(n, e);
        snap.set(n, e);
      }
    }
    await this.query('COMMIT;');
    return snap;
  }

  close() {
    try { this.proc?.stdin.end('.quit\n'); } catch { /* gone */ }
    try { this.proc?.kill(); } catch { /* gone */ }
  }
}

// Rows that differ between two snapshots: {table: {added: [lines], removed: [lines]}} (multiset).
export function diffSnapshots(before, after) {
  const changes = {};
  for (const [table, a] of after) {
    const b = before.get(table);
    if (b && b.hash === a.hash) continue;
    const count = new Map();
    for (const l of b ? b.lines : []) count.set(l, (count.get(l) || 0) + 1);
    const added = [];
    for (const l of a.lines) {
      const n = count.get(l) || 0;
      if (n > 0) count.set(l, n - 1);
      else added.push(l);
    }
    const removed = [];
    for (const [l, n] of count) for (let i = 0; i < n; i++) removed.push(l);
    if (added.length || removed.length) changes[table] = { added, removed };
  }
  for (const [table, b] of before) {
    if (!after.has(table) && b.lines.length) changes[table] = { added: [], removed: b.lines };
  }
  return changes;
}

// The primary key of a snapshot line (to match a changed row with its old version).
export function rowKey(table, line, watcher) {
  const t = watcher.tables.find((x) => x.name === table);
  const parts = line.split('|');
  return (t?.pk || [0]).map((i) => parts[i]).join('|');
}

// Decodes one snapshot line into [{col, type:'text'|'other', bytes?:Buffer, text}].
export function decodeRow(table, line, watcher) {
  const t = watcher.tables.find((x) => x.name === table);
  const parts = line.split('|');
  // Non-text values come from quote(): a string value containing '|' cannot occur there
  // (text is hex), but a blob X'..' or number never contains '|' either.
  return parts.map((p, i) => {
    const col = t ? t.cols[i] : String(i);
    if (p.startsWith('x')) {
      const bytes = Buffer.from(p.slice(1), 'hex');
      return { col, type: 'text', bytes, text: bytes.toString('utf8') };
    }
    return { col, type: 'other', text: p };
  });
}

// C0 controls other than tab / line feed / carriage return, and DEL; the C1 controls apart.
export const C0_DEL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const C1 = /[\u0080-\u009f]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const hex4 = (ch) => `U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
const lone = (v) => /[\ud800-\udfff]/.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));

function stringProblems(v, where = '') {
  const found = [];
  let m = v.match(C0_DEL);
  if (m) found.push({ kind: 'control', msg: `control character ${hex4(m[0])}${where}` });
  m = v.match(C1);
  if (m) found.push({ kind: 'c1', msg: `C1 control character ${hex4(m[0])}${where}` });
  if (lone(v)) found.push({ kind: 'utf8', msg: `lone surrogate${where}` });
  return found;
}

// Problems of one stored text value: [{kind: 'control'|'c1'|'utf8', msg}] — control characters
// (also inside JSON the value holds), bytes that are not UTF-8 (a lone surrogate as CESU-8).
export function textProblems(bytes) {
  let s;
  try {
    s = utf8.decode(bytes);
  } catch {
    return [{ kind: 'utf8', msg: 'bytes that are not UTF-8' }];
  }
  const found = stringProblems(s);
  const t = s.trimStart();
  if (!found.length && (t.startsWith('{') || t.startsWith('['))) {
    let doc;
    try { doc = JSON.parse(s); } catch { return found; }
    const walk = (v) => {
      if (typeof v === 'string') found.push(...stringProblems(v, ' inside stored JSON'));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { walk(k); walk(x); }
    };
    walk(doc);
  }
  return found;
}
