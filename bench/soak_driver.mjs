// The closed-loop driver of bench/soak: K clients, each waiting for its answer before the next
// request, play a reporting deadline day against one server for a given time — enterprises log
// in, create and save drafts, upload test reports and submit; the county, city and province
// offices and the national office work their queues up to publication; offices watch their
// dashboards; the public reads published results and verifies codes. Every answer must be 2xx.
// It samples the server's RSS every 5 s and prints, per window, the throughput, the errors, the
// p50 / p99 of reads and writes, and the memory; the raw figures go to OUT (JSON).
//
// Environment: BASE (server URL), PID (server process, for RSS), ADMIN_USER, ADMIN_PASSWORD,
// MINUTES, CLIENTS (16), ENTERPRISES_PER_CLIENT (8), WINDOW_SECONDS (300; 60 for runs under 15 minutes, 15 under 3), OUT,
// LABEL (backend name), SEED.
import { readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const env = process.env;
const BASE = env.BASE;
const PID = Number(env.PID);
const MINUTES = Number(env.MINUTES || 30);
const CLIENTS = Math.max(8, Number(env.CLIENTS || 16));
const ENTERPRISES_PER_CLIENT = Math.max(1, Number(env.ENTERPRISES_PER_CLIENT || 8));
const WINDOW = Number(env.WINDOW_SECONDS || (MINUTES >= 15 ? 300 : MINUTES >= 3 ? 60 : 15));
const LABEL = env.LABEL || 'server';
const API = BASE + '/api/v1';
let seed = Number(env.SEED || 1) >>> 0;
const rand = () => { seed = (seed + 0x6d2b79f5) >>> 0; let t = seed; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (a) => a[Math.floor(rand() * a.length)];

// ---------------------------------------------------------------- HTTP with cookies and CSRF
const samples = []; // [t_ms, kind(0 read, 1 write), ms, ok]
const errors = [];
let measuring = false;
const t0 = Date.now();
class Session {
  constructor(name) { this.name = name; this.cookies = new Map(); this.csrf = null; }
  async req(method, path, { json, body, headers = {}, kind } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (json !== undefined) { h['content-type'] = 'application/json'; body = JSON.stringify(json); }
    if (method !== 'GET' && this.csrf) h['x-csrf-token'] = this.csrf;
    const start = performance.now();
    let status = 0;
    let text = '';
    try {
      const res = await fetch(API + path, { method, headers: h, body });
      status = res.status;
      for (const line of res.headers.getSetCookie?.() || []) {
        const [pair] = line.split(';');
        const i = pair.indexOf('=');
        const v = pair.slice(i + 1).trim();
        if (v === '' || /max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, i).trim()); else this.cookies.set(pair.slice(0, i).trim(), v);
      }
      text = await res.text();
    } catch (e) {
      text = e.message;
    }
    const ms = performance.now() - start;
    const ok = status >= 200 && status < 300;
    if (measuring) {
      samples.push([Date.now() - t0, kind ?? (method === 'GET' ? 0 : 1), ms, ok ? 1 : 0]);
      if (!ok && errors.length < 50) errors.push(`${this.name}: ${method} ${path} → ${status} ${text.slice(0, 200)}`);
    }
    if (!ok) throw Object.assign(new Error(`${this.name}: ${method} ${path} → ${status} ${text.slice(0, 300)}`), { status });
    const body2 = text && text[0] === '{' ? JSON.parse(text) : text;
    if (body2 && typeof body2 === 'object' && typeof body2.csrf_token === 'string') this.csrf = body2.csrf_token;
    return body2;
  }
  get(p, o) { return this.req('GET', p, o); }
  post(p, json, o = {}) { return this.req('POST', p, { ...o, json }); }
  put(p, json) { return this.req('PUT', p, { json }); }
  async login(username, password) {
    this.cookies.clear();
    await this.get('/auth/csrf');
    const r = await this.post('/auth/login', { username, password });
    this.user = r.user;
    return this;
  }
}

// ---------------------------------------------------------------- the world
const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const YEAR = Number(today.slice(0, 4));
const rows = (fileHash) => [
  { enterprise_requirement: '≥0.85', measured_value: '0.88', report_number: 'BG-2026-301', lab: '宁波市产品质量检验研究院', report_date: today, ...(fileHash ? { file_hash: fileHash } : {}) },
  { enterprise_requirement: '≤60 dB(A)', measured_value: '58', report_number: 'BG-2026-301', lab: '宁波市产品质量检验研究院', report_date: today },
  { enterprise_requirement: '≤0.75 mA', measured_value: '0.5', report_number: 'BG-2026-302', lab: '宁波市产品质量检验研究院', report_date: today },
];
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCode(region, n) {
  const first = '91' + region + String(n).padStart(8, '0') + 'X'.replace('X', CHARS[n % 31]);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first[i]) * WEIGHTS[i];
  return first + CHARS[(31 - (sum % 31)) % 31];
}
const tag = randomBytes(3).toString('hex');
const PASSWORD = `Soak${tag}Pw123`;

