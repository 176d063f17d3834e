// The check that stays: every page of every role, on the demo data, at 1280×800 and 1440×900 in
// Chromium. A page fails on
//   - a horizontal scrollbar in the page body (the document or the app's main area is wider than
//     the window),
//   - a table that does not fit its box (the fixed 操作 column would then cover data) or a table
//     header whose text is cut (scrollWidth > clientWidth),
//   - visible text matching [a-z_]{4,} in the zh-CN UI outside code and numbers (an English word,
//     an internal name or a raw identifier leaking into a Chinese page),
//   - an unhandled error or a console error (a failed request included),
//   - an app page without breadcrumbs or without its own window title.
// Pages are not listed here: the test reads the app's own router (every route without
// parameters, and those with parameters filled from the first row of the list behind them) and
// lets the router's guard decide which ones a role may open, so pages added later are checked
// as soon as they land. Screenshots of every page are kept under build/e2e-screens/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer, Client, binary, repoRoot } from '../lib/server.mjs';
import { e2eSkip, webDist, chromiumPath, CHROMIUM_ARGS, fillLogin } from './lib.mjs';

const skip = e2eSkip();
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
];
const SCREENS = path.join(repoRoot, 'build', 'e2e-screens');
// One account per role of the demo (`duibiao demo load`).
const ROLE_ACCOUNTS = ['admin', 'demo_national', 'demo_zhejiang', 'demo_ningbo', 'demo_haishu', 'demo_tech', 'demo_expert', 'demo_ent1'];

let dataDir, server, browser;
const accounts = {};

before(async () => {
  if (skip) return;
  dataDir = mkdtempSync(path.join(tmpdir(), 'duibiao-pages-'));
  const out = execFileSync(binary, ['demo', 'load', '--data', dataDir], { encoding: 'utf8' });
  for (const m of out.matchAll(/^\s+(\S+)\s{2}(\S+)\s{2}/gm)) accounts[m[1]] = m[2];
  server = await startServer({ dataDir, web: webDist });
  // The demo's administrator must choose its own password first: done through the API.
  const admin = new Client(server.base);
  const me = await admin.login('admin', accounts.admin);
  if (me.must_change_password) {
    const pw = 'Pages' + Date.now() + 'x9';
    const r = await admin.post('/api/v1/auth/password', { old_password: accounts.admin, new_password: pw });
    assert.equal(r.status, 204, r.text);
    accounts.admin = pw;
  }
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  mkdirSync(SCREENS, { recursive: true });
  writeFileSync(path.join(SCREENS, 'problems.txt'), '');
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// ---- what is checked on a page (runs in the browser) --------------------------------------------
function inspectPage() {
  const problems = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) !== 0;
  };
  // every page of the app: breadcrumbs and its own window title
  if (location.pathname.startsWith('/app') || location.pathname.startsWith('/account')) {
    const crumbs = document.querySelector('[data-testid="breadcrumb"]');
    if (!crumbs || !crumbs.textContent.trim()) problems.push('no breadcrumbs');
    if (!/ - /.test(document.title)) problems.push(`no page title in the window title ("${document.title}")`);
  }
  const doc = document.scrollingElement || document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`horizontal scrollbar: page ${doc.scrollWidth}px wide in a ${doc.clientWidth}px window`);
  const main = document.querySelector('.app-main');
  if (main && main.scrollWidth > main.clientWidth + 1) problems.push(`horizontal scrollbar: main area ${main.scrollWidth}px wide in ${main.clientWidth}px`);
  // tables: fit their box, headers not cut
  document.querySelectorAll('.el-table').forEach((table, ti) => {
    if (!visible(table)) return;
    const name = table.getAttribute('data-testid') || `table ${ti + 1}`;
    const wrap = table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap') || table.querySelector('.el-table__body-wrapper');
    if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) problems.push(`${name}: does not fit (${wrap.scrollWidth}px of columns in ${wrap.clientWidth}px)`);
    table.querySelectorAll('.el-table__header-wrapper th .cell').forEach((cell) => {
      if (!visible(cell)) return;
      if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`${name}: header "${cell.textContent.trim()}" cut (${cell.scrollWidth} > ${cell.clientWidth})`);
    });
  });
  // English words and internal names in visible text, outside code and numbers
  // exempt: code and numbers, identifiers shown as such (.mono: usernames, codes), text marked as
  // English on purpose (lang="en": the English title of a foreign standard), what the user typed
  const exempt = 'code, pre, kbd, samp, .mono, .num, [lang="en"], .el-input__inner, textarea, script, style, svg';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue;
    if (!text || !/[a-z_]{4,}/.test(text)) continue;
    const el = n.parentElement;
    if (!el || el.closest(exempt) || !visible(el)) continue;
    // URLs and e-mail addresses are data, not words of the interface
    const words = text.replace(/\b(?:https?:\/\/|www\.)\S+/g, '').replace(/\S+@\S+\.\S+/g, '').match(/[a-z_]{4,}/g);
    if (!words) continue;
    const key = text.trim().slice(0, 80);
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(`latin text "${key}" (${words.join(', ')}) in <${el.tagName.toLowerCase()} class="${el.className}">`);
  }
  // placeholders are visible text too
  document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach((el) => {
    const p = el.getAttribute('placeholder') || '';
    if (visible(el) && /[a-z_]{4,}/.test(p.replace(/\b(?:https?:\/\/)\S+/g, '')) && !el.closest('[lang="en"]')) problems.push(`latin placeholder "${p}"`);
  });
  return problems;
}

