// Shared parts of the end-to-end tests: prerequisites, the Chromium launch, pages that collect
// browser errors, the screenshot and diagnostics on failure, accounts made through the API, the
// login form and a few locators for Element Plus forms.
//
//   (cd web && npm ci && npm run build) && (cd tests && npm ci) && node --test tests/e2e/
//
// Needs build/duibiao (or DUIBIAO_BIN) and web/dist; drives Debian's /usr/bin/chromium
// (CHROMIUM_PATH to override). On failure a screenshot is written to /tmp.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, Client, binary, repoRoot } from '../lib/server.mjs';

export const webDist = path.join(repoRoot, 'web', 'dist');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const TIMEOUT = 15000;

export const missing = [
  !existsSync(binary) && `${binary} is not built`,
  !existsSync(path.join(webDist, 'index.html')) && 'web/dist is not built (cd web && npm run build)',
  !existsSync(chromiumPath) && `${chromiumPath} not found`,
].filter(Boolean);

// The `skip` option of an end-to-end test. scripts/test sets DUIBIAO_E2E_REQUIRED: there a
// missing prerequisite is a failure, not a skip.
export function e2eSkip() {
  if (process.env.DUIBIAO_E2E_REQUIRED && missing.length) {
    throw new Error('end-to-end prerequisites missing: ' + missing.join('; '));
  }
  return missing.length ? missing.join('; ') : false;
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// A unique suffix for usernames, names and passwords of one run.
export const runSuffix = () => `${Date.now() % 1e6}${Math.floor(Math.random() * 1000)}`;

// Starts the real binary serving web/dist and a headless Chromium. `newPage()` opens a page in a
// fresh browser context (zh-CN, no shared cookies) whose errors are collected in `problems`;
// `fail(t, e, step)` writes a screenshot of the current page and the diagnostics, then rethrows;
// `close()` stops everything.
export async function startE2E(name, { viewport = { width: 1366, height: 900 } } = {}) {
  const server = await startServer({ web: webDist });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const problems = [];
  const watch = (page) => {
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push('console: ' + m.text()));
    return page;
  };
  const env = {
    server,
    browser,
    problems,
    page: null, // the page a failure screenshot is taken of (the last one opened unless set)
    async newContext() {
      return browser.newContext({ locale: 'zh-CN', viewport });
    },
    async newPage(context) {
      const ctx = context || (await env.newContext());
      env.page = watch(await ctx.newPage());
      return env.page;
    },
    async fail(t, e, step, page = env.page) {
      const shot = `/tmp/duibiao-e2e-${name}-${step}-${Date.now()}.png`;
      if (page) await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
      t.diagnostic(`failed at step "${step}"; screenshot: ${shot}; url: ${page ? page.url() : '—'}`);
      if (problems.length) t.diagnostic('browser problems:\n' + [...new Set(problems)].slice(0, 20).join('\n'));
      t.diagnostic('server output (tail):\n' + server.output().slice(-3000));
      throw e;
    },
    async close() {
      await browser.close().catch(() => {});
      await server.stop();
      server.cleanup();
    },
  };
  return env;
}

// ---- accounts through the API ------------------------------------------------------------------

// The administrator's API client (its first password is changed when the server asks for that).
export async function adminClient(server, suffix = runSuffix()) {
  const admin = new Client(server.base);
  const me = await admin.login('admin', server.adminPassword);
  if (me.must_change_password) {
    const newPw = `Admin${suffix}x9`;
    const c = await admin.post('/api/v1/auth/password', { old_password: server.adminPassword, new_password: newPw });
    assert.equal(c.status, 204, c.text);
    await admin.login('admin', newPw);
  }
  return admin;
}

// Makes a user through the API and sets the password the browser signs in with (accounts made
// by an administrator must change their password first). Returns the user's API client.
export async function makeUser(server, admin, { username, display_name, role, region_code, enterprise_id }, password) {
  const initial = `Init1al${username}`;
  let r = await admin.post('/api/v1/users', { username, display_name, role, region_code, enterprise_id, password: initial });
  assert.equal(r.status, 201, r.text);
  const c = new Client(server.base);
  await c.login(username, initial);
  r = await c.post('/api/v1/auth/password', { old_password: initial, new_password: password });
  assert.equal(r.status, 204, r.text);
  await c.login(username, password);
  return c;
}

// ---- locators and page helpers -----------------------------------------------------------------

// A label-addressed input (Element Plus links <label for> to the input's id).
export const field = (page, label) => page.getByLabel(label, { exact: true });
// The el-form-item whose label is `label`.
export const formItem = (page, label) =>
  page.locator('.el-form-item').filter({ has: page.locator('.el-form-item__label', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) });
export const testid = (scope, id) => scope.locator(`[data-testid="${id}"]`);

export async function waitForText(locator, text, what) {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: TIMEOUT }).catch((e) => {
    throw new Error(`${what}: "${text}" did not appear (${e.message.split('\n')[0]})`);
  });
}

// Fills and sends the login form of the page that is open.
export async function fillLogin(page, username, password) {
  await field(page, '用户名').fill(username);
  await field(page, '密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

// Opens /login, signs in and waits for the app.
export async function login(page, base, username, password) {
  await page.goto(base + '/login');
  await fillLogin(page, username, password);
  await page.waitForURL('**/app/**');
}

// Answers the Element Plus confirm box that an action opens.
export async function confirmBox(page) {
  const box = page.locator('.el-message-box').last();
  await box.waitFor({ state: 'visible' });
  await box.getByRole('button', { name: '确定' }).click();
  await box.waitFor({ state: 'hidden' });
}