async function setup() {
  const admin = await new Session('admin').login(env.ADMIN_USER, env.ADMIN_PASSWORD);
  const mk = async (name, role, region_code) => {
    await admin.post('/users', { username: `soak_${tag}_${name}`, display_name: name, role, password: PASSWORD, ...(region_code ? { region_code } : {}) });
    const s = await new Session(name).login(`soak_${tag}_${name}`, PASSWORD);
    if (s.user.must_change_password) {
      await s.post('/auth/password', { old_password: PASSWORD, new_password: PASSWORD + 'x' });
      await s.login(`soak_${tag}_${name}`, PASSWORD + 'x');
    }
    s.password = s.user.must_change_password ? PASSWORD + 'x' : PASSWORD;
    return s;
  };
  const national = await mk('national', 'national_office');
  const tech = await mk('tech', 'technical_body');
  const county = await mk('county', 'county_regulator', '330203');
  const city = await mk('city', 'city_regulator', '330200');
  const province = await mk('province', 'province_regulator', '330000');
  // the plan every result is made against
  await national.post('/standards', { number: 'IEC 60456:2010', title_zh: '对标标准' }).catch((e) => { if (e.status !== 409) throw e; });
  const plan = await tech.post('/plans', {
    product: '家用电动洗衣机', industry_code: '38', author_org: '宁波市标准化研究院', summary: '洗衣机性能指标对标 IEC',
    standards: [{ role: 'domestic', number: 'GB/T 4288-2018' }, { role: 'benchmark', number: 'IEC 60456:2010' }],
    indicators: [
      { name: '洗净比', unit: '', domestic_requirement: '≥0.70', benchmark_requirement: '≥0.80', core: true },
      { name: '噪声', unit: 'dB(A)', domestic_requirement: '≤62', benchmark_requirement: '≤65 dB(A)', core: true },
      { name: '泄漏电流', unit: 'mA', domestic_requirement: '≤0.75 mA', benchmark_requirement: '≤0.75mA', safety: true },
    ],
  });
  await tech.post(`/plans/${plan.id}/actions`, { action: 'submit' });
  await tech.post(`/plans/${plan.id}/actions`, { action: 'notice', notice_start: today, notice_end: today });
  const published = await national.post(`/plans/${plan.id}/actions`, { action: 'publish' });
  // enterprises of 海曙, members of the city's campaign
  const ents = [];
  const nEnt = (CLIENTS - 8) * ENTERPRISES_PER_CLIENT;
  for (let i = 0; i < nEnt; i++) {
    const s = new Session(`ent${i}`);
    await s.get('/auth/csrf');
    const username = `soak_${tag}_ent${i}`;
    const r = await s.post('/enterprises/register', {
      enterprise: { name: `浸泡测试${tag}企业${i}有限公司`, credit_code: creditCode('330203', Number.parseInt(tag, 16) % 1e6 * 100 + i), region_code: '330203', industry_code: '38', contact_name: '张三', contact_phone: '0574-87654321', contact_email: 'c@example.com', address: '宁波', flags: ['above_size'] },
      user: { username, password: PASSWORD, display_name: '企业联系人' },
    });
    s.username = username;
    s.enterprise = r.enterprise;
    ents.push(s);
  }
  const campaign = await city.post('/campaigns', {
    name: `${YEAR}年宁波市对标达标专项行动（浸泡测试 ${tag}）`, year: YEAR, description: '浸泡测试', start_date: today, end_date: `${YEAR + 1}-12-31`,
    industries: ['38'], batches: [], phases: [], targets: [], regions: [{ region_code: '330203', quota: 100 }],
  });
  await city.post(`/campaigns/${campaign.id}/members`, { enterprise_ids: ents.map((e) => e.enterprise.id) });
  return { admin, national, tech, county, city, province, plan: published, ents, campaign };
}

// ---------------------------------------------------------------- the clients
const published = []; // verification codes of published results
const pdf = (n) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(n)]);