// ---- the router of the running app -------------------------------------------------------------
async function appRoutes(page) {
  return page.evaluate(() => {
    const router = document.querySelector('#app').__vue_app__.config.globalProperties.$router;
    return router
      .getRoutes()
      .filter((r) => r.name && !r.redirect && !r.path.includes('pathMatch'))
      .map((r) => ({ name: String(r.name), path: r.path, public: !!r.meta.public, guestOnly: !!r.meta.guestOnly }));
  });
}

// Fills the parameters of a route from the first row of the list behind it, read through the API
// as the role sees it. /app/<list>/:id → GET /api/v1/<list>?page_size=1 (my-results → results);
// /verify/:code and /plans/number/:number from the public results and published plans.
async function sampleParams(client, route) {
  const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  if (!params.length) return {};
  const first = async (url, pick) => {
    const r = await client.get(url);
    const item = r.status === 200 && r.body && Array.isArray(r.body.items) ? r.body.items.find(pick || (() => true)) : null;
    return item || null;
  };
  if (route.name === 'verify') {
    const r = await first('/api/v1/public/results?page_size=1');
    return r ? { code: r.code } : null;
  }
  if (params.includes('number')) {
    const r = await first('/api/v1/plans?status=published&page_size=1');
    return r && r.plan_number ? { number: r.plan_number } : null;
  }
  const segs = route.path.split('/').filter((s) => s && !s.startsWith(':'));
  const list = segs[0] === 'app' ? segs[1] : segs[0];
  const api = list === 'my-results' ? 'results' : list;
  const editing = /\/edit$/.test(route.path);
  // an editor opens rows the role may edit: drafts of plans, campaigns it runs
  const pick = editing ? (x) => x.can_edit !== false && (!x.status || ['draft', 'consultation'].includes(x.status)) : undefined;
  const item = await first(`/api/v1/${api}?page_size=50`, pick);
  if (!item || item.id === undefined) return null;
  return { id: String(item.id) };
}

const fillPath = (p, params) => p.replace(/:(\w+)(\([^)]*\))?/g, (m, k) => encodeURIComponent(params[k]));

// Opens `path` inside the running app (the router, as a click on a link would) and waits until
// the page has settled; returns the name of the route the guard let it land on.
async function open(page, target, { fresh = false } = {}) {
  if (fresh) await page.goto(server.base + target, { waitUntil: 'load' });
  else
    await page.evaluate(async (to) => {
      const router = document.querySelector('#app').__vue_app__.config.globalProperties.$router;
      await router.push(to).catch(() => {});
    }, target);
  await settle(page);
  return page.evaluate(() => {
    const r = document.querySelector('#app').__vue_app__.config.globalProperties.$router.currentRoute.value;
    return { name: String(r.name), path: r.fullPath };
  });
}

// Quiet: no request in flight for 120 ms (lazy chunks, API calls and the charts' chunk), and no
// loading mask left on the page.
async function settle(page) {
  const deadline = Date.now() + 10000;
  let quietSince = Date.now();
  await page.waitForTimeout(40);
  while (Date.now() < deadline) {
    if (page.inflight > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 120) break;
    await page.waitForTimeout(30);
  }
  await page
    .waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((m) => m.offsetParent !== null), null, { timeout: 5000 })
    .catch(() => {});
}

const slug = (s) => s.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '');