// One client plays the enterprises of its group in turn, one step each: on a deadline day many
// enterprises each submit a few results (with one enterprise per client, each made thousands of
// products and results in 30 minutes, and its own lists and counts grew with them).
async function enterpriseLoop(group, w, until) {
  for (const s of group) {
    await s.login(s.username, PASSWORD);
    s.drafts = []; // {id, version, saves, file}
    s.products = 0;
  }
  let turn = 0;
  while (Date.now() < until) {
    const s = group[turn++ % group.length];
    const drafts = s.drafts;
    const roll = rand();
    if (roll < 0.04) { await s.login(s.username, PASSWORD); continue; } // log in again (a new session)
    if (roll < 0.20) { await s.get('/workbench'); continue; }
    if (roll < 0.30) { await s.get('/results?page_size=20'); continue; }
    if (!drafts.length || roll < 0.36) {
      const p = await s.post('/products', { name: `洗衣机${s.products++}`, model: 'XQB80', category: '洗衣机', industry_code: '38', standards: ['GB/T 4288-2018'], enterprise_standard: 'Q/NBHS 001-2020' });
      await s.post(`/products/${p.id}/selection`, { selected: true });
      const r = await s.post('/results', { product_id: p.id, plan_id: w.plan.id });
      await s.post(`/products/${p.id}/selection`, { selected: false });
      drafts.push({ id: r.id, version: r.version, saves: 0, file: null });
      continue;
    }
    const d = pick(drafts);
    if (roll < 0.46) { // upload a test report for it
      const u = await s.req('POST', '/files?name=report.pdf', { body: pdf(20000 + Math.floor(rand() * 200000)), headers: { 'content-type': 'application/pdf' } });
      d.file = u.hash;
      continue;
    }
    if (d.saves < 2 || roll < 0.80) {
      const r = await s.put(`/results/${d.id}`, { version: d.version, enterprise_standard: 'Q/NBHS 001-2020', indicators: rows(d.file), conclusion: `各项指标达到或优于对标标准（第${d.saves + 1}稿）` });
      d.version = r.version;
      d.saves++;
      continue;
    }
    const r = await s.post(`/results/${d.id}/submit`, { version: d.version });
    d.version = r.version;
    drafts.splice(drafts.indexOf(d), 1);
    // a result the county returned comes back to the drafts of its owner
    const back = await s.get('/results?status=returned&page_size=5');
    for (const x of back.items || []) if (!drafts.some((y) => y.id === x.id)) drafts.push({ id: x.id, version: x.version, saves: 2, file: null });
  }
}

// An office works its queue: the oldest waiting result first, passed on (the county returns one
// in ten); the national office accepts and publishes.
async function officeLoop(s, until, { returns = 0, publish = false }) {
  while (Date.now() < until) {
    const q = await s.get('/results?queue=1&page_size=10');
    if (!q.items?.length) { await s.get('/workbench'); await new Promise((r) => setTimeout(r, 50)); continue; }
    const item = q.items[0];
    const r = await s.get(`/results/${item.id}`);
    const action = rand() < returns ? 'return' : 'pass';
    const moved = await s.post(`/results/${item.id}/review`, { version: r.version, action, comment: action === 'return' ? '请补充检测报告' : '同意' });
    if (publish && moved.status === 'accepted') {
      const p = await s.post(`/results/${item.id}/review`, { version: moved.version, action: 'publish' });
      if (p.code) published.push(p.code);
    }
  }
}

async function dashboardLoop(offices, campaign, until) {
  while (Date.now() < until) {
    const s = pick(offices);
    await (rand() < 0.7 ? s.get(`/campaigns/${campaign.id}/stats`) : s.get('/workbench'));
  }
}

async function publicLoop(s, until) {
  while (Date.now() < until) {
    if (published.length && rand() < 0.6) await s.get(`/public/results/${pick(published)}`);
    else await s.get('/public/results?page_size=20');
  }
}

// ---------------------------------------------------------------- memory
const rss = []; // [t_ms, bytes]
function sampleRss() {
  try {
    // RssAnon: the process's own memory. VmRSS also counts the pages of the memory-mapped SQLite
    // database it has read (page cache the kernel reclaims at will), which grow with the data.
    const m = readFileSync(`/proc/${PID}/status`, 'utf8').match(/RssAnon:\s+(\d+) kB/);
    if (m) rss.push([Date.now() - t0, Number(m[1]) * 1024]);
  } catch { /* gone */ }
}

// ---------------------------------------------------------------- run
const quantile = (xs, q) => { if (!xs.length) return NaN; const s = Float64Array.from(xs).sort(); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const fmt = (x) => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(1));

const w = await setup();
const start = Date.now();
const until = start + MINUTES * 60e3;
measuring = true;
const startMs = start - t0;
sampleRss();
const rssTimer = setInterval(sampleRss, 5000);
const failures = [];
const guard = (p) => p.catch((e) => { failures.push(e.message); });
const publicSessions = [new Session('public0'), new Session('public1')];
const viewer = [w.city, w.province, w.national];
const loops = [
  ...Array.from({ length: CLIENTS - 8 }, (_, j) => w.ents.slice(j * ENTERPRISES_PER_CLIENT, (j + 1) * ENTERPRISES_PER_CLIENT))
    .map((group) => guard(enterpriseLoop(group, w, until))),
  guard(officeLoop(w.county, until, { returns: 0.1 })),
  guard(officeLoop(w.city, until, {})),
  guard(officeLoop(w.province, until, {})),
  guard(officeLoop(w.national, until, { publish: true })),
  guard(dashboardLoop(viewer, w.campaign, until)),
  guard(dashboardLoop(viewer, w.campaign, until)),
  ...publicSessions.map((s) => guard(publicLoop(s, until))),
];
await Promise.all(loops);
measuring = false;
clearInterval(rssTimer);
sampleRss();

// per window
const table = [];
const nWin = Math.max(1, Math.ceil((MINUTES * 60) / WINDOW - 1e-9));
for (let k = 0; k < nWin; k++) {
  const lo = startMs + k * WINDOW * 1000;
  const hi = lo + WINDOW * 1000;
  const inW = samples.filter((x) => x[0] >= lo && x[0] < hi);
  const reads = inW.filter((x) => x[1] === 0).map((x) => x[2]);
  const writes = inW.filter((x) => x[1] === 1).map((x) => x[2]);
  const mem = rss.filter((x) => x[0] >= lo && x[0] < hi + 5000).map((x) => x[1]);
  const secs = Math.min(WINDOW, (Math.min(hi, Date.now() - t0) - lo) / 1000);
  table.push({
    window: k + 1, from_s: Math.round((lo - startMs) / 1000), requests: inW.length, rps: inW.length / secs,
    errors: inW.filter((x) => !x[3]).length,
    read_p50: quantile(reads, 0.5), read_p99: quantile(reads, 0.99), write_p50: quantile(writes, 0.5), write_p99: quantile(writes, 0.99),
    rss_mib: mem.length ? mem[mem.length - 1] / 1048576 : NaN, rss_max_mib: mem.length ? Math.max(...mem) / 1048576 : NaN,
  });
}
const unit = WINDOW >= 60 ? `${WINDOW / 60} min` : `${WINDOW} s`;
console.log(`\n${LABEL}: ${MINUTES} min, ${CLIENTS} closed-loop clients (${w.ents.length} enterprises played by ${CLIENTS - 8}, 4 offices, 2 dashboards, 2 public), windows of ${unit}`);
console.log('| window | req/s | errors | read p50 | read p99 | write p50 | write p99 | RssAnon (MiB) |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of table) console.log(`| ${r.window} (from ${r.from_s} s) | ${Math.round(r.rps)} | ${r.errors} | ${fmt(r.read_p50)} ms | ${fmt(r.read_p99)} ms | ${fmt(r.write_p50)} ms | ${fmt(r.write_p99)} ms | ${fmt(r.rss_mib)} |`);
const total = samples.length;
const errs = samples.filter((x) => !x[3]).length;
console.log(`${total} requests, ${errs} errors, ${published.length} results published; RssAnon samples every 5 s: first ${fmt(rss[0][1] / 1048576)} MiB, after the first window ${fmt(table[0].rss_mib)} MiB, last ${fmt(rss[rss.length - 1][1] / 1048576)} MiB, max ${fmt(Math.max(...rss.map((x) => x[1])) / 1048576)} MiB`);
if (env.OUT) writeFileSync(env.OUT, JSON.stringify({ label: LABEL, minutes: MINUTES, clients: CLIENTS, enterprises: w.ents.length, window_seconds: WINDOW, table, rss, requests: total, errors: errs, published: published.length }, null, 1));

let bad = false;
if (errs || failures.length) {
  bad = true;
  console.error(`FAIL: ${errs} error answers`);
  for (const e of [...errors, ...failures].slice(0, 20)) console.error('  ' + e);
}
// Memory: growth after the first window must stay bounded. The bound is loose on purpose (a
// leak of a few KB per request passes it only in short runs; the table shows the trend).
const warm = table[0].rss_mib;
const last = rss[rss.length - 1][1] / 1048576;
if (last > 2 * warm + 100) { bad = true; console.error(`FAIL: RssAnon grew from ${fmt(warm)} MiB after the first window to ${fmt(last)} MiB`); }
process.exit(bad ? 1 : 0);