async function visitAll(t, who, { username, password }) {
  const failures = [];
  let visited = 0;
  const client = new Client(server.base);
  if (username) await client.login(username, password);
  const samples = new Map(); // route name → its parameters (the same at both sizes)
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport });
    const page = await context.newPage();
    page.inflight = 0;
    page.on('request', () => page.inflight++);
    page.on('requestfinished', () => page.inflight--);
    page.on('requestfailed', () => page.inflight--);
    let errors = [];
    page.on('pageerror', (e) => errors.push('unhandled error: ' + e.message));
    // A failed request shows as a console error too ("Failed to load resource"): it is reported
    // once, by the response listener, which knows the one failure that is expected: a visitor's
    // GET /auth/me (401: not signed in, the app shows the public pages).
    page.on('console', (m) => m.type() === 'error' && !/^Failed to load resource/.test(m.text()) && errors.push('console error: ' + m.text()));
    page.on('response', (r) => {
      if (r.status() < 400) return;
      const url = new URL(r.url());
      if (!username && r.status() === 401 && url.pathname === '/api/v1/auth/me') return;
      errors.push(`request failed: ${r.status()} ${r.request().method()} ${url.pathname}`);
    });
    if (username) {
      await page.goto(server.base + '/login');
      await fillLogin(page, username, password);
      await page.waitForURL('**/app/**');
    } else {
      await page.goto(server.base + '/');
    }
    await settle(page);
    errors = [];
    const routes = await appRoutes(page);
    for (const route of routes) {
      // public pages are the visitor's (a signed-in user sees the same components in /app/…)
      if (username ? route.public : !route.public) continue;
      if (route.name === 'app-home') continue; // resolves to the role's home, visited by name
      if (!samples.has(route.name)) samples.set(route.name, await sampleParams(client, route));
      const params = samples.get(route.name);
      if (params === null) {
        if (viewport === VIEWPORTS[0]) t.diagnostic(`${who}: ${route.name} — no row to open (${route.path})`);
        continue;
      }
      const target = fillPath(route.path, params);
      const t0 = Date.now();
      const landed = await open(page, target, { fresh: !username });
      if (landed.name !== route.name) continue; // the guard refused the role: not its page
      visited++;
      const where = `${who} ${viewport.width}px ${landed.path}`;
      const found = await page.evaluate(inspectPage);
      for (const p of [...found, ...errors]) failures.push(`${where}: ${p}`);
      errors = [];
      const t1 = Date.now();
      await page.screenshot({ path: path.join(SCREENS, `${slug(who)}-${slug(route.name)}-${viewport.width}.png`) });
      if (process.env.PAGES_TIMING) console.log(`timing ${where} open+check ${t1 - t0} ms, screenshot ${Date.now() - t1} ms`);
    }
    // the 404 page
    if (!username) {
      await open(page, '/no-such-page', { fresh: true });
      for (const p of [...(await page.evaluate(inspectPage)), ...errors]) failures.push(`${who} ${viewport.width}px 404: ${p}`);
      await page.screenshot({ path: path.join(SCREENS, `${slug(who)}-not-found-${viewport.width}.png`), fullPage: true });
      visited++;
    }
    await context.close();
  }
  return { failures, visited };
}

test('every page of every role fits, speaks Chinese and logs no error', { skip, timeout: 900000 }, async (t) => {
  const roles = [{ who: 'public' }, ...ROLE_ACCOUNTS.map((u) => ({ who: u, username: u, password: accounts[u] }))];
  for (const r of roles) assert.ok(!r.username || r.password, `the demo printed the password of ${r.username}`);
  // two roles at a time: each in its own browser context
  const results = [];
  const queue = [...roles];
  await Promise.all(
    [0, 1].map(async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        const out = { who: r.who, ...(await visitAll(t, r.who, r)) };
        results.push(out);
        // written as each role finishes, so a slow run still leaves what it found
        appendFileSync(path.join(SCREENS, 'problems.txt'), out.failures.map((f) => f + '\n').join(''));
      }
    }),
  );
  let pages = 0;
  const all = [];
  for (const r of results) {
    t.diagnostic(`${r.who}: ${r.visited} pages checked`);
    assert.ok(r.visited >= 4, `${r.who} reached at least its home, catalog, plans and one more page (${r.visited})`);
    pages += r.visited;
    all.push(...r.failures);
  }
  const problems = [...new Set(all)];
  t.diagnostic(`${pages} page views; screenshots in ${SCREENS}`);
  assert.deepEqual(problems, [], 'pages with problems');
});
